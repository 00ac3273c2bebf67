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
  const order = new Int32Array(n);
  let ties = 0;
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < n; r++) {
      col[r] = m[r * k + c] ?? 0;
      order[r] = r;
    }
    order.sort((a, b) => (col[a] ?? 0) - (col[b] ?? 0) || a - b);
    let i = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && col[order[j] ?? 0] === col[order[i] ?? 0]) j++;
      // Positions i..j-1 (0-based) hold ranks i+1..j; their average is (i + 1 + j) / 2.
      const avg = (i + 1 + j) / 2;
      for (let p = i; p < j; p++) rankSum[order[p] ?? 0] = (rankSum[order[p] ?? 0] ?? 0) + avg;
      const t = j - i;
      ties += t * t * t - t;
      i = j;
    }
  }
  const mean = (k * (n + 1)) / 2;
  let S = 0;
  for (let r = 0; r < n; r++) S += ((rankSum[r] ?? 0) - mean) ** 2;
  const den = k * k * (n * n * n - n) - k * ties;
  return den > 0 ? (12 * S) / den : null;
}
