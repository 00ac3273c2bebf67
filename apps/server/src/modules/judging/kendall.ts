// Kendall's coefficient of concordance for a complete design (issue 10 item 5: agreement per theme).

/**
 * W = 12·S / (k²(n³ − n) − k·Σ T), on an n×k matrix (row = entry, column = judge): each judge's totals ranked
 * 1..n with tied totals given their average rank, S the sum of squared deviations of the entries' rank sums from
 * their mean k(n + 1)/2, T = Σ (t³ − t) over each judge's groups of t tied totals (Kendall & Babington Smith's
 * tie correction). 1 = every judge orders the entries alike, 0 = no common order. Null when n < 2, k < 2, or
 * every judge gave every entry the same total.
 */
export function kendallW(m: Float64Array, n: number, k: number): number | null {
  if (n < 2 || k < 2) return null;
  const rankSum = new Float64Array(n);
  const col = new Float64Array(n);
  // avg[p]: the average rank of the value at sorted position p; positions lo..hi-1 holding one value hold ranks
  // lo+1..hi, on average (lo + 1 + hi) / 2.
  const avg = new Float64Array(n);
  let ties = 0;
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < n; r++) col[r] = m[r * k + c] ?? 0;
    // A numeric sort of the values (no comparator: the engine's fast path), then each entry's rank by one binary
    // search for its value's first position.
    const sorted = col.slice().sort();
    let i = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) j++;
      avg.fill((i + 1 + j) / 2, i, j);
      const t = j - i;
      ties += t ** 3 - t;
      i = j;
    }
    for (let r = 0; r < n; r++) rankSum[r] = (rankSum[r] ?? 0) + (avg[firstAtLeast(sorted, col[r] ?? 0)] ?? 0);
  }
  const mean = (k * (n + 1)) / 2;
  let S = 0;
  for (let r = 0; r < n; r++) S += ((rankSum[r] ?? 0) - mean) ** 2;
  // n ** 3 is a float: k²·n³ passes 2³¹ at n ≈ 1,250 with 7 judges, where integer arithmetic would overflow.
  const den = k * k * (n ** 3 - n) - k * ties;
  return den > 0 ? (12 * S) / den : null;
}

/** The first position whose value is >= v, in an ascending array. */
function firstAtLeast(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
