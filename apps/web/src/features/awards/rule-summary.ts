import type { Locale, TAwardRule } from '@casearena/contract';
import i18n from '../../i18n/index.ts';

/** One line per rule in the organizer's words: what it reads and what it gives (the manager's rules summary). */
export function ruleSummary(rule: TAwardRule, lang: Locale): string {
  const t = i18n.getFixedT(lang);
  const honour = rule.honour
    ? t('awards.summary.honour', { label: rule.honour.label[lang], perTheme: rule.honour.perTheme })
    : '';
  const sep = lang === 'en' ? '; ' : '；';
  let what: string;
  switch (rule.kind) {
    case 'tiers':
      what = t('awards.summary.tiers', { tiers: rule.tiers.join(sep), round: rule.roundId ?? t('awards.summary.lastRound') });
      break;
    case 'medals':
      what =
        rule.stageIds.length > 0
          ? t('awards.summary.medalsSome', { count: rule.stageIds.length })
          : t('awards.summary.medalsAll');
      break;
    case 'popularity':
      what = t('awards.summary.popularity');
      break;
    case 'most_entries':
      what = t('awards.summary.mostEntries');
      break;
    case 'most_tier':
      what = t('awards.summary.mostTier', { tier: rule.tier });
      break;
    case 'quota':
      what = t('awards.summary.quota', {
        quotas: rule.quotas.map((q) => `${q.trackKey ?? t('awards.summary.noTrack')} ${q.quota}`).join(sep),
        ties: rule.tiesTaken ? t('awards.summary.tiesTaken') : t('awards.summary.tiesCut'),
      });
      break;
  }
  return honour ? `${what}${sep}${honour}` : what;
}
