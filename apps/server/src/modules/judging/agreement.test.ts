import { SEED_000_SHEET } from '@casearena/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SheetScores } from './aggregate.ts';
import { agreement, icc11 } from './agreement.ts';

// Seed 000's one-criterion sheet: a sheet's total is its score.
const overall = (judgeId: string, entryId: string, x: number): SheetScores => ({ judgeId, entryId, scores: { overall: x } });
const matrix = (rows: Record<string, number[]>, judges: string[]) =>
  Object.entries(rows).flatMap(([entryId, xs]) => xs.map((x, i) => overall(judges[i] as string, entryId, x)));

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
const SHROUT_FLEISS = {
  t1: [9, 2, 5, 8],
  t2: [6, 1, 3, 2],
  t3: [8, 4, 6, 8],
  t4: [7, 1, 2, 6],
  t5: [10, 5, 6, 9],
  t6: [6, 2, 4, 7],
};
const sfSheets = matrix(SHROUT_FLEISS, ['J1', 'J2', 'J3', 'J4']);
const sfEntries = Object.keys(SHROUT_FLEISS).map((entryId) => ({ entryId, groupKey: 'theme-1' }));

describe('agreement per theme: ICC and Kendall’s W', () => {
  it('ICC(2,1) of Shrout & Fleiss’s 6 x 4 example is 184/635 = 0.2897… (complete design)', () => {
    // Row sums 24, 12, 26, 16, 30, 19 (Σ 127); column sums 46, 15, 26, 40; Σx² = 841; N = 24.
    // CF = 127²/24 = 16129/24. SST = 841 − CF = 4055/24.
    // SSR = (24² + 12² + 26² + 16² + 30² + 19²)/4 − CF = 2913/4 − 16129/24 = 1349/24; MSR = SSR/5 = 1349/120.
    // SSC = (46² + 15² + 26² + 40²)/6 − CF = 4617/6 − 16129/24 = 2339/24; MSC = SSC/3 = 2339/72.
    // SSE = (4055 − 1349 − 2339)/24 = 367/24; MSE = SSE/15 = 367/360.
    // ICC(2,1) = (MSR − MSE)/(MSR + 3·MSE + 4·(MSC − MSE)/6); in 1/360ths: (4047 − 367)/(4047 + 1101 + ⅔·11328)
    // = 3680/12700 = 184/635 (the paper rounds it to .29).
    const a = agreement({ spec: SEED_000_SHEET, sheets: sfSheets, entries: sfEntries });
    expect(a.byGroup).toHaveLength(1);
    const g = a.byGroup[0];
    expect(g?.iccForm).toBe('ICC(2,1)');
    expect(g?.complete).toBe(true);
    expect([g?.judges, g?.entries]).toEqual([4, 6]);
    expect(g?.icc).toBeCloseTo(184 / 635, 12);
  });

  it('Kendall’s W with the tie correction on the same example is 2874/3240 = 479/540 = 0.8870…', () => {
    // Ranks per judge (average ranks for ties):
    // J1 9,6,8,7,10,6 -> 5, 1.5, 4, 3, 6, 1.5       ties {6,6}: 2³ − 2 = 6
    // J2 2,1,4,1,5,2  -> 3.5, 1.5, 5, 1.5, 6, 3.5   ties {1,1}, {2,2}: 6 + 6 = 12
    // J3 5,3,6,2,6,4  -> 4, 2, 5.5, 1, 5.5, 3       ties {6,6}: 6
    // J4 8,2,8,6,9,7  -> 4.5, 1, 4.5, 2, 6, 3       ties {8,8}: 6          ΣT = 30
    // Rank sums 17, 6, 19, 7.5, 23.5, 11 (Σ 84 = 4·6·7/2); mean 14; S = 3² + 8² + 5² + 6.5² + 9.5² + 3² = 239.5.
    // W = 12·S / (k²(n³ − n) − k·ΣT) = 2874 / (16·210 − 4·30) = 2874/3240.
    const a = agreement({ spec: SEED_000_SHEET, sheets: sfSheets, entries: sfEntries });
    expect(a.byGroup[0]?.kendallW).toBeCloseTo(479 / 540, 12);
  });

  it('ICC(1,1) of the same example, balanced (k0 = 4), is 448/2703 = 0.1657…', () => {
    // MSW = (SST − SSR)/(N − n) = (2706/24)/18 = 2706/432. ICC(1,1) = (MSR − MSW)/(MSR + 3·MSW);
    // in 1/2160ths: (24282 − 13530)/(24282 + 40590) = 10752/64872 = 448/2703 (the paper: .17).
    const total = Float64Array.from(Object.values(SHROUT_FLEISS).flat());
    const start = Int32Array.from([0, 4, 8, 12, 16, 20, 24]);
    expect(icc11(total, start, [0, 1, 2, 3, 4, 5])).toBeCloseTo(448 / 2703, 12);
  });

  it('judges who saw different subsets: ICC(1,1) with unequal sheets per entry is 87/131, and no Kendall’s W', () => {
    // A: j1 2, j2 4 (mean 3); B: j1 6, j3 8, j4 10 (mean 8); C: j2 5. N = 6, n = 3, grand mean 35/6.
    // SSB = 2(3 − 35/6)² + 3(8 − 35/6)² + (5 − 35/6)² = (578 + 507 + 25)/36 = 1110/36; MSB = 1110/72.
    // SSW = 1 + 1 + 4 + 0 + 4 + 0 = 10; MSW = 10/(6 − 3) = 10/3.
    // k0 = (N − Σnᵢ²/N)/(n − 1) = (6 − 14/6)/2 = 11/6.
    // ICC(1,1) = (MSB − MSW)/(MSB + (k0 − 1)·MSW) = (870/72)/(1110/72 + 200/72) = 870/1310 = 87/131.
    const sheets = [
      overall('j1', 'A', 2),
      overall('j2', 'A', 4),
      overall('j1', 'B', 6),
      overall('j3', 'B', 8),
      overall('j4', 'B', 10),
      overall('j2', 'C', 5),
    ];
    const entries = ['A', 'B', 'C'].map((entryId) => ({ entryId, groupKey: 'theme-1' }));
    const g = agreement({ spec: SEED_000_SHEET, sheets, entries }).byGroup[0];
    expect(g?.complete).toBe(false);
    expect(g?.iccForm).toBe('ICC(1,1)');
    expect(g?.icc).toBeCloseTo(87 / 131, 12);
    expect(g?.kendallW).toBeNull();
    expect([g?.judges, g?.entries]).toEqual([4, 3]);
  });

  it('S0-10: each theme gets its own figures; a theme with one scored entry has none', () => {
    const sheets = [...sfSheets, overall('J1', 'solo', 70), overall('J2', 'solo', 80)];
    const entries = [...sfEntries, { entryId: 'solo', groupKey: 'theme-2' }];
    const a = agreement({ spec: SEED_000_SHEET, sheets, entries });
    expect(a.byGroup.map((g) => g.groupKey)).toEqual(['theme-1', 'theme-2']);
    expect(a.byGroup[0]?.icc).toBeCloseTo(184 / 635, 12);
    expect(a.byGroup[0]?.kendallW).toBeCloseTo(479 / 540, 12);
    expect(a.byGroup[1]).toEqual({
      groupKey: 'theme-2',
      icc: null,
      iccForm: null,
      kendallW: null,
      complete: true,
      judges: 2,
      entries: 1,
    });
  });
});

