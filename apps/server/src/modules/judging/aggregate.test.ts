import { type ScoreSheetSpec, SEED_000_SHEET, SEED_001_SHEET } from '@casearena/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EntryInRound, type RankedEntry, rankRound, type SheetScores, weightedTotal } from './aggregate.ts';

// Seed 000's sheet has one criterion, 'overall', out of 100 with weight 100: a sheet's total is its score, which
// keeps the arithmetic below readable.
const overall = (judgeId: string, entryId: string, x: number): SheetScores => ({ judgeId, entryId, scores: { overall: x } });
const entry = (entryId: string, groupKey = 'theme-1', tieBreak?: number[]): EntryInRound =>
  tieBreak ? { entryId, groupKey, tieBreak } : { entryId, groupKey };
const panel = (entryId: string, totals: number[]) => totals.map((x, i) => overall(`j${i + 1}`, entryId, x));
const brief = (rows: RankedEntry[]) => rows.map((r) => [r.entryId, r.score, r.rank]);

function spec(criteria: [key: string, max: number, weight: number][], weightTotal: number): ScoreSheetSpec {
  return {
    criteria: criteria.map(([key, max, weight]) => ({
      key,
      label: { 'zh-CN': key, en: key },
      max,
      weight,
      decimals: 1,
      commentRequired: false,
    })),
    weightTotal,
    commentRequired: false,
  };
}

describe('weightedTotal (S1-8)', () => {
  it('S1-8: the five criteria of seed 001, 20 points each with weight 20, add up to a total out of 100', () => {
    // 18 + 15.5 + 12 + 20 + 9.5 = 75
    const scores = { demonstration: 18, deployment: 15.5, potential: 12, innovation: 20, value: 9.5 };
    expect(weightedTotal(SEED_001_SHEET, scores)).toBe(75);
  });

  it('weights scale each criterion by its maximum: 7/10 x 60 + 25/50 x 40 = 42 + 20 = 62 of 100', () => {
    expect(
      weightedTotal(
        spec(
          [
            ['a', 10, 60],
            ['b', 50, 40],
          ],
          100,
        ),
        { a: 7, b: 25 },
      ),
    ).toBe(62);
  });

  it('a declared weight total of 1 gives totals in [0, 1]: 8/10 x 0.5 + 6/10 x 0.5 = 0.7; full marks = 1', () => {
    const s = spec(
      [
        ['a', 10, 0.5],
        ['b', 10, 0.5],
      ],
      1,
    );
    expect(weightedTotal(s, { a: 8, b: 6 })).toBe(0.7);
    expect(weightedTotal(s, { a: 10, b: 10 })).toBe(1);
  });

  it('a missing criterion counts 0 (the sheet writer refuses it on submit): 18 + 0 + 12 + 20 + 9.5 = 59.5', () => {
    expect(weightedTotal(SEED_001_SHEET, { demonstration: 18, potential: 12, innovation: 20, value: 9.5 })).toBe(59.5);
  });
});

