// A round's published formula (issue 10 item 5; S0-10 ranks each theme's cases by several experts' online scores,
// S1-8 scores the five criteria): sheet totals from criteria weights, one aggregation method per round, ranks within
// each theme (or theme + track) with a stated tie-break order, and the breakdown a participant is shown. Pure and
// deterministic: the same sheets give the same ranking whatever their order (X-3: a frozen result can be recomputed).

import type { AggregationMethod, ScoreSheetSpec } from '@casearena/contract';
import {
  criterionFactors,
  type EntryInRound,
  type PreparedRound,
  pointsOf,
  q,
  type ScoreTable,
  type SheetScores,
  tableOf,
} from './aggregate-table.ts';
import { type Normalized, normalize, rescale } from './zscore.ts';

export { type EntryInRound, type PreparedRound, prepareRound, type SheetScores } from './aggregate-table.ts';

export interface RankInput {
  spec: ScoreSheetSpec;
  method: AggregationMethod;
  /** Submitted sheets only (drafts and abstentions are not scores). */
  sheets: readonly SheetScores[];
  entries: readonly EntryInRound[];
  /** An entry with fewer sheets is flagged tooFewSheets and not ranked; at least 1 (default 1). */
  minSheets?: number;
}

export interface JudgeScore {
  judgeId: string;
  /** The sheet's weighted total, in [0, weightTotal]. */
  raw: number;
  /** The zscore method's value of this sheet, in [0, weightTotal]. */
  normalized?: number;
  /** The trimmed method dropped this sheet (the entry's highest or lowest). */
  dropped?: true;
}

export interface RankedEntry {
  entryId: string;
  groupKey: string;
  /** The method's score in [0, weightTotal], 9 decimals; null without any sheet. */
  score: number | null;
  /** 1 = best within groupKey; entries equal on every tie-break key share a rank (1, 2, 2, 4); null when unranked. */
  rank: number | null;
  sheets: number;
  /** Ordered by judge id. */
  perJudge: JudgeScore[];
  /** Mean raw points per criterion over the sheets the score counts (the trimmed method: the kept ones). */
  perCriterion: Record<string, number>;
  tooFewSheets: boolean;
}

/**
 * The sheet's total: Σ weight_c · points_c / max_c, scaled so that full marks give weightTotal (the declared
 * weight sum; e.g. seed 001's five criteria, 20 points each with weight 20, total 100). Rounded to 9 decimals.
 */
export function weightedTotal(spec: ScoreSheetSpec, scores: Readonly<Record<string, number>>): number {
  const f = criterionFactors(spec);
  let t = 0;
  spec.criteria.forEach((c, i) => {
    t += pointsOf(scores, c.key) * (f[i] ?? 0);
  });
  return q(t);
}

/**
 * Ranks a round. Methods, over the totals of an entry's n sheets:
 * - mean; median (the mean of the two middle ones for even n);
 * - trimmed: drops the one highest and the one lowest sheet when n >= 3 (with 3 the middle sheet remains); with 1
 *   or 2 sheets dropping both extremes would leave none, so it is the plain mean and nothing is marked dropped;
 * - zscore: the mean of the entry's per-judge z values, mapped back to the sheet's range (see zscore.ts).
 *
 * Tie-break order within a group, each applied only when all before it are equal:
 * 1. higher score; 2. higher median of the same values (for the median method: higher mean) — the middle
 * judges' view, which one extreme sheet cannot move; 3. more sheets; 4. the entry's tieBreak keys, lower first, one by one (a missing key loses);
 * entries still equal share a rank. Pass a unique key (e.g. the entry number) last to make ranks strict.
 * Output: groups in key order, each group's ranked entries by rank (equal ranks by entry id), then the unranked.
 * `prepared` (prepareRound of the same input) saves laying the sheets out again.
 */
