import type { Locale, TStageAward, TStageFinalist } from '@casearena/contract';

export interface LeaderRow {
  entryId: string;
  rank: number;
  title: string;
  organization: string;
  final: number;
  /** The award's label in the viewer's language, once the stage is finished. */
  award: string | null;
  awardKey: string | null;
}

/**
 * The running leaderboard: the revealed finalists by final score. Once the server has ranked them (finished,
 * frozen) its rank and award are shown; before, the rank is the running one by final alone (1, 2, 2, 4: equal finals
 * share it — the stated tie-break is the server's, applied when it ranks).
 */
export function leaderRows(finalists: readonly TStageFinalist[], awards: readonly TStageAward[], lang: Locale): LeaderRow[] {
  const revealed = finalists.filter((f) => f.reveal !== null);
  const ranked = revealed.every((f) => f.rank !== null) && revealed.length > 0;
  const sorted = [...revealed].sort((a, b) =>
    ranked ? (a.rank ?? 0) - (b.rank ?? 0) : (b.reveal?.final ?? 0) - (a.reveal?.final ?? 0),
  );
  let lastFinal: number | null = null;
  let lastRank = 0;
  return sorted.map((f, i) => {
    const final = f.reveal?.final ?? 0;
    let rank: number;
    if (ranked) rank = f.rank ?? i + 1;
    else {
      rank = lastFinal !== null && final === lastFinal ? lastRank : i + 1;
      lastFinal = final;
      lastRank = rank;
    }
    const award = f.award ? (awards.find((a) => a.key === f.award) ?? null) : null;
    return {
      entryId: f.entryId,
      rank,
      title: f.title,
      organization: f.organization,
      final,
      award: award ? award.label[lang] : f.award,
      awardKey: f.award,
    };
  });
}