describe('rankRound methods (S0-10: each theme ranked by several experts’ online scores)', () => {
  it('S0-10 mean: A (80+90+70)/3 = 80, B (60+65+70)/3 = 65, C (95+85+90)/3 = 90 -> C, A, B', () => {
    const sheets = [...panel('A', [80, 90, 70]), ...panel('B', [60, 65, 70]), ...panel('C', [95, 85, 90])];
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'mean', sheets, entries: ['A', 'B', 'C'].map((id) => entry(id)) });
    expect(brief(rows)).toEqual([
      ['C', 90, 1],
      ['A', 80, 2],
      ['B', 65, 3],
    ]);
  });

  it('S0-10 median: B median of 50,81,82 = 81; A of 70,80,96 = 80; C of 70,90 = (70+90)/2 = 80; A before C by the mean 82 > 80', () => {
    const sheets = [...panel('A', [70, 80, 96]), ...panel('B', [81, 82, 50]), ...panel('C', [70, 90])];
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'median', sheets, entries: ['A', 'B', 'C'].map((id) => entry(id)) });
    // A's mean (70 + 80 + 96) / 3 = 82, C's (70 + 90) / 2 = 80: the median method's second key.
    expect(brief(rows)).toEqual([
      ['B', 81, 1],
      ['A', 80, 2],
      ['C', 80, 3],
    ]);
  });

  it('S0-10 trimmed with 7, 3 and 2 sheets: 7 drop 60 and 100 -> 400/5 = 80; 3 drop 50 and 82 -> 80; 2 drop none -> (70+90)/2 = 80; ties go to more sheets', () => {
    const sheets = [...panel('A7', [85, 60, 100, 70, 90, 75, 80]), ...panel('B3', [82, 50, 80]), ...panel('C2', [70, 90])];
    const rows = rankRound({
      spec: SEED_000_SHEET,
      method: 'trimmed',
      sheets,
      entries: ['C2', 'B3', 'A7'].map((id) => entry(id)),
    });
    // All three score 80 and have median 80 (A7: 80; B3: 80; C2: (70 + 90) / 2): the sheet count decides.
    expect(brief(rows)).toEqual([
      ['A7', 80, 1],
      ['B3', 80, 2],
      ['C2', 80, 3],
    ]);
    expect(rows[0]?.perJudge.filter((p) => p.dropped).map((p) => [p.judgeId, p.raw])).toEqual([
      ['j2', 60],
      ['j3', 100],
    ]);
    // The breakdown averages the kept sheets: (85 + 70 + 90 + 75 + 80) / 5 = 80.
    expect(rows[0]?.perCriterion).toEqual({ overall: 80 });
    expect(rows[1]?.perJudge.filter((p) => p.dropped).map((p) => p.judgeId)).toEqual(['j1', 'j2']);
    expect(rows[2]?.perJudge).toEqual([
      { judgeId: 'j1', raw: 70 },
      { judgeId: 'j2', raw: 90 },
    ]);
  });

  it('trimmed drops one sheet of each extreme when several are equal: 80, 80, 80 -> the first judge low, the last high, score 80', () => {
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'trimmed', sheets: panel('A', [80, 80, 80]), entries: [entry('A')] });
    expect(rows[0]?.perJudge).toEqual([
      { judgeId: 'j1', raw: 80, dropped: true },
      { judgeId: 'j2', raw: 80 },
      { judgeId: 'j3', raw: 80, dropped: true },
    ]);
    expect(rows[0]?.score).toBe(80);
  });

  it('S1-8: the breakdown a participant sees — per-criterion means and each judge’s total', () => {
    const five = (judgeId: string, p: number[]): SheetScores => ({
      judgeId,
      entryId: 'A',
      scores: { demonstration: p[0] ?? 0, deployment: p[1] ?? 0, potential: p[2] ?? 0, innovation: p[3] ?? 0, value: p[4] ?? 0 },
    });
    // j1: 18 + 16 + 14 + 12 + 10 = 70; j2: 20 + 18 + 16 + 14 + 12 = 80; mean 75; criteria (18+20)/2 = 19 ...
    const sheets = [five('j2', [20, 18, 16, 14, 12]), five('j1', [18, 16, 14, 12, 10])];
    expect(rankRound({ spec: SEED_001_SHEET, method: 'mean', sheets, entries: [entry('A')] })).toEqual([
      {
        entryId: 'A',
        groupKey: 'theme-1',
        score: 75,
        rank: 1,
        sheets: 2,
        perJudge: [
          { judgeId: 'j1', raw: 70 },
          { judgeId: 'j2', raw: 80 },
        ],
        perCriterion: { demonstration: 19, deployment: 17, potential: 15, innovation: 13, value: 11 },
        tooFewSheets: false,
      },
    ]);
  });
});

