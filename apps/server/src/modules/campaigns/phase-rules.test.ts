import { describe, expect, it } from 'vitest';
import { endOfShanghaiDay, shanghaiMidnight } from '../../platform/clock/index.ts';
import {
  type CampaignPhases,
  phaseAllows,
  whyNotLive,
  whyNotPhase,
  whyNotScore,
  whyNotScreenPhase,
  whyNotVote,
} from './phase-rules.ts';

// Two phases in Shanghai days: voting on 16–20 March 2022, scoring (and the live final) on 21 March.
const campaign: CampaignPhases = {
  status: 'published',
  phases: [
    { startsAt: shanghaiMidnight('2022-03-16'), endsAt: endOfShanghaiDay('2022-03-20'), capabilities: ['canVote'] },
    { startsAt: shanghaiMidnight('2022-03-21'), endsAt: endOfShanghaiDay('2022-03-21'), capabilities: ['canScore', 'live'] },
  ],
};
const at = (iso: string) => new Date(iso);

describe('issue 8 item 5: one helper per phase capability, at the Asia/Shanghai day boundaries (X-2)', () => {
  it('X-2 voting opens at 00:00:00 on its first day and closes after 23:59:59.999 of its last, Shanghai time', () => {
    expect(whyNotVote(campaign, at('2022-03-15T15:59:59.999Z'))).toBe('WRONG_PHASE'); // 15 March 23:59:59.999
    expect(whyNotVote(campaign, at('2022-03-15T16:00:00.000Z'))).toBeNull(); // 16 March 00:00
    expect(whyNotVote(campaign, at('2022-03-20T15:59:59.000Z'))).toBeNull(); // 20 March 23:59:59
    expect(whyNotVote(campaign, at('2022-03-20T16:00:00.000Z'))).toBe('PHASE_CLOSED'); // 21 March 00:00
  });

  it('scoring and the live final belong to their own phase only', () => {
    expect([whyNotScore(campaign, at('2022-03-20T15:59:59.000Z')), whyNotLive(campaign, at('2022-03-20T15:59:59.000Z'))]).toEqual(
      ['WRONG_PHASE', 'WRONG_PHASE'],
    );
    expect([whyNotScore(campaign, at('2022-03-20T16:00:00.000Z')), whyNotLive(campaign, at('2022-03-20T16:00:00.000Z'))]).toEqual(
      [null, null],
    );
    expect(whyNotScore(campaign, at('2022-03-21T16:00:00.000Z'))).toBe('PHASE_CLOSED');
  });

  it('a capability no phase carries is WRONG_PHASE, never allowed', () => {
    expect(whyNotScreenPhase(campaign, at('2022-03-17T02:00:00.000Z'))).toBe('WRONG_PHASE');
    expect(phaseAllows(campaign, 'canSubmit', at('2022-03-17T02:00:00.000Z'))).toBe(false);
    expect(phaseAllows(campaign, 'canVote', at('2022-03-17T02:00:00.000Z'))).toBe(true);
  });

  it('a draft call allows nothing (WRONG_PHASE); a closed one is over (PHASE_CLOSED) even inside its dates', () => {
    expect(whyNotPhase({ ...campaign, status: 'draft' }, 'canVote', at('2022-03-17T02:00:00.000Z'))).toBe('WRONG_PHASE');
    expect(whyNotPhase({ ...campaign, status: 'closed' }, 'canVote', at('2022-03-17T02:00:00.000Z'))).toBe('PHASE_CLOSED');
  });
});