export function rankRound(input: RankInput, prepared?: PreparedRound): RankedEntry[] {
  const t = tableOf(input, prepared);
  const { method } = input;
  const minSheets = Math.max(1, Math.floor(input.minSheets ?? 1));
  const E = t.entryIds.length;
  const nz = method === 'zscore' ? normalize(t) : null;
  const value = nz ? nz.z : t.total;

  let widest = 0;
  for (let e = 0; e < E; e++) widest = Math.max(widest, (t.start[e + 1] ?? 0) - (t.start[e] ?? 0));
  const vals = new Float64Array(widest);
  const score = new Float64Array(E);
  const second = new Float64Array(E);
  const dropLow = new Int32Array(E).fill(-1);
  const dropHigh = new Int32Array(E).fill(-1);

  for (let e = 0; e < E; e++) {
    const a = t.start[e] ?? 0;
    const n = (t.start[e + 1] ?? 0) - a;
    if (n === 0) continue;
    // Sorted copy, stable: equal values keep judge order, so which equal sheet is dropped is fixed. Sums run in
    // value order, so that renaming the judges cannot change a score even in its last binary digit.
    for (let i = 0; i < n; i++) {
      const v = value[a + i] ?? 0;
      let k = i - 1;
      while (k >= 0 && (vals[k] ?? 0) > v) {
        vals[k + 1] = vals[k] ?? 0;
        k--;
      }
      vals[k + 1] = v;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += vals[i] ?? 0;
    const mean = sum / n;
    let trimmed = mean;
    const med = n % 2 === 1 ? (vals[(n - 1) >> 1] ?? 0) : ((vals[n / 2 - 1] ?? 0) + (vals[n / 2] ?? 0)) / 2;
    if (method === 'trimmed' && n >= 3) {
      let kept = 0;
      for (let i = 1; i < n - 1; i++) kept += vals[i] ?? 0;
      trimmed = kept / (n - 2);
      dropLow[e] = extremeSlot(value, a, n, vals[0] ?? 0, false);
      dropHigh[e] = extremeSlot(value, a, n, vals[n - 1] ?? 0, true);
    }
    const primary = method === 'median' ? med : method === 'trimmed' ? trimmed : mean;
    const secondary = method === 'median' ? mean : med;
    score[e] = q(nz ? rescale(nz, t.range, primary) : primary);
    second[e] = q(nz ? rescale(nz, t.range, secondary) : secondary);
  }

  const out: RankedEntry[] = [];
  const rank = new Int32Array(E);
  const sums = new Float64Array(t.criteria.length);
  const template: Record<string, number> = Object.fromEntries(t.criteria.map((key) => [key, 0]));
  for (let g = 0; g < t.groupKeys.length; g++) {
    const members: number[] = [];
    const unranked: number[] = [];
    for (let i = t.groupStart[g] ?? 0; i < (t.groupStart[g + 1] ?? 0); i++) {
      const e = t.groupEntries[i] ?? 0;
      ((t.start[e + 1] ?? 0) - (t.start[e] ?? 0) >= minSheets ? members : unranked).push(e);
    }
    const order = (a: number, b: number) => compareEntries(t, score, second, a, b);
    members.sort((a, b) => order(a, b) || a - b);
    for (let i = 0; i < members.length; i++) {
      const e = members[i] ?? 0;
      const prev = members[i - 1];
      rank[e] = prev !== undefined && order(prev, e) === 0 ? (rank[prev] ?? 0) : i + 1;
    }
    for (const e of members)
      out.push(present(t, e, score, rank[e] ?? 0, nz, dropLow[e] ?? -1, dropHigh[e] ?? -1, false, sums, template));
    for (const e of unranked) out.push(present(t, e, score, null, nz, dropLow[e] ?? -1, dropHigh[e] ?? -1, true, sums, template));
  }
  return out;
}

/** The slot dropped as the lowest (the first judge with that value) or the highest (the last judge with it). */
function extremeSlot(value: Float64Array, a: number, n: number, v: number, last: boolean): number {
  let found = -1;
  for (let i = 0; i < n; i++) {
    if (value[a + i] === v) {
      found = a + i;
      if (!last) break;
    }
  }
  return found;
}

/** Negative when entry a ranks before b; 0 when every key of the stated order is equal. */
function compareEntries(t: ScoreTable, score: Float64Array, second: Float64Array, a: number, b: number): number {
  const d1 = (score[b] ?? 0) - (score[a] ?? 0);
  if (d1 !== 0) return d1;
  const d2 = (second[b] ?? 0) - (second[a] ?? 0);
  if (d2 !== 0) return d2;
  const na = (t.start[a + 1] ?? 0) - (t.start[a] ?? 0);
  const nb = (t.start[b + 1] ?? 0) - (t.start[b] ?? 0);
  if (na !== nb) return nb - na;
  const ka = t.tieBreak[a] ?? [];
  const kb = t.tieBreak[b] ?? [];
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const x = finiteOr(ka[i]);
    const y = finiteOr(kb[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function finiteOr(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

function present(
  t: ScoreTable,
  e: number,
  score: Float64Array,
  rank: number | null,
  nz: Normalized | null,
  low: number,
  high: number,
  unranked: boolean,
  sums: Float64Array,
  template: Readonly<Record<string, number>>,
): RankedEntry {
  const a = t.start[e] ?? 0;
  const b = t.start[e + 1] ?? 0;
  const K = t.criteria.length;
  const perJudge: JudgeScore[] = [];
  sums.fill(0);
  let counted = 0;
  for (let s = a; s < b; s++) {
    const judgeId = t.judgeIds[t.judge[s] ?? 0] as string;
    const raw = q(t.total[s] ?? 0);
    const dropped = s === low || s === high;
    // One literal per shape, so the objects are born with their final hidden class.
    perJudge.push(
      nz
        ? { judgeId, raw, normalized: q(rescale(nz, t.range, nz.z[s] ?? 0)) }
        : dropped
          ? { judgeId, raw, dropped: true }
          : { judgeId, raw },
    );
    if (dropped) continue;
    counted++;
    for (let c = 0; c < K; c++) sums[c] = (sums[c] ?? 0) + (t.points[s * K + c] ?? 0);
  }
  // A copy of a template with every criterion key is born with its final shape; the stores then change values only.
  const perCriterion: Record<string, number> = counted > 0 ? { ...template } : {};
  if (counted > 0) {
    for (let c = 0; c < K; c++) perCriterion[t.criteria[c] as string] = q((sums[c] ?? 0) / counted);
  }
  return {
    entryId: t.entryIds[e] as string,
    groupKey: t.groupKeys[t.entryGroup[e] ?? 0] as string,
    score: b > a ? (score[e] ?? 0) : null,
    rank,
    sheets: b - a,
    perJudge,
    perCriterion,
    tooFewSheets: unranked,
  };
}