describe('rankRound ranks and tie-break order', () => {
  it('S0-10 tie-break: score, then median, then more sheets, then tieBreak keys ascending (missing last); equal on all shares a rank', () => {
    const sheets = [
      ...panel('F', [90]), // 90, 1 sheet, tieBreak [1]
      ...panel('G', [90]), // the same as F in every key: both rank 1, the next is 3
      ...panel('B', [80, 80, 80]), // mean 80, median 80, 3 sheets, tieBreak [5, 1]
      ...panel('D', [80, 80, 80]), // as B but tieBreak [5, 2]: the second key loses
      ...panel('E', [80, 80, 80]), // as B without tieBreak keys: a missing key loses
      ...panel('C', [80, 80]), // mean 80, median 80, 2 sheets: fewer sheets lose before any tieBreak key
      ...panel('A', [70, 70, 100]), // mean (70 + 70 + 100) / 3 = 80, median 70: loses on the median
    ];
    const entries = [
      entry('A', 'theme-1', [0]),
      entry('B', 'theme-1', [5, 1]),
      entry('C', 'theme-1', [0]),
      entry('D', 'theme-1', [5, 2]),
      entry('E'),
      entry('F', 'theme-1', [1]),
      entry('G', 'theme-1', [1]),
    ];
    expect(brief(rankRound({ spec: SEED_000_SHEET, method: 'mean', sheets, entries }))).toEqual([
      ['F', 90, 1],
      ['G', 90, 1],
      ['B', 80, 3],
      ['D', 80, 4],
      ['E', 80, 5],
      ['C', 80, 6],
      ['A', 80, 7],
    ]);
  });

  it('S0-10: ranks are per theme (groupKey), groups in key order', () => {
    const sheets = [...panel('A', [60]), ...panel('B', [70]), ...panel('C', [50]), ...panel('D', [90])];
    const entries = [entry('A', 't2'), entry('B', 't2'), entry('C', 't1'), entry('D', 't1')];
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'mean', sheets, entries });
    expect(rows.map((r) => [r.groupKey, r.entryId, r.rank])).toEqual([
      ['t1', 'D', 1],
      ['t1', 'C', 2],
      ['t2', 'B', 1],
      ['t2', 'A', 2],
    ]);
  });

  it('entries below minSheets are flagged tooFewSheets and unranked, listed after the ranked; without sheets the score is null', () => {
    const sheets = [...panel('A', [70, 80, 90]), ...panel('B', [95, 99]), ...panel('C', [60, 60, 60])];
    const entries = ['A', 'B', 'C', 'Z'].map((id) => entry(id));
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'mean', sheets, entries, minSheets: 3 });
    expect(rows.map((r) => [r.entryId, r.score, r.rank, r.sheets, r.tooFewSheets])).toEqual([
      ['A', 80, 1, 3, false],
      ['C', 60, 2, 3, false],
      ['B', 97, null, 2, true],
      ['Z', null, null, 0, true],
    ]);
    expect(rows[3]?.perJudge).toEqual([]);
    expect(rows[3]?.perCriterion).toEqual({});
  });

  it('X-3: sheets of entries not in the round and a judge’s second sheet for the same entry are not counted', () => {
    const sheets = [overall('j1', 'A', 70), overall('j1', 'A', 10), overall('j2', 'A', 90), overall('j1', 'OUT', 100)];
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'mean', sheets, entries: [entry('A')] });
    expect(brief(rows)).toEqual([['A', 80, 1]]);
    expect(rows[0]?.sheets).toBe(2);
  });
});

