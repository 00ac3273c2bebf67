// Panel quality before a round's results freeze (issue 10 item 5): how far the judges of each theme agree, which
// judges deviate strongly from their colleagues on the same entries, which sheets are missing, which entries have
// too few. Computed on the sheets' raw weighted totals, with the same canonical layout as the ranking.

import type { AggregationMethod, ScoreSheetSpec } from '@casearena/contract';
import { cmpStr, type EntryInRound, type PreparedRound, type ScoreTable, type SheetScores, tableOf } from './aggregate-table.ts';
import { kendallW } from './kendall.ts';

export interface AgreementInput {
  spec: ScoreSheetSpec;
  sheets: readonly SheetScores[];
  entries: readonly EntryInRound[];
  minSheets?: number;
  /** Ignored: agreement is about the raw sheets, whatever the round's method (so a RankInput can be passed as is). */
  method?: AggregationMethod;
  /** The live assignments (status 'assigned'; abstentions excluded), for the sheets missing per judge. */
  assignments?: readonly { judgeId: string; entryId: string }[];
  /** |z| from which a judge is an outlier (default 2). */
  outlierZ?: number;
  /** And the least |mean deviation| in points (default 5% of the sheet's range), so a tight panel flags no one. */
  outlierMinDeviation?: number;
}

export type IccForm = 'ICC(2,1)' | 'ICC(1,1)';

export interface GroupAgreement {
  groupKey: string;
  /**
   * Complete design (every judge of the group scored every scored entry of it): ICC(2,1), two-way random effects,
   * absolute agreement, single judge (Shrout & Fleiss 1979). Otherwise, judges seeing different subsets, ICC(1,1),
   * one-way random effects with unequal sheets per entry (k0 for the mean sheets per entry): the one form that
   * does not assume the same judges rated every entry. Null when undefined (fewer than 2 entries, no entry with
   * 2 sheets, or no variance at all).
   */
  icc: number | null;
  iccForm: IccForm | null;
  /** Kendall's W with the correction for tied ranks; complete designs only, else null. */
  kendallW: number | null;
  complete: boolean;
  /** Judges with at least one sheet in the group, and entries with at least one sheet (the others, in tooFew, are left out). */
  judges: number;
  entries: number;
}

export interface OutlierJudge {
  judgeId: string;
  groupKey: string;
  /** Mean over the judge's entries of (their total − the mean of the other judges' totals on that entry). */
  meanDeviation: number;
  /** meanDeviation standardised across the group's judges (population sd). */
  z: number;
  /** Entries the deviation is over (those with at least one other sheet). */
  entries: number;
}

export interface MissingSheets {
  judgeId: string;
  assigned: number;
  submitted: number;
  /** Assigned entries without a submitted sheet, by id. */
  missing: string[];
}

export interface Agreement {
  byGroup: GroupAgreement[];
  outliers: OutlierJudge[];
  /** Judges with at least one missing sheet, by judge id. */
  missing: MissingSheets[];
  /** Entries with fewer than minSheets (default 1) sheets, by id. */
  tooFew: string[];
}

/**
 * The panel-quality figures. Outliers: per group, a judge's mean deviation from the others on the same entries,
 * as z across the group's judges; flagged when |z| >= outlierZ and |meanDeviation| >= outlierMinDeviation, and
 * only in groups with at least 3 such judges. With k judges a population z cannot exceed √(k − 1), so at the
 * default 2 a group needs at least 5 judges before anyone can be flagged — a small panel's "outlier" is noise.
 * `prepared` (prepareRound of the same input) saves laying the sheets out again.
 */
