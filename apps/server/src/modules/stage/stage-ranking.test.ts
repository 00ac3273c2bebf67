import { MEDALS_S0_10, PRIZES_S2_6 } from '@casearena/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankStage, STAGE_TIE_BREAK, type StageRankRow } from './stage-ranking.ts';

// The stage's ranking and awards (issue 11 item 5): exact cases by hand, then properties (fixed seed).

const row = (entryId: string, final: number, mean = final, position = Number(entryId.slice(1))): StageRankRow => ({
  entryId,
  final,
  mean,
  position,
});

describe('rankStage (issue 11 item 5)', () => {
  it('S0-10 medals by rank: gold 1, silver 2-3, bronze 4-6, none from 7 (input in presenting order)', () => {
    const rows = [row('e1', 80), row('e2', 91.5), row('e3', 77), row('e4', 88), row('e5', 85.25), row('e6', 90), row('e7', 79.5)];
    expect(rankStage(rows, MEDALS_S0_10)).toEqual([
      { entryId: 'e2', rank: 1, award: 'gold' },
      { entryId: 'e6', rank: 2, award: 'silver' },
      { entryId: 'e4', rank: 3, award: 'silver' },
      { entryId: 'e5', rank: 4, award: 'bronze' },
      { entryId: 'e1', rank: 5, award: 'bronze' },
      { entryId: 'e7', rank: 6, award: 'bronze' },
      { entryId: 'e3', rank: 7, award: null },
    ]);
  });

  it('S2-6 first, second and third prizes (1, 2-3, 4-6) with the counts the organizer set', () => {
    const rows = [row('e1', 70), row('e2', 90), row('e3', 80), row('e4', 60)];
    expect(rankStage(rows, PRIZES_S2_6).map((r) => [r.entryId, r.rank, r.award])).toEqual([
      ['e2', 1, 'first'],
      ['e3', 2, 'second'],
      ['e1', 3, 'second'],
      ['e4', 4, 'third'],
    ]);
    const two = PRIZES_S2_6.map((a, i) => ({ ...a, count: [1, 1, 1][i] as number }));
    expect(rankStage(rows, two).map((r) => r.award)).toEqual(['first', 'second', 'third', null]);
  });

  it('S0-10 tie-break 1: equal finals are ordered by the untrimmed mean, higher first', () => {
    const rows = [row('e1', 88, 86.4), row('e2', 88, 87.2), row('e3', 88, 85)];
    expect(rankStage(rows, MEDALS_S0_10)).toEqual([
      { entryId: 'e2', rank: 1, award: 'gold' },
      { entryId: 'e1', rank: 2, award: 'silver' },
      { entryId: 'e3', rank: 3, award: 'silver' },
    ]);
  });

  it('S0-10 a tie straddling the gold/silver boundary: both share rank 1 and gold, the next is rank 3 silver', () => {
    const rows = [row('e1', 90, 89), row('e2', 85), row('e3', 90, 89), row('e4', 80)];
    expect(rankStage(rows, MEDALS_S0_10)).toEqual([
      { entryId: 'e1', rank: 1, award: 'gold' },
      { entryId: 'e3', rank: 1, award: 'gold' },
      { entryId: 'e2', rank: 3, award: 'silver' },
      { entryId: 'e4', rank: 4, award: 'bronze' },
    ]);
  });

  it('S0-10 a tie straddling the silver/bronze and the bronze/none boundaries: all tied get the better award', () => {
    const rows = [
      row('e1', 95),
      row('e2', 90),
      row('e3', 88, 87),
      row('e4', 88, 87),
      row('e5', 80),
      row('e6', 70),
      row('e7', 70),
      row('e8', 70),
      row('e9', 60),
    ];
    expect(rankStage(rows, MEDALS_S0_10).map((r) => [r.entryId, r.rank, r.award])).toEqual([
      ['e1', 1, 'gold'],
      ['e2', 2, 'silver'],
      ['e3', 3, 'silver'],
      ['e4', 3, 'silver'],
      ['e5', 5, 'bronze'],
      ['e6', 6, 'bronze'],
      ['e7', 6, 'bronze'],
      ['e8', 6, 'bronze'],
      ['e9', 9, null],
    ]);
  });

  it('S2-6 means equal up to float noise tie (254.5 / 3 computed two ways)', () => {
    const a = (84.5 + 85 + 85) / 3;
    const b = 254.5 / 3;
    const rows = [row('e1', 84.83, a), row('e2', 84.83, b + 1e-12)];
    expect(rankStage(rows, PRIZES_S2_6).map((r) => r.rank)).toEqual([1, 1]);
  });

  it('the tie-break is stated in zh-CN and en', () => {
    expect(STAGE_TIE_BREAK['zh-CN']).toContain('平均分');
    expect(STAGE_TIE_BREAK.en).toContain('mean of all counted judges’ scores (the highest and lowest not dropped)');
  });

  it('S0-10 S2-6 properties: ranks are competition ranks of (final, mean); awards follow the rank ranges; the input order does not matter', () => {
    const arbRows = fc
      .array(fc.record({ final: fc.integer({ min: 0, max: 6 }), mean: fc.integer({ min: 0, max: 2 }) }), { maxLength: 14 })
      .map((rs) => rs.map((r, i) => row(`e${i + 1}`, 80 + r.final / 2, 80 + r.mean, i + 1)));
    const arbAwards = fc.constantFrom(MEDALS_S0_10, PRIZES_S2_6, [{ ...MEDALS_S0_10[0], count: 3 }] as typeof MEDALS_S0_10);
    fc.assert(
      fc.property(arbRows, arbAwards, fc.integer(), (rows, awards, salt) => {
        const ranked = rankStage(rows, awards);
        const byId = new Map(rows.map((r) => [r.entryId, r]));
        expect(ranked.map((r) => r.entryId).sort()).toEqual(rows.map((r) => r.entryId).sort());
        for (const r of ranked) {
          const me = byId.get(r.entryId) as StageRankRow;
          const better = rows.filter((o) => o.final > me.final || (o.final === me.final && o.mean > me.mean)).length;
          expect(r.rank).toBe(better + 1);
          let last = 0;
          let award: string | null = null;
          for (const a of awards) {
            if (award === null && r.rank <= last + a.count) award = a.key;
            last += a.count;
          }
          expect(r.award).toBe(award);
        }
        const shuffled = [...rows].sort((x, y) => ((x.position * 7919 + salt) % 13) - ((y.position * 7919 + salt) % 13));
        expect(rankStage(shuffled, awards)).toEqual(ranked);
      }),
      { seed: 6, numRuns: 300 },
    );
  });
});
