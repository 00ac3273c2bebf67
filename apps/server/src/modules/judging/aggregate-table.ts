// The submitted sheets of a round laid out in flat arrays (issue 10 item 5), shared by the ranking (aggregate.ts)
// and the panel-quality figures (agreement.ts). Everything is put in a canonical order — entries by id, judges by
// id, each entry's sheets by judge — so that the order of the input never changes a floating-point sum, and the
// same sheets always give bit-identical results (X-3: a published result can be recomputed and defended).

import type { ScoreSheetSpec } from '@casearena/contract';

/** One submitted sheet: criterion key -> points in [0, max]. */
export interface SheetScores {
  judgeId: string;
  entryId: string;
  scores: Readonly<Record<string, number>>;
}

export interface EntryInRound {
  entryId: string;
  /** The ranking's unit: the theme, or theme + track. */
  groupKey: string;
  /** Further keys compared ascending after the score's own keys (e.g. submission time, entry number). */
  tieBreak?: readonly number[];
}

export interface ScoreTable {
  /** The sheet's range: totals lie in [0, weightTotal]. */
  range: number;
  criteria: string[];
  /** Entries in canonical (id) order; an entry's index is its position here. */
  entryIds: string[];
  entryGroup: Int32Array;
  tieBreak: (readonly number[] | undefined)[];
  groupKeys: string[];
  /** Entries of group g: groupEntries[groupStart[g] .. groupStart[g + 1]), in entry order. */
  groupStart: Int32Array;
  groupEntries: Int32Array;
  judgeIds: string[];
  /** Sheets of entry e: slots start[e] .. start[e + 1], ordered by judge. */
  start: Int32Array;
  judge: Int32Array;
  total: Float64Array;
  /** points[slot * criteria.length + c]: the sheet's raw points on criterion c. */
  points: Float64Array;
  entryIndex: Map<string, number>;
  judgeIndex: Map<string, number>;
}

const GRID = 1e9;

/**
 * Rounds to 9 decimals. Scores are compared and published on this grid, so sums that are mathematically equal but
 * differ in their last binary digit (80.1 + 79.9 vs 80 + 80) tie instead of being ordered by rounding noise.
 */
export function q(x: number): number {
  return Math.round(x * GRID) / GRID;
}

/** Per criterion, the factor that turns its points into its share of the sheet's range. */
export function criterionFactors(spec: ScoreSheetSpec): Float64Array {
  let weights = 0;
  for (const c of spec.criteria) weights += c.weight;
  const f = new Float64Array(spec.criteria.length);
  // Divided by the actual weight sum, so the total stays within [0, weightTotal] even for a weight set that does
  // not sum as declared (the round editor refuses one with WEIGHTS_MISMATCH; the engine never leaves the range).
  spec.criteria.forEach((c, i) => {
    f[i] = weights > 0 && c.max > 0 ? ((c.weight / c.max) * spec.weightTotal) / weights : 0;
  });
  return f;
}

