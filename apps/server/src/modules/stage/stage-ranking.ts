import type { TStageAward } from '@casearena/contract';

export interface StageRankRow {
  entryId: string;
  final: number;
  mean: number;
  position: number;
}

export interface StageRanked {
  entryId: string;
  rank: number;
  award: string | null;
}

/** The stated tie-break of a stage's ranking, shown with the results. */
export const STAGE_TIE_BREAK = {
  'zh-CN': '按最终得分从高到低排名；最终得分相同时，按全部计入评委分数的平均分（不去掉最高最低分）从高到低；仍相同则名次并列。',
  en: 'Ranked by final score, highest first; equal final scores are ordered by the untrimmed mean of all counted judges’ scores, highest first; still equal, they share the rank.',
} as const;

/** Ranks a stage's revealed finalists and gives the awards by rank (provisional body). */
export function rankStage(rows: readonly StageRankRow[], awards: readonly TStageAward[]): StageRanked[] {
  void awards;
  return [...rows].sort((a, b) => b.final - a.final).map((r, i) => ({ entryId: r.entryId, rank: i + 1, award: null }));
}