describe('rankRound zscore (per-judge normalisation, panels that see different subsets)', () => {
  it('S0-10 zscore: a harsh and a lenient judge on overlapping subsets: each one’s best ties, whatever their temperament', () => {
    // Harsh H scored A 60, B 70, E 65; lenient L scored C 85, D 95, E 90.
    // H: mean 65, population sd √((25 + 25 + 0) / 3) = √(50/3); z A = −5/√(50/3) = −√1.5, B = +√1.5, E = 0.
    // L: mean 90, the same sd; z C = −√1.5, D = +√1.5, E = 0.
    // Panel: mean M = (60 + 70 + 65 + 85 + 95 + 90) / 6 = 77.5; Σ(x − M)² = 17.5² + 7.5² + 12.5² + 7.5² + 17.5² + 12.5²
    // = 1037.5, sd = √(1037.5 / 6). No shrink needed: M + sd·√1.5 = 77.5 + √(1037.5/4) = 93.6… <= 100, M − … >= 0.
    const sheets = [
      overall('H', 'A', 60),
      overall('H', 'B', 70),
      overall('H', 'E', 65),
      overall('L', 'C', 85),
      overall('L', 'D', 95),
      overall('L', 'E', 90),
    ];
    const entries = ['A', 'B', 'C', 'D', 'E'].map((id) => entry(id));
    const top = Math.round((77.5 + Math.sqrt(1037.5 / 4)) * 1e9) / 1e9;
    const low = Math.round((77.5 - Math.sqrt(1037.5 / 4)) * 1e9) / 1e9;
    const rows = rankRound({ spec: SEED_000_SHEET, method: 'zscore', sheets, entries });
    expect(brief(rows)).toEqual([
      ['B', top, 1],
      ['D', top, 1],
      ['E', 77.5, 3],
      ['A', low, 4],
      ['C', low, 4],
    ]);
    expect(rows[2]?.perJudge).toEqual([
      { judgeId: 'H', raw: 65, normalized: 77.5 },
      { judgeId: 'L', raw: 90, normalized: 77.5 },
    ]);
    // The raw mean would have put the lenient judge's entries first: D 95, C 85, E 77.5, B 70, A 60.
    expect(brief(rankRound({ spec: SEED_000_SHEET, method: 'mean', sheets, entries })).map((r) => r[0])).toEqual([
      'D',
      'C',
      'E',
      'B',
      'A',
    ]);
  });

  it('the map back shrinks so every value stays within the sheet’s range (one affine map, order kept)', () => {
    // J1: 0 and 100 (mean 50, sd 50, z −1 / +1); J2: 90 and 100 (mean 95, sd 5, z −1 / +1).
    // M = (0 + 100 + 90 + 100) / 4 = 72.5; sd = √((72.5² + 27.5² + 17.5² + 27.5²) / 4) = √1768.75 ≈ 42.06, but
    // M + sd·1 would pass 100: the spread shrinks to (100 − 72.5) / 1 = 27.5 (72.5 / 1 on the low side is wider).
    // z = +1 -> 72.5 + 27.5 = 100; z = −1 -> 72.5 − 27.5 = 45.
    const sheets = [overall('J1', 'A', 0), overall('J1', 'B', 100), overall('J2', 'C', 90), overall('J2', 'D', 100)];
    const rows = rankRound({
      spec: SEED_000_SHEET,
      method: 'zscore',
      sheets,
      entries: ['A', 'B', 'C', 'D'].map((id) => entry(id)),
    });
    expect(brief(rows)).toEqual([
      ['B', 100, 1],
      ['D', 100, 1],
      ['A', 45, 3],
      ['C', 45, 3],
    ]);
  });

  it('a judge with one sheet or with equal totals counts as the panel mean (z = 0)', () => {
    // J1: 40, 60 (z −1 / +1); J2 one sheet 30; J3 70 and 70 (no spread). M = (40 + 60 + 30 + 70 + 70) / 5 = 54;
    // sd = √((14² + 6² + 24² + 16² + 16²) / 5) = √264 ≈ 16.25, within range on both sides (54 ± 16.25).
    const sheets = [
      overall('J1', 'A', 40),
      overall('J1', 'B', 60),
      overall('J2', 'C', 30),
      overall('J3', 'D', 70),
      overall('J3', 'E', 70),
    ];
    const rows = rankRound({
      spec: SEED_000_SHEET,
      method: 'zscore',
      sheets,
      entries: ['A', 'B', 'C', 'D', 'E'].map((id) => entry(id)),
    });
    const sd = Math.sqrt(264);
    expect(brief(rows)).toEqual([
      ['B', Math.round((54 + sd) * 1e9) / 1e9, 1],
      ['C', 54, 2],
      ['D', 54, 2],
      ['E', 54, 2],
      ['A', Math.round((54 - sd) * 1e9) / 1e9, 5],
    ]);
  });
});

