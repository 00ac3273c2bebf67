import type { Locale } from '@casearena/contract';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { awardsEn } from './awards.en.ts';
import { awardsZhCN } from './awards.zh-CN.ts';
import { en } from './en.ts';
import { entriesEn } from './entries.en.ts';
import { entriesZhCN } from './entries.zh-CN.ts';
import { judgingJudgeEn } from './judging-judge.en.ts';
import { judgingJudgeZhCN } from './judging-judge.zh-CN.ts';
import { judgingOrganizerEn } from './judging-organizer.en.ts';
import { judgingOrganizerZhCN } from './judging-organizer.zh-CN.ts';
import { judgingRoundEn } from './judging-round.en.ts';
import { judgingRoundZhCN } from './judging-round.zh-CN.ts';
import { organizerEn } from './organizer.en.ts';
import { organizerZhCN } from './organizer.zh-CN.ts';
import { outboxEn } from './outbox.en.ts';
import { outboxZhCN } from './outbox.zh-CN.ts';
import { stageEn } from './stage.en.ts';
import { stageZhCN } from './stage.zh-CN.ts';
import { votingEn } from './voting.en.ts';
import { votingZhCN } from './voting.zh-CN.ts';
import { votingDashboardEn } from './voting-dashboard.en.ts';
import { votingDashboardZhCN } from './voting-dashboard.zh-CN.ts';
import { zhCN } from './zh-CN.ts';

/** localStorage key of the language the visitor chose on this device; absent until they choose. */
export const LANG_KEY = 'casearena.lang';

function readStored(): Locale | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    // Private modes may refuse storage; the app still works in the default language.
    return null;
  }
}

/** The language the visitor picked on this device, if any (it wins over the profile's saved locale). */
export const storedLanguage = readStored;

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': {
      translation: {
        ...zhCN,
        ...organizerZhCN,
        ...entriesZhCN,
        ...outboxZhCN,
        ...votingZhCN,
        ...votingDashboardZhCN,
        ...judgingJudgeZhCN,
        ...judgingOrganizerZhCN,
        ...judgingRoundZhCN,
        ...stageZhCN,
        ...awardsZhCN,
      },
    },
    en: {
      translation: {
        ...en,
        ...organizerEn,
        ...entriesEn,
        ...outboxEn,
        ...votingEn,
        ...votingDashboardEn,
        ...judgingJudgeEn,
        ...judgingOrganizerEn,
        ...judgingRoundEn,
        ...stageEn,
        ...awardsEn,
      },
    },
  },
  lng: readStored() ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the UI language; `remember` records it as the visitor's own choice on this device. */
export function setLanguage(lang: Locale, remember: boolean) {
  if (remember) {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Not persisted; the switch still applies to this tab.
    }
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** The current UI language, narrowed to the contract's locales (for ORG_KIND_LABELS[kind][lang] and friends). */
export function useLang(): Locale {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
