import { SEED_000_SHEET } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { prepareRound, rankRound, type SheetScores } from './aggregate.ts';
import { agreement } from './agreement.ts';

const overall = (judgeId: string, entryId: string, x: number): SheetScores => ({ judgeId, entryId, scores: { overall: x } });
const entries = ['A', 'B', 'C'].map((entryId) => ({ entryId, groupKey: 'theme-1' }));
const sheets = [
  ...[80, 70, 60].map((x, i) => overall('j1', entries[i]?.entryId ?? '', x)),
  ...[90, 60, 75].map((x, i) => overall('j2', entries[i]?.entryId ?? '', x)),
  ...[70, 85, 65].map((x, i) => overall('j3', entries[i]?.entryId ?? '', x)),
];

describe('prepareRound: one layout of the sheets for several methods and the agreement', () => {
  it('X-3: ranking and agreement from a prepared round equal those computed from the input alone', () => {
    const input = { spec: SEED_000_SHEET, entries, sheets };
    const prepared = prepareRound(input);
    for (const method of ['mean', 'median', 'trimmed', 'zscore'] as const) {
      expect(rankRound({ ...input, method }, prepared)).toEqual(rankRound({ ...input, method }));
    }
    expect(agreement(input, prepared)).toEqual(agreement(input));
  });

  it('a round prepared from other sheets is not used: the result is that of the sheets passed', () => {
    const stale = prepareRound({ spec: SEED_000_SHEET, entries, sheets: sheets.slice(0, 3) });
    // A: (80 + 90 + 70)/3 = 80; B: (70 + 60 + 85)/3 = 71.666666667; C: (60 + 75 + 65)/3 = 66.666666667.
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'mean', entries, sheets }, stale);
    expect(rows.map((r) => [r.entryId, r.score, r.sheets])).toEqual([
      ['A', 80, 3],
      ['B', 71.666666667, 3],
      ['C', 66.666666667, 3],
    ]);
  });
});
