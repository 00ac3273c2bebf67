import type { TStageAward } from '@casearena/contract';

/** A revealed finalist: its final score, the untrimmed mean of its counted totals, its presenting position. */
export interface StageRankRow {
  entryId: string;
  final: number;
  mean: number;
  position: number;
}

export interface StageRanked {
  entryId: string;
  rank: number;
  /** The award's key (TStageAward.key), null below the last award's ranks. */
  award: string | null;
}

/** The stated tie-break of a stage's ranking (rankStage), shown with the results in the reader's language. */
export const STAGE_TIE_BREAK = {
  'zh-CN':
    '按最终得分从高到低排名；最终得分相同时，比较所有计入评委分数的平均分（不去掉最高分和最低分），高者在前；仍相同则名次并列，奖项按并列名次取较高者。',
  en: 'Ranked by final score, highest first; on equal final scores, the higher mean of all counted judges’ scores (the highest and lowest not dropped) ranks first; still equal, the finalists share the rank and the better award.',
} as const satisfies Record<'zh-CN' | 'en', string>;

/**
 * Compared at a fixed precision: finals are 2-decimal figures and the means exact fractions of hundredths, so two
 * equal means that float arithmetic made differ in the 15th digit still tie.
 */
const fixed = (x: number) => Math.round(x * 1e6);

/**
 * Ranks a stage's revealed finalists (issue 11 item 5; S0-10, S2-6): by final desc; equal finals by the untrimmed
 * mean desc; still equal, the same rank (competition ranking: 1, 2, 2, 4). Awards by rank, best first: the first
 * award covers ranks 1..c1, the next c1+1..c1+c2, and so on (S0-10: gold 1, silver 2-3, bronze 4-6); tied finalists
 * share the rank of the best of them, so a tie straddling a boundary gets the better award for all of them. Rows come
 * back by rank, equal ranks by presenting position.
 */
export function rankStage(rows: readonly StageRankRow[], awards: readonly TStageAward[]): StageRanked[] {
  const sorted = [...rows].sort(
    (a, b) => fixed(b.final) - fixed(a.final) || fixed(b.mean) - fixed(a.mean) || a.position - b.position,
  );
  // The last rank each award covers.
  const upTo: number[] = [];
  for (const a of awards) upTo.push((upTo[upTo.length - 1] ?? 0) + a.count);
  const awardOf = (rank: number) => {
    const i = upTo.findIndex((last) => rank <= last);
    return i < 0 ? null : (awards[i] as TStageAward).key;
  };
  const out: StageRanked[] = [];
  sorted.forEach((row, i) => {
    const before = sorted[i - 1];
    const tied = before !== undefined && fixed(before.final) === fixed(row.final) && fixed(before.mean) === fixed(row.mean);
    const rank = tied ? (out[i - 1] as StageRanked).rank : i + 1;
    out.push({ entryId: row.entryId, rank, award: awardOf(rank) });
  });
  return out;
}