describe('outlier judges, missing sheets, too few sheets', () => {
  // Five judges on three entries; j1..j4 agree (A 80, B 70, C 60), j5 is 20 points lower on each.
  const five = (low: number[]) =>
    matrix({ A: [80, 80, 80, 80, low[0] ?? 0], B: [70, 70, 70, 70, low[1] ?? 0], C: [60, 60, 60, 60, low[2] ?? 0] }, [
      'j1',
      'j2',
      'j3',
      'j4',
      'j5',
    ]);
  const entries = ['A', 'B', 'C', 'D'].map((entryId) => ({ entryId, groupKey: 'theme-1' }));

  it('a judge 20 points below the others is an outlier: mean deviation −20, z = −2; ICC(2,1) = 5/9, W = 1', () => {
    // j1 on A: the others' mean (80·3 + 60)/4 = 75, deviation +5 (the same on B and C) -> j1..j4: +5 each.
    // j5 on A: the others' mean 80, deviation −20 (the same on B and C) -> −20.
    // Across judges: mean (4·5 − 20)/5 = 0, population sd √((4·25 + 400)/5) = 10 -> z(j5) = −2, z(j1..j4) = 0.5.
    // ICC: row means 76, 66, 56; column means 70 (j1..j4), 50 (j5); grand 66; every residual is 0 (MSE = 0);
    // MSR = 5·(10² + 0 + 10²)/2 = 500; MSC = 3·(4·4² + 16²)/4 = 240; ICC(2,1) = 500/(500 + 5·240/3) = 5/9.
    // Every judge orders A > B > C: W = 1.
    const a = agreement({ spec: SEED_000_SHEET, sheets: five([60, 50, 40]), entries, minSheets: 3 });
    expect(a.outliers).toEqual([{ judgeId: 'j5', groupKey: 'theme-1', meanDeviation: -20, z: -2, entries: 3 }]);
    expect(a.byGroup[0]?.icc).toBeCloseTo(5 / 9, 12);
    expect(a.byGroup[0]?.kendallW).toBe(1);
    // D has no sheet: listed as too few, left out of the design (which stays complete).
    expect(a.tooFew).toEqual(['D']);
    expect([a.byGroup[0]?.complete, a.byGroup[0]?.entries]).toEqual([true, 3]);
  });

  it('a deviation under the floor (5% of the sheet’s range) is not flagged even at z = −2; a lower floor flags it', () => {
    // j5 4 points lower (76, 66, 56): j1..j4 deviate +1, j5 −4; mean 0, sd √((4 + 16)/5) = 2, z(j5) = −2; |−4| < 5.
    const sheets = five([76, 66, 56]);
    expect(agreement({ spec: SEED_000_SHEET, sheets, entries }).outliers).toEqual([]);
    expect(agreement({ spec: SEED_000_SHEET, sheets, entries, outlierMinDeviation: 3 }).outliers).toEqual([
      { judgeId: 'j5', groupKey: 'theme-1', meanDeviation: -4, z: -2, entries: 3 },
    ]);
  });

  it('with 4 judges a population z is at most √3: the same lone low judge is flagged only under a lower threshold', () => {
    // j1..j3: A 80, B 70, C 60; j4 20 lower. j1 on A: the others' mean (160 + 60)/3 = 220/3, deviation 20/3;
    // j4: −20. Mean (3·20/3 − 20)/4 = 0; sd = √((3·400/9 + 400)/4) = √(400/3); z(j4) = −20/√(400/3) = −√3.
    const sheets = matrix({ A: [80, 80, 80, 60], B: [70, 70, 70, 50], C: [60, 60, 60, 40] }, ['j1', 'j2', 'j3', 'j4']);
    expect(agreement({ spec: SEED_000_SHEET, sheets, entries }).outliers).toEqual([]);
    const flagged = agreement({ spec: SEED_000_SHEET, sheets, entries, outlierZ: 1.7 }).outliers;
    expect(flagged.map((o) => [o.judgeId, o.meanDeviation, o.entries])).toEqual([['j4', -20, 3]]);
    expect(flagged[0]?.z).toBeCloseTo(-Math.sqrt(3), 12);
  });

  it('a theme scored by one judge has no agreement figures and no outliers', () => {
    const sheets = [overall('j1', 'A', 80), overall('j1', 'B', 60), overall('j1', 'C', 70)];
    const a = agreement({ spec: SEED_000_SHEET, sheets, entries });
    expect(a.byGroup).toEqual([
      { groupKey: 'theme-1', icc: null, iccForm: null, kendallW: null, complete: true, judges: 1, entries: 3 },
    ]);
    expect(a.outliers).toEqual([]);
  });

  it('sheets missing per judge from the live assignments, by judge id; entries with too few sheets', () => {
    const assignments = [
      ...['A', 'B', 'C'].flatMap((entryId) => ['j1', 'j2', 'j3', 'j4', 'j5'].map((judgeId) => ({ judgeId, entryId }))),
      { judgeId: 'j6', entryId: 'A' },
      { judgeId: 'j1', entryId: 'D' },
    ];
    const a = agreement({ spec: SEED_000_SHEET, sheets: five([60, 50, 40]), entries, assignments, minSheets: 5 });
    expect(a.missing).toEqual([
      { judgeId: 'j1', assigned: 4, submitted: 3, missing: ['D'] },
      { judgeId: 'j6', assigned: 1, submitted: 0, missing: ['A'] },
    ]);
    expect(a.tooFew).toEqual(['D']);
  });

  it('Kendall’s W lies in [0, 1], and is 1 when every judge gives the same totals (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 10 }),
        (rows) => {
          const ents = rows.map((_, i) => ({ entryId: `e${i}`, groupKey: 'g' }));
          const sheets = rows.flatMap((xs, i) => xs.map((x, j) => overall(`j${j}`, `e${i}`, x)));
          const w = agreement({ spec: SEED_000_SHEET, sheets, entries: ents }).byGroup[0]?.kendallW;
          // Null only when every judge gave all entries one total (no ranking at all).
          const flat = rows.every((xs) => xs.every((x, j) => x === rows[0]?.[j]));
          if (w === null || w === undefined) expect(flat).toBe(true);
          else expect(w >= -1e-12 && w <= 1 + 1e-12).toBe(true);
          const same = rows.flatMap((xs, i) => [0, 1, 2].map((j) => overall(`j${j}`, `e${i}`, xs[0] ?? 0)));
          const w1 = agreement({ spec: SEED_000_SHEET, sheets: same, entries: ents }).byGroup[0]?.kendallW;
          if (rows.some((xs) => xs[0] !== rows[0]?.[0])) expect(w1).toBeCloseTo(1, 12);
          else expect(w1).toBeNull();
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('permuting the judges changes no figure (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        (rows, keys) => {
          const judges = ['j0', 'j1', 'j2', 'j3', 'j4'];
          const perm = [0, 1, 2, 3, 4].sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0) || x - y);
          const ents = rows.map((_, i) => ({ entryId: `e${i}`, groupKey: 'g' }));
          const sheets = rows.flatMap((xs, i) => xs.map((x, j) => overall(judges[j] as string, `e${i}`, x)));
          const renamed = sheets.map((s) => ({ ...s, judgeId: `j${perm[Number(s.judgeId.slice(1))]}` }));
          const a = agreement({ spec: SEED_000_SHEET, sheets, entries: ents, outlierZ: 1.5 });
          const b = agreement({ spec: SEED_000_SHEET, sheets: renamed, entries: ents, outlierZ: 1.5 });
          const close = (x: number | null | undefined, y: number | null | undefined) =>
            x === null || y === null || x === undefined || y === undefined ? expect(y).toBe(x) : expect(y).toBeCloseTo(x, 9);
          close(a.byGroup[0]?.icc, b.byGroup[0]?.icc);
          close(a.byGroup[0]?.kendallW, b.byGroup[0]?.kendallW);
          const who = (o: typeof a.outliers, names: (id: string) => string) => o.map((x) => names(x.judgeId)).sort();
          expect(who(b.outliers, (id) => id)).toEqual(who(a.outliers, (id) => `j${perm[Number(id.slice(1))]}`));
        },
      ),
      { seed: 20261205, numRuns: 200 },
    );
  });
});
