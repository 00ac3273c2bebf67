import { type Locale, RECUSAL_REASON_LABELS, type TRecusalReason } from '@casearena/contract';
import { ApiError } from '../../../../api/client.ts';
import i18n from '../../../../i18n/index.ts';

const isReason = (v: unknown): v is TRecusalReason => typeof v === 'string' && v in RECUSAL_REASON_LABELS;

/** A recusal reason code as the contract words it. */
export const recusalText = (reason: TRecusalReason, lang: Locale) => RECUSAL_REASON_LABELS[reason][lang];

/** The codes this page words itself, because the generic message lacks what the organizer needs to act. */
const PAGE_CODES = ['FORBIDDEN', 'WRONG_STATUS', 'PLAN_STALE', 'ROUND_CLOSED', 'NOT_FOUND'] as const;
type PageCode = (typeof PAGE_CODES)[number];
const isPageCode = (code: string): code is PageCode => (PAGE_CODES as readonly string[]).includes(code);

/** An ability's refusal, shown beside (or instead of) the button it stops. */
export function refusalText(code: string): string {
  return isPageCode(code) ? i18n.t(`judgingRound.refusals.${code}`) : code;
}

/**
 * A refused request in this page's words: ASSIGNMENT_RECUSED names the reason (the server sends only its code), the
 * codes of PAGE_CODES say what to do next, anything else keeps the server's own localized message.
 */
export function roundErrorText(err: unknown, lang: Locale): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.unknown');
  if (err.code === 'ASSIGNMENT_RECUSED') {
    const reason = isReason(err.params.reason) ? recusalText(err.params.reason, lang) : '';
    const row = err.params.row;
    return row !== undefined
      ? i18n.t('judgingRound.assign.importRecused', { row, reason })
      : i18n.t('judgingRound.refusals.ASSIGNMENT_RECUSED', { reason });
  }
  if (isPageCode(err.code)) return i18n.t(`judgingRound.refusals.${err.code}`);
  return err.message;
}

/** An import's refusals row by row (`rows.<n>` fields), so the organizer can correct the workbook in one go. */
export function importErrorLines(err: unknown, lang: Locale): string[] {
  if (!(err instanceof ApiError)) return [i18n.t('errors.unknown')];
  const rows = err.fields.filter((f) => f.path.startsWith('rows.'));
  if (err.code !== 'VALIDATION_FAILED' || rows.length === 0) return [roundErrorText(err, lang)];
  return rows.map((f) => i18n.t('judgingRound.assign.importRow', { row: f.path.slice(5), message: f.message }));
}
