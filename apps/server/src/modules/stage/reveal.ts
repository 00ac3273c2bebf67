import type { TStageMethod, TStageReveal } from '@casearena/contract';

export interface RevealJudge {
  seat: number;
  name: string;
  total: number | null;
  recused: boolean;
}

/** A finalist's reveal from its judges' totals (provisional body). */
export function revealOf(input: { method: TStageMethod; judges: readonly RevealJudge[] }): TStageReveal {
  const counted = input.judges.filter((j) => !j.recused && j.total !== null);
  const final = counted.length === 0 ? 0 : counted.reduce((s, j) => s + (j.total as number), 0) / counted.length;
  return {
    method: input.method,
    final: Math.round(final * 100) / 100,
    scores: input.judges.map((j) => ({ ...j, dropped: false })),
  };
}
