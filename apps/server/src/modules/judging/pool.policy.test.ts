import type { JudgeStatus } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import { judgeAbilities, type PoolAccess, panelProblems } from './pool.policy.ts';

const person = (id: string): Actor => ({ id, name: id, role: 'user', locale: 'zh-CN', organizationId: null });
const judgeOf = (status: JudgeStatus, userId: string | null = 'judge-user') => ({ status, userId });

describe('pool policy (issue 10 item 1, X-4)', () => {
  it('X-4: to a caller outside the organizer every ability on another organizer’s judge is NOT_FOUND, never FORBIDDEN', () => {
    expect(judgeAbilities(null, person('stranger'), judgeOf('active'))).toEqual({
      declareConflicts: 'NOT_FOUND',
      reinvite: 'NOT_FOUND',
      remove: 'NOT_FOUND',
      seat: 'NOT_FOUND',
    });
    expect(judgeAbilities(null, null, judgeOf('invited', null))).toEqual({
      declareConflicts: 'NOT_FOUND',
      reinvite: 'NOT_FOUND',
      remove: 'NOT_FOUND',
      seat: 'NOT_FOUND',
    });
  });

  it('a manager declares conflicts, removes and seats an active judge (not re-invited: WRONG_STATUS); a screener only sees (FORBIDDEN)', () => {
    for (const access of ['manager', 'platform'] as PoolAccess[]) {
      expect(judgeAbilities(access, person('m'), judgeOf('active'))).toEqual({
        declareConflicts: true,
        reinvite: 'WRONG_STATUS',
        remove: true,
        seat: true,
      });
    }
    expect(judgeAbilities('screener', person('s'), judgeOf('active'))).toEqual({
      declareConflicts: 'FORBIDDEN',
      reinvite: 'FORBIDDEN',
      remove: 'FORBIDDEN',
      seat: 'FORBIDDEN',
    });
  });

  it('the judge themself declares their own conflicts but does not remove themself, and panels are not theirs to see', () => {
    expect(judgeAbilities(null, person('judge-user'), judgeOf('active'))).toEqual({
      declareConflicts: true,
      reinvite: 'FORBIDDEN',
      remove: 'FORBIDDEN',
      seat: 'NOT_FOUND',
    });
  });

  it('by status: an invitation may be withdrawn but not seated or re-sent; declined and removed judges may only be invited again', () => {
    expect(judgeAbilities('manager', person('m'), judgeOf('invited', null))).toEqual({
      declareConflicts: true,
      reinvite: 'WRONG_STATUS',
      remove: true,
      seat: 'WRONG_STATUS',
    });
    for (const status of ['declined', 'removed'] as const) {
      expect(judgeAbilities('manager', person('m'), judgeOf(status))).toEqual({
        declareConflicts: 'WRONG_STATUS',
        reinvite: true,
        remove: 'WRONG_STATUS',
        seat: 'WRONG_STATUS',
      });
    }
  });
});

describe('panel check (issue 10 item 1: lead judge 组长 per theme)', () => {
  const facts = {
    themeIds: new Set(['t1', 't2']),
    judges: new Map<string, JudgeStatus>([
      ['a', 'active'],
      ['b', 'active'],
      ['inv', 'invited'],
    ]),
  };

  it('accepts a panel with one lead per theme', () => {
    expect(
      panelProblems(
        {
          members: [
            { judgeId: 'a', themeIds: ['t1', 't2'], leadThemeIds: ['t1'] },
            { judgeId: 'b', themeIds: ['t1', 't2'], leadThemeIds: ['t2'] },
          ],
        },
        facts,
      ),
    ).toEqual([]);
  });

  it('names each problem by its path: a judge not active or not in the pool, twice, a foreign theme, a lead off the judge’s themes, two leads', () => {
    expect(
      panelProblems(
        {
          members: [
            { judgeId: 'a', themeIds: ['t1', 'elsewhere', 't1'], leadThemeIds: ['t1', 't2'] },
            { judgeId: 'b', themeIds: ['t1'], leadThemeIds: ['t1'] },
            { judgeId: 'inv', themeIds: ['t1'], leadThemeIds: [] },
            { judgeId: 'other-pool', themeIds: ['t1'], leadThemeIds: [] },
            { judgeId: 'a', themeIds: ['t2'], leadThemeIds: [] },
          ],
        },
        facts,
      ),
    ).toEqual([
      { path: 'members.0.themeIds.1', code: 'INVALID_CHOICE' },
      { path: 'members.0.themeIds.2', code: 'DUPLICATE' },
      { path: 'members.0.leadThemeIds.1', code: 'INVALID' },
      { path: 'members.1.leadThemeIds.0', code: 'DUPLICATE' },
      { path: 'members.2.judgeId', code: 'INVALID_CHOICE' },
      { path: 'members.3.judgeId', code: 'INVALID_CHOICE' },
      { path: 'members.4.judgeId', code: 'DUPLICATE' },
    ]);
  });
});