export function agreement(input: AgreementInput, prepared?: PreparedRound): Agreement {
  const t = tableOf(input, prepared);
  const minSheets = Math.max(1, Math.floor(input.minSheets ?? 1));
  const outlierZ = input.outlierZ ?? 2;
  const minDev = input.outlierMinDeviation ?? 0.05 * t.range;
  const J = t.judgeIds.length;
  const local = new Int32Array(J).fill(-1);
  const groupJudges: number[] = [];
  const devSum = new Float64Array(J);
  const devN = new Int32Array(J);
  const byGroup: GroupAgreement[] = [];
  const outliers: OutlierJudge[] = [];

  for (let g = 0; g < t.groupKeys.length; g++) {
    const groupKey = t.groupKeys[g] as string;
    const scored: number[] = [];
    groupJudges.length = 0;
    for (let i = t.groupStart[g] ?? 0; i < (t.groupStart[g + 1] ?? 0); i++) {
      const e = t.groupEntries[i] ?? 0;
      const a = t.start[e] ?? 0;
      const b = t.start[e + 1] ?? 0;
      if (b === a) continue;
      scored.push(e);
      let entrySum = 0;
      for (let s = a; s < b; s++) entrySum += t.total[s] ?? 0;
      for (let s = a; s < b; s++) {
        const j = t.judge[s] ?? 0;
        if ((local[j] ?? -1) < 0) {
          local[j] = groupJudges.length;
          groupJudges.push(j);
        }
        // Deviation from the mean of the other sheets on the same entry.
        if (b - a > 1) {
          const others = entrySum - (t.total[s] ?? 0);
          devSum[j] = (devSum[j] ?? 0) + (t.total[s] ?? 0) - others / (b - a - 1);
          devN[j] = (devN[j] ?? 0) + 1;
        }
      }
    }
    const k = groupJudges.length;
    const n = scored.length;
    const complete = n > 0 && scored.every((e) => (t.start[e + 1] ?? 0) - (t.start[e] ?? 0) === k);
    let icc: number | null = null;
    let iccForm: IccForm | null = null;
    let w: number | null = null;
    if (complete && n >= 2 && k >= 2) {
      const m = new Float64Array(n * k);
      scored.forEach((e, r) => {
        for (let s = t.start[e] ?? 0; s < (t.start[e + 1] ?? 0); s++) m[r * k + (local[t.judge[s] ?? 0] ?? 0)] = t.total[s] ?? 0;
      });
      icc = icc21(m, n, k);
      iccForm = 'ICC(2,1)';
      w = kendallW(m, n, k);
    } else if (!complete) {
      icc = icc11(t.total, t.start, scored);
      iccForm = 'ICC(1,1)';
    }
    byGroup.push({ groupKey, icc, iccForm: icc === null ? null : iccForm, kendallW: w, complete, judges: k, entries: n });

    const withDev = groupJudges.filter((j) => (devN[j] ?? 0) > 0);
    if (withDev.length >= 3) {
      const md = withDev.map((j) => (devSum[j] ?? 0) / (devN[j] ?? 1));
      const mu = md.reduce((x, y) => x + y, 0) / md.length;
      const sd = Math.sqrt(md.reduce((x, y) => x + (y - mu) * (y - mu), 0) / md.length);
      if (sd > 1e-12 * t.range) {
        withDev.forEach((j, i) => {
          const d = md[i] ?? 0;
          const z = (d - mu) / sd;
          if (Math.abs(z) >= outlierZ && Math.abs(d) >= minDev) {
            outliers.push({ judgeId: t.judgeIds[j] as string, groupKey, meanDeviation: d, z, entries: devN[j] ?? 0 });
          }
        });
      }
    }
    for (const j of groupJudges) {
      local[j] = -1;
      devSum[j] = 0;
      devN[j] = 0;
    }
  }
  // By group, the strongest deviation first, then by judge id.
  outliers.sort((a, b) => cmpStr(a.groupKey, b.groupKey) || Math.abs(b.z) - Math.abs(a.z) || cmpStr(a.judgeId, b.judgeId));

  const tooFew: string[] = [];
  for (let e = 0; e < t.entryIds.length; e++) {
    if ((t.start[e + 1] ?? 0) - (t.start[e] ?? 0) < minSheets) tooFew.push(t.entryIds[e] as string);
  }
  return { byGroup, outliers, missing: missingSheets(t, input.assignments ?? []), tooFew };
}

