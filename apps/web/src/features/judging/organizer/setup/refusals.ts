import { type ErrorCode, errorMessage } from '@casearena/contract';
import { ApiError } from '../../../../api/client.ts';
import i18n from '../../../../i18n/index.ts';

/** Where a refusal happened: the same code (WRONG_STATUS, FORBIDDEN) means something different on each. */
export type RefusalScope = 'pool' | 'panel' | 'rounds' | 'open' | 'close';

const lookup = i18n.t as unknown as (key: string) => string;

/** The page's own words for an ability's refusal (a disabled button's tooltip), or null if it has none. */
export function refusalText(scope: RefusalScope, code: string): string | null {
  const key = `judgingOrganizer.errors.${scope}.${code}`;
  return i18n.exists(key) ? lookup(key) : null;
}

/** These codes come with field errors and a count: the server's summary says it best, the fields say the rest. */
const SUMMARIES = new Set(['VALIDATION_FAILED', 'ROUNDS_INVALID', 'WEIGHTS_MISMATCH']);

/** A failed request in the page's words where the generic message would be vague, else the server's (localized). */
export function errorText(scope: RefusalScope, err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.unknown');
  if (err.code === 'STALE_VERSION') return i18n.t('judgingOrganizer.errors.STALE_VERSION');
  if (SUMMARIES.has(err.code)) return err.message;
  return refusalText(scope, err.code) ?? err.message;
}

/** `true` or the refusal text of an ability as the server reported it. */
export function abilityText(scope: RefusalScope, ability: true | ErrorCode): true | string {
  if (ability === true) return true;
  return refusalText(scope, ability) ?? errorMessage(ability, i18n.language === 'en' ? 'en' : 'zh-CN');
}