/** Points of one criterion; a missing or non-finite value counts as 0 (the sheet writer refuses such sheets: SCORE_MISSING). */
export function pointsOf(scores: Readonly<Record<string, number>>, key: string): number {
  const v = scores[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/**
 * Lays the sheets out. Sheets of entries not in `entries` are ignored; a second sheet of the same judge for the
 * same entry is ignored (the first in input order counts — assignments are unique per judge and entry, so this
 * only guards against a caller's mistake); an entry listed twice counts once, with its first listing.
 */
export function buildScoreTable(
  spec: ScoreSheetSpec,
  entries: readonly EntryInRound[],
  sheets: readonly SheetScores[],
): ScoreTable {
  const sorted = Array.from(entries.keys()).sort(
    (a, b) => cmpStr((entries[a] as EntryInRound).entryId, (entries[b] as EntryInRound).entryId) || a - b,
  );
  const entryIndex = new Map<string, number>();
  const kept: EntryInRound[] = [];
  for (const i of sorted) {
    const e = entries[i] as EntryInRound;
    if (entryIndex.has(e.entryId)) continue;
    entryIndex.set(e.entryId, kept.length);
    kept.push(e);
  }
  const E = kept.length;
  const groupKeys = [...new Set(kept.map((e) => e.groupKey))].sort(cmpStr);
  const groupIndex = new Map(groupKeys.map((k, i) => [k, i]));
  const entryGroup = new Int32Array(E);
  const groupStart = new Int32Array(groupKeys.length + 1);
  for (let e = 0; e < E; e++) {
    const g = groupIndex.get((kept[e] as EntryInRound).groupKey) ?? 0;
    entryGroup[e] = g;
    groupStart[g + 1] = (groupStart[g + 1] ?? 0) + 1;
  }
  for (let g = 0; g < groupKeys.length; g++) groupStart[g + 1] = (groupStart[g + 1] ?? 0) + (groupStart[g] ?? 0);
  const groupEntries = new Int32Array(E);
  const fill = groupStart.slice(0, groupKeys.length);
  for (let e = 0; e < E; e++) {
    const g = entryGroup[e] ?? 0;
    groupEntries[fill[g] ?? 0] = e;
    fill[g] = (fill[g] ?? 0) + 1;
  }

  // Sheets: entry of each input sheet, judges in id order, then counting sort by entry.
  const sheetEntry = new Int32Array(sheets.length);
  // Judges numbered as first seen (one map lookup per sheet), renumbered in id order below.
  const seen = new Map<string, number>();
  const sheetJudge = new Int32Array(sheets.length);
  const count = new Int32Array(E + 1);
  // Sheets usually come grouped by entry: the previous sheet's entry saves most map lookups.
  let lastId: string | null = null;
  let last = -1;
  for (let s = 0; s < sheets.length; s++) {
    const sh = sheets[s] as SheetScores;
    if (sh.entryId !== lastId) {
      lastId = sh.entryId;
      last = entryIndex.get(lastId) ?? -1;
    }
    const e = last;
    sheetEntry[s] = e;
    if (e < 0) continue;
    let j = seen.get(sh.judgeId);
    if (j === undefined) {
      j = seen.size;
      seen.set(sh.judgeId, j);
    }
    sheetJudge[s] = j;
    count[e + 1] = (count[e + 1] ?? 0) + 1;
  }
  const judgeIds = [...seen.keys()].sort(cmpStr);
  const judgeIndex = new Map(judgeIds.map((id, i) => [id, i]));
  const renumber = new Int32Array(judgeIds.length);
  for (const [id, j] of seen) renumber[j] = judgeIndex.get(id) ?? 0;
  for (let e = 0; e < E; e++) count[e + 1] = (count[e + 1] ?? 0) + (count[e] ?? 0);
  const slotSheet = new Int32Array(count[E] ?? 0);
  const slotJudge = new Int32Array(slotSheet.length);
  const cursor = count.slice(0, E);
  for (let s = 0; s < sheets.length; s++) {
    const e = sheetEntry[s] ?? -1;
    if (e < 0) continue;
    const at = cursor[e] ?? 0;
    cursor[e] = at + 1;
    slotSheet[at] = s;
    slotJudge[at] = renumber[sheetJudge[s] ?? 0] ?? 0;
  }

  const K = spec.criteria.length;
  const keys = spec.criteria.map((c) => c.key);
  const factor = criterionFactors(spec);
  const start = new Int32Array(E + 1);
  const judge = new Int32Array(slotSheet.length);
  const total = new Float64Array(slotSheet.length);
  const points = new Float64Array(slotSheet.length * K);
  let w = 0;
  for (let e = 0; e < E; e++) {
    const a = count[e] ?? 0;
    const b = count[e + 1] ?? 0;
    // Stable insertion sort by judge: a panel per entry is small, and stability keeps the first duplicate.
    for (let i = a + 1; i < b; i++) {
      const sj = slotJudge[i] ?? 0;
      const ss = slotSheet[i] ?? 0;
      let k = i - 1;
      while (k >= a && (slotJudge[k] ?? 0) > sj) {
        slotJudge[k + 1] = slotJudge[k] ?? 0;
        slotSheet[k + 1] = slotSheet[k] ?? 0;
        k--;
      }
      slotJudge[k + 1] = sj;
      slotSheet[k + 1] = ss;
    }
    start[e] = w;
    for (let i = a; i < b; i++) {
      const j = slotJudge[i] ?? 0;
      if (i > a && slotJudge[i - 1] === j) continue;
      const scores = (sheets[slotSheet[i] ?? 0] as SheetScores).scores;
      let t = 0;
      for (let c = 0; c < K; c++) {
        const v = scores[keys[c] as string];
        // A missing or non-finite value counts as 0 (as pointsOf).
        const p = typeof v === 'number' && Number.isFinite(v) ? v : 0;
        points[w * K + c] = p;
        t += p * (factor[c] ?? 0);
      }
      judge[w] = j;
      total[w] = t;
      w++;
    }
  }
  start[E] = w;

  return {
    range: spec.weightTotal,
    criteria: keys,
    entryIds: kept.map((e) => e.entryId),
    entryGroup,
    tieBreak: kept.map((e) => e.tieBreak),
    groupKeys,
    groupStart,
    groupEntries,
    judgeIds,
    start,
    judge: judge.subarray(0, w),
    total: total.subarray(0, w),
    points: points.subarray(0, w * K),
    entryIndex,
    judgeIndex,
  };
}

/**
 * The laid-out sheets of one round, built once when a request ranks with several methods and computes the agreement
 * from the same sheets (the organizer's results page, the benchmark). It remembers the three inputs it was built
 * from; rankRound and agreement use it only when handed exactly those (the same arrays and spec), and otherwise
 * lay the sheets out again — a table from other sheets can never be used by mistake. The inputs must not be
 * changed in place in between (the results are computed from the table, not from the arrays).
 */
export interface PreparedRound {
  readonly spec: ScoreSheetSpec;
  readonly entries: readonly EntryInRound[];
  readonly sheets: readonly SheetScores[];
  readonly table: ScoreTable;
}

export function prepareRound(input: {
  spec: ScoreSheetSpec;
  entries: readonly EntryInRound[];
  sheets: readonly SheetScores[];
}): PreparedRound {
  return {
    spec: input.spec,
    entries: input.entries,
    sheets: input.sheets,
    table: buildScoreTable(input.spec, input.entries, input.sheets),
  };
}

export function tableOf(
  input: { spec: ScoreSheetSpec; entries: readonly EntryInRound[]; sheets: readonly SheetScores[] },
  prepared: PreparedRound | undefined,
): ScoreTable {
  return prepared && prepared.spec === input.spec && prepared.entries === input.entries && prepared.sheets === input.sheets
    ? prepared.table
    : buildScoreTable(input.spec, input.entries, input.sheets);
}

/** Code-unit order, independent of the locale (localeCompare would make results depend on the machine). */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