/** ICC(2,1) on a complete n×k matrix (row = entry, column = judge), Shrout & Fleiss's two-way ANOVA form. */
export function icc21(m: Float64Array, n: number, k: number): number | null {
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  let grand = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      const x = m[r * k + c] ?? 0;
      rowMean[r] = (rowMean[r] ?? 0) + x;
      colMean[c] = (colMean[c] ?? 0) + x;
      grand += x;
    }
  }
  for (let r = 0; r < n; r++) rowMean[r] = (rowMean[r] ?? 0) / k;
  for (let c = 0; c < k; c++) colMean[c] = (colMean[c] ?? 0) / n;
  grand /= n * k;
  let ssr = 0;
  let ssc = 0;
  let sse = 0;
  for (let r = 0; r < n; r++) ssr += k * ((rowMean[r] ?? 0) - grand) ** 2;
  for (let c = 0; c < k; c++) ssc += n * ((colMean[c] ?? 0) - grand) ** 2;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) sse += ((m[r * k + c] ?? 0) - (rowMean[r] ?? 0) - (colMean[c] ?? 0) + grand) ** 2;
  }
  const msr = ssr / (n - 1);
  const msc = ssc / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const den = msr + (k - 1) * mse + (k * (msc - mse)) / n;
  return den > 0 ? (msr - mse) / den : null;
}

/** ICC(1,1) for entries with unequal numbers of sheets (one-way ANOVA; k0 = (N − Σnᵢ²/N)/(n − 1)). */
export function icc11(total: Float64Array, start: Int32Array, scored: readonly number[]): number | null {
  const n = scored.length;
  let N = 0;
  let sumSq = 0;
  let grand = 0;
  for (const e of scored) {
    const c = (start[e + 1] ?? 0) - (start[e] ?? 0);
    N += c;
    sumSq += c * c;
    for (let s = start[e] ?? 0; s < (start[e + 1] ?? 0); s++) grand += total[s] ?? 0;
  }
  if (n < 2 || N <= n) return null;
  grand /= N;
  let ssb = 0;
  let ssw = 0;
  for (const e of scored) {
    const a = start[e] ?? 0;
    const b = start[e + 1] ?? 0;
    let mean = 0;
    for (let s = a; s < b; s++) mean += total[s] ?? 0;
    mean /= b - a;
    ssb += (b - a) * (mean - grand) ** 2;
    for (let s = a; s < b; s++) ssw += ((total[s] ?? 0) - mean) ** 2;
  }
  const msb = ssb / (n - 1);
  const msw = ssw / (N - n);
  const k0 = (N - sumSq / N) / (n - 1);
  const den = msb + (k0 - 1) * msw;
  return den > 0 ? (msb - msw) / den : null;
}

function missingSheets(t: ScoreTable, assignments: readonly { judgeId: string; entryId: string }[]): MissingSheets[] {
  const rows = new Map<string, MissingSheets>();
  for (const { judgeId, entryId } of assignments) {
    const e = t.entryIndex.get(entryId);
    if (e === undefined) continue;
    let row = rows.get(judgeId);
    if (!row) {
      row = { judgeId, assigned: 0, submitted: 0, missing: [] };
      rows.set(judgeId, row);
    }
    row.assigned++;
    const j = t.judgeIndex.get(judgeId);
    let found = false;
    if (j !== undefined) for (let s = t.start[e] ?? 0; s < (t.start[e + 1] ?? 0) && !found; s++) found = t.judge[s] === j;
    if (found) row.submitted++;
    else row.missing.push(entryId);
  }
  return [...rows.values()]
    .filter((r) => r.missing.length > 0)
    .sort((a, b) => cmpStr(a.judgeId, b.judgeId))
    .map((r) => ({ ...r, missing: r.missing.sort(cmpStr) }));
}
