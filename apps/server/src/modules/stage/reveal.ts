import type { TStageMethod, TStageReveal } from '@casearena/contract';

/** One judge's line in a finalist's reveal: a recused judge has no total, nor an absent one (not recused). */
export interface RevealJudge {
  seat: number;
  name: string;
  total: number | null;
  recused: boolean;
}

/** A number in hundredths: the totals are 2-decimal figures, so the mean is done on integers, free of float drift. */
const cents = (x: number) => Math.round(x * 100);

/**
 * A finalist's reveal (issue 11 item 4; S0-10, S2-6): each judge's total, which are dropped, the final score.
 * - Counted: the judges not recused who have a total; a recused judge is listed with `recused` and never counted,
 *   nor is a judge without a total: absent (the host revealed with a reason without their score), listed with
 *   total null, not recused, never dropped.
 * - 'trimmed' with at least 3 counted totals: exactly one highest and one lowest are marked `dropped` (among equal
 *   totals the lowest seat is the one dropped), the final is the mean of the rest — with 3 the middle one remains.
 *   With 1 or 2 counted, dropping both extremes would leave nothing: the plain mean is taken, nothing is dropped and
 *   the reveal says `method: 'mean'` (what was applied), as judging's rankRound does.
 * - 'mean': the mean of all counted totals, nothing dropped.
 * - The final is rounded to 2 decimals, half up (toward +∞) on the exact decimal value: totals are taken in
 *   hundredths and the mean of n of them rounds as ⌊(2·sum + n) / 2n⌋ hundredths, so (60.11 + 60.12) / 2 gives 60.12 where
 *   binary floating point (60.114999…) would give 60.11. No counted total at all gives 0.
 * Scores are listed by seat.
 */
export function revealOf(input: { method: TStageMethod; judges: readonly RevealJudge[] }): TStageReveal {
  const judges = [...input.judges].sort((a, b) => a.seat - b.seat);
  const counted = judges.filter((j) => !j.recused && j.total !== null);
  const trimmed = input.method === 'trimmed' && counted.length >= 3;
  const dropped = new Set<number>();
  if (trimmed) {
    // Sorted by total, then seat: the first is the lowest total's lowest seat; the highest total's lowest seat is the
    // first of the last run of equal totals.
    const byTotal = [...counted].sort((a, b) => cents(a.total as number) - cents(b.total as number) || a.seat - b.seat);
    const low = byTotal[0] as RevealJudge;
    const top = cents(byTotal[byTotal.length - 1]?.total as number);
    const high = byTotal.find((j, i) => i > 0 && cents(j.total as number) === top) as RevealJudge;
    dropped.add(low.seat).add(high.seat);
  }
  const kept = counted.filter((j) => !dropped.has(j.seat));
  const sum = kept.reduce((s, j) => s + cents(j.total as number), 0);
  const n = kept.length;
  const final = n === 0 ? 0 : Math.floor((2 * sum + n) / (2 * n)) / 100;
  return {
    method: trimmed ? 'trimmed' : 'mean',
    final,
    scores: judges.map((j) => ({
      seat: j.seat,
      name: j.name,
      total: j.recused || j.total === null ? null : cents(j.total) / 100,
      recused: j.recused,
      dropped: dropped.has(j.seat),
    })),
  };
}

/**
 * The ranking's first tie-break (stage-ranking.ts): the plain mean of every counted total of a reveal, dropped ones
 * included, unrounded (0 when none was counted).
 */
export function untrimmedMean(reveal: TStageReveal): number {
  const totals = reveal.scores.filter((s) => !s.recused && s.total !== null).map((s) => cents(s.total as number));
  return totals.length === 0 ? 0 : totals.reduce((a, b) => a + b, 0) / totals.length / 100;
}
