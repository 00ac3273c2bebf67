import { ATTACHMENT_RULE_MESSAGES, ruleProblemMessage, type TRuleProblem } from './attachment-rules.ts';
import type { ErrorCode } from './error-codes.ts';
import { ERROR_MESSAGES } from './error-messages.ts';
import { ARCHIVE_REASONS, ELIGIBILITY_REASONS, FILE_CONTENT_REASONS } from './error-reasons.ts';
import { FIELD_MESSAGES, type FieldErrorCode } from './field-messages.ts';
import type { Locale } from './locales.ts';

// The error vocabulary's door: the codes and their HTTP statuses (error-codes.ts), the messages of each code
// (error-messages.ts) and of each field problem (field-messages.ts), the reasons some messages name
// (error-reasons.ts), and the functions that fill them in. Everything is imported from here (or from the package).
export { ERROR_CODES, ERROR_STATUS, type ErrorCode } from './error-codes.ts';
export { ERROR_MESSAGES } from './error-messages.ts';
export { ARCHIVE_REASONS, ELIGIBILITY_REASONS, FILE_CONTENT_REASONS } from './error-reasons.ts';
export { FIELD_MESSAGES, type FieldErrorCode } from './field-messages.ts';
export { LOCALES, type Locale } from './locales.ts';

export interface FieldError {
  path: string;
  code: FieldErrorCode;
  message: string;
  params?: Record<string, string | number>;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    params?: Record<string, string | number>;
    fields?: FieldError[];
  };
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** Type lists (`PPTX、PPT`) are joined with the Chinese enumeration comma; English reads them with slashes. */
function listParam(value: string | number | undefined, locale: Locale): string | number | undefined {
  return locale === 'en' && typeof value === 'string' ? value.split('、').join(' / ') : value;
}

export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  const rule = params?.rule;
  if (code === 'FILE_RULES_FAILED' && typeof rule === 'string' && rule in ATTACHMENT_RULE_MESSAGES) {
    const p = { ...params, rule, level: 'enforce' as const } as Record<string, unknown>;
    const split = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split('|') : undefined);
    const reason = ruleProblemMessage(
      { ...(p as TRuleProblem), slides: split(p.slides)?.map(Number), missing: split(p.missing) },
      locale,
    );
    return fill(ERROR_MESSAGES[code][locale], { ...params, reason });
  }
  if (code === 'ARCHIVE_TOO_LARGE' && typeof rule === 'string' && rule in ARCHIVE_REASONS) {
    const reason = fill(ARCHIVE_REASONS[rule as keyof typeof ARCHIVE_REASONS][locale], params);
    return fill(ERROR_MESSAGES[code][locale], { ...params, reason });
  }
  if (code === 'FILE_CONTENT_INVALID' && typeof rule === 'string' && rule in FILE_CONTENT_REASONS) {
    const reason = FILE_CONTENT_REASONS[rule as keyof typeof FILE_CONTENT_REASONS][locale];
    return fill(ERROR_MESSAGES[code][locale], { ...params, kind: listParam(params?.kind, locale) ?? '', reason });
  }
  if (code === 'FILE_TYPE_NOT_ALLOWED' && params?.allowed !== undefined)
    return fill(ERROR_MESSAGES[code][locale], { ...params, allowed: listParam(params.allowed, locale) ?? '' });
  if (code === 'NOT_ELIGIBLE' && typeof rule === 'string' && rule in ELIGIBILITY_REASONS) {
    const reason = fill(ELIGIBILITY_REASONS[rule as keyof typeof ELIGIBILITY_REASONS][locale], params);
    return fill(ERROR_MESSAGES[code][locale], { ...params, reason });
  }
  return fill(ERROR_MESSAGES[code][locale], params);
}

export function fieldMessage(code: FieldErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return fill(FIELD_MESSAGES[code][locale], params);
}

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
