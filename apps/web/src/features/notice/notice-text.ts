import { errorMessage, type Locale, type TNoticeAbilities, type TPublicNotice } from '@casearena/contract';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';

type Refusal<K extends keyof TNoticeAbilities> = Exclude<TNoticeAbilities[K], true>;

/**
 * The sentence shown instead of a notice button, in the contract's words with the notice's own figures (the end date
 * in Beijing time, the open objections); the server's message wins after a refused POST.
 */
export function noticeRefusalText(
  code: Refusal<'publish'> | Refusal<'finalize'> | Refusal<'object'> | Refusal<'edit'>,
  notice: Pick<TPublicNotice, 'endsAt' | 'openObjections'>,
  lang: Locale,
): string {
  const endsAt = notice.endsAt ? shanghaiMinute(notice.endsAt) : '—';
  switch (code) {
    case 'NOTICE_ENDED':
    case 'NOTICE_NOT_ENDED':
      return errorMessage(code, lang, { endsAt });
    case 'OBJECTIONS_OPEN':
      return errorMessage(code, lang, { count: notice.openObjections });
    case 'FORBIDDEN':
    case 'WRONG_STATUS':
    case 'AWARDS_NOT_FROZEN':
    case 'NOTICE_NOT_OPEN':
    case 'UNAUTHENTICATED':
      return errorMessage(code, lang);
  }
}

/** The awards on notice with an entry, once each (an entry may hold two awards): the objection form's choices. */
export function entriesOnNotice(notice: Pick<TPublicNotice, 'themes'>) {
  const seen = new Map<string, { entryId: string; label: string }>();
  for (const theme of notice.themes)
    for (const a of theme.awards)
      if (a.entryId && !seen.has(a.entryId))
        seen.set(a.entryId, {
          entryId: a.entryId,
          label: [a.entryNumber, a.entryTitle, a.organizationName].filter(Boolean).join(' · '),
        });
  return [...seen.values()];
}
