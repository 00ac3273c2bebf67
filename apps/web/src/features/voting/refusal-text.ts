import { errorMessage, type Locale, type TVoteCard, type VoteRefusal } from '@casearena/contract';
import i18n from '../../i18n/index.ts';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';

type Windows = TVoteCard['windows'];

/** The span of all voting windows, in the Beijing-time text the server's messages use ("2026-03-16 00:00"). */
export function windowSpan(windows: Windows): { start: string; end: string } | null {
  const first = windows[0];
  const last = windows[windows.length - 1];
  if (!first || !last) return null;
  return { start: shanghaiMinute(first.startsAt), end: shanghaiMinute(last.endsAt) };
}

/** "2026-03-16 – 2026-03-20" per window, joined: the public pages' "投票时间". */
export function windowRanges(windows: Windows, lang: Locale): string {
  const day = (iso: string) => shanghaiMinute(iso).slice(0, 10);
  return windows.map((w) => `${day(w.startsAt)} – ${day(w.endsAt)}`).join(lang === 'en' ? '; ' : '；');
}

/**
 * The sentence under a vote button that is not shown: the contract's error message for the refusal code when the card
 * carries what it needs (dates for not open / closed, the next vote time), else the short text of the voting pages.
 * The server's own message wins after a refused POST (it has every parameter); this is for the card's abilities.
 */
export function voteRefusalText(code: VoteRefusal, card: Pick<TVoteCard, 'windows' | 'nextVoteAt'>, lang: Locale): string {
  const span = windowSpan(card.windows);
  switch (code) {
    case 'VOTING_NOT_OPEN':
    case 'VOTING_CLOSED':
      return span ? errorMessage(code, lang, span) : i18n.t(`voting.refusals.${code}`);
    case 'ALREADY_VOTED_TODAY':
      return card.nextVoteAt
        ? errorMessage(code, lang, { next: shanghaiMinute(card.nextVoteAt) })
        : i18n.t(`voting.refusals.${code}`);
    case 'UNAUTHENTICATED':
    case 'NOT_VOTABLE':
    case 'DAILY_VOTE_CAP':
    case 'ACCOUNT_TOO_NEW':
    case 'CERTIFICATION_REQUIRED':
    case 'CHALLENGE_REQUIRED':
    case 'RATE_LIMITED':
      return i18n.t(`voting.refusals.${code}`);
  }
}
