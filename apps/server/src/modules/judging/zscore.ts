// Per-judge z-score normalisation (issue 10 item 5), for panels where judges see different subsets: a harsh judge
// and a lenient one who score different entries must not decide the ranking by their temperament.

import type { ScoreTable } from './aggregate-table.ts';

export interface Normalized {
  /** z[slot]: the sheet's total standardised over the totals of the same judge. */
  z: Float64Array;
  /** The one affine map back to the sheet's range: normalised = centre + spread * z. */
  centre: number;
  spread: number;
}

/**
 * Each judge's totals are standardised over all the entries that judge scored in the round (across themes: a
 * judge's temperament is their own, not the theme's), with the population standard deviation. A judge with one
 * sheet, or whose totals are all equal, says nothing about the order of the entries they scored: their sheets
 * get z = 0 and so count as the panel's centre.
 *
 * Back to the sheet's range with ONE affine map for every sheet, normalised = M + k·z, where M is the mean of all
 * raw totals of the round and k their population standard deviation, shrunk just enough that the largest and the
 * smallest z still land within [0, range]. One map for all sheets keeps the order of the z values exactly (a
 * per-value clamp would tie entries at the bounds), and the published numbers stay on the sheet's familiar scale.
 */
export function normalize(t: ScoreTable): Normalized {
  const S = t.total.length;
  const J = t.judgeIds.length;
  const sum = new Float64Array(J);
  const n = new Int32Array(J);
  let all = 0;
  let all2 = 0;
  for (let s = 0; s < S; s++) {
    const j = t.judge[s] ?? 0;
    const x = t.total[s] ?? 0;
    sum[j] = (sum[j] ?? 0) + x;
    n[j] = (n[j] ?? 0) + 1;
    all += x;
    all2 += x * x;
  }
  const mean = new Float64Array(J);
  for (let j = 0; j < J; j++) mean[j] = (n[j] ?? 0) > 0 ? (sum[j] ?? 0) / (n[j] ?? 1) : 0;
  const centre = S > 0 ? all / S : 0;
  // A judge's spread in two passes (mean, then squared deviations): no cancellation when a judge's totals lie close
  // together. The panel's from Σx² (one pass): its spread is wide, and with whole-number totals the sums are exact
  // in any order, so renaming the judges cannot move the map back.
  const dev2 = new Float64Array(J);
  for (let s = 0; s < S; s++) {
    const j = t.judge[s] ?? 0;
    const d = (t.total[s] ?? 0) - (mean[j] ?? 0);
    dev2[j] = (dev2[j] ?? 0) + d * d;
  }
  const sd = new Float64Array(J);
  for (let j = 0; j < J; j++) sd[j] = (n[j] ?? 0) > 1 ? Math.sqrt((dev2[j] ?? 0) / (n[j] ?? 1)) : 0;
  const z = new Float64Array(S);
  let zMax = 0;
  let zMin = 0;
  for (let s = 0; s < S; s++) {
    const j = t.judge[s] ?? 0;
    const d = sd[j] ?? 0;
    // A spread below 1e-12 of the range is rounding noise of equal totals, not a judgement.
    const v = d > 1e-12 * t.range ? ((t.total[s] ?? 0) - (mean[j] ?? 0)) / d : 0;
    z[s] = v;
    if (v > zMax) zMax = v;
    if (v < zMin) zMin = v;
  }
  let spread = S > 0 ? Math.sqrt(Math.max(0, all2 / S - centre * centre)) : 0;
  if (zMax > 0) spread = Math.min(spread, (t.range - centre) / zMax);
  if (zMin < 0) spread = Math.min(spread, centre / -zMin);
  return { z, centre, spread: Math.max(0, spread) };
}

/** The normalised value of a z, within [0, range] (the clamp only absorbs the last binary digit). */
export function rescale(nz: Normalized, range: number, z: number): number {
  const v = nz.centre + nz.spread * z;
  return Math.max(0, Math.min(range, v));
}
