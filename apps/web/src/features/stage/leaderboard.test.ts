import { MEDALS_S0_10, type TStageFinalist } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { leaderRows } from './leaderboard.ts';

const finalist = (n: number, final: number | null, rank: number | null = null, award: string | null = null) =>
  ({
    entryId: `00000000-0000-4000-8000-00000000000${n}`,
    position: n,
    title: `Case ${n}`,
    organization: `Hospital ${n}`,
    entryNumber: null,
    reveal: final === null ? null : { scores: [], final, method: 'trimmed' },
    rank,
    award,
  }) satisfies TStageFinalist;

describe('running leaderboard of the big screen and the console', () => {
  it('lists only revealed finalists by final, equal finals sharing the running rank (1, 2, 2, 4)', () => {
    const rows = leaderRows(
      [finalist(1, 80), finalist(2, 91.5), finalist(3, 80), finalist(4, null), finalist(5, 70)],
      MEDALS_S0_10,
      'zh-CN',
    );
    expect(rows.map((r) => [r.rank, r.title, r.final, r.award])).toEqual([
      [1, 'Case 2', 91.5, null],
      [2, 'Case 1', 80, null],
      [2, 'Case 3', 80, null],
      [4, 'Case 5', 70, null],
    ]);
  });

  it("S0-10: once ranked, the server's rank and the award's label in the viewer's language", () => {
    const rows = leaderRows(
      [finalist(1, 80, 2, 'silver'), finalist(2, 91.5, 1, 'gold'), finalist(3, 80, 2, 'silver')],
      MEDALS_S0_10,
      'en',
    );
    expect(rows.map((r) => [r.rank, r.title, r.award])).toEqual([
      [1, 'Case 2', 'Gold'],
      [2, 'Case 1', 'Silver'],
      [2, 'Case 3', 'Silver'],
    ]);
    expect(leaderRows([finalist(2, 91.5, 1, 'gold')], MEDALS_S0_10, 'zh-CN')[0]?.award).toBe('金奖');
  });
});