// Properties. Whole-number scores on seed 000's sheet, so every total and sum is exact and a tie is a tie.
const METHODS = ['mean', 'median', 'trimmed', 'zscore'] as const;
const roundArb = fc
  .record({
    entries: fc.integer({ min: 1, max: 12 }),
    judges: fc.integer({ min: 1, max: 6 }),
    groups: fc.integer({ min: 1, max: 3 }),
    cells: fc.array(fc.option(fc.integer({ min: 0, max: 90 }), { nil: null, freq: 3 }), { minLength: 72, maxLength: 72 }),
  })
  .map(({ entries, judges, groups, cells }) => {
    const sheets: SheetScores[] = [];
    for (let e = 0; e < entries; e++) {
      for (let j = 0; j < judges; j++) {
        const x = cells[e * 6 + j];
        if (x !== null && x !== undefined) sheets.push(overall(`j${j}`, `e${e}`, x));
      }
    }
    return { sheets, entries: Array.from({ length: entries }, (_, e) => entry(`e${e}`, `g${e % groups}`)), judges };
  });
const ranks = (rows: RankedEntry[]) =>
  Object.fromEntries(rows.map((r) => [r.entryId, [r.score, r.rank, r.sheets, r.perCriterion, r.tooFewSheets]]));

describe('rankRound properties (fast-check, fixed seed)', () => {
  it('X-3: the same sheets in any order give the identical result, for every method', () => {
    fc.assert(
      fc.property(roundArb, fc.array(fc.nat()), fc.constantFrom(...METHODS), (r, order, method) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: order[i % Math.max(1, order.length)] ?? i }))
            .sort((a, b) => a.k - b.k)
            .map((p) => p.x);
        const a = rankRound({ spec: SEED_000_SHEET, method, sheets: r.sheets, entries: r.entries, minSheets: 2 });
        const b = rankRound({
          spec: SEED_000_SHEET,
          method,
          sheets: shuffle(r.sheets),
          entries: shuffle(r.entries),
          minSheets: 2,
        });
        expect(b).toEqual(a);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('X-3: permuting the judges (renaming them) never changes a score, a rank or a breakdown, for every method', () => {
    fc.assert(
      fc.property(
        roundArb,
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(...METHODS),
        (r, keys, method) => {
          // A permutation of the judges' names from the random keys.
          const perm = [0, 1, 2, 3, 4, 5].sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
          const renamed = r.sheets.map((s) => ({ ...s, judgeId: `j${perm[Number(s.judgeId.slice(1))]}` }));
          const a = rankRound({ spec: SEED_000_SHEET, method, sheets: r.sheets, entries: r.entries });
          const b = rankRound({ spec: SEED_000_SHEET, method, sheets: renamed, entries: r.entries });
          expect(ranks(b)).toEqual(ranks(a));
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('adding the same constant to one judge’s scores leaves the zscore ranks unchanged', () => {
    fc.assert(
      fc.property(roundArb, fc.nat(5), fc.integer({ min: 1, max: 10 }), (r, who, c) => {
        const judge = `j${who % r.judges}`;
        const shifted = r.sheets.map((s) =>
          s.judgeId === judge ? overall(s.judgeId, s.entryId, (s.scores.overall ?? 0) + c) : s,
        );
        const rankOf = (sheets: SheetScores[]) =>
          rankRound({ spec: SEED_000_SHEET, method: 'zscore', sheets, entries: r.entries }).map((x) => [x.entryId, x.rank]);
        expect(rankOf(shifted)).toEqual(rankOf(r.sheets));
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('every score lies within the sheet’s range [0, weightTotal], for every method', () => {
    fc.assert(
      fc.property(roundArb, fc.constantFrom(...METHODS), (r, method) => {
        for (const row of rankRound({ spec: SEED_000_SHEET, method, sheets: r.sheets, entries: r.entries })) {
          if (row.score === null) expect(row.sheets).toBe(0);
          else expect(row.score >= 0 && row.score <= 100).toBe(true);
        }
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });
});
