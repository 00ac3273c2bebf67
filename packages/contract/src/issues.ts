import { FIELD_MESSAGES, type FieldError, type FieldErrorCode } from './errors.ts';

/** The parts of a zod issue we read, typed structurally so that callers need not depend on zod. */
export interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  /** Custom issues carry their own params (e.g. CJK_TOO_LONG: max, count). */
  params?: Record<string, unknown>;
}

/**
 * One mapping from a validation issue to a field error, used by the server's error handler and by the web
 * app's form rules, so both say the same thing. Our schemas name a FieldErrorCode in `error`; zod's own
 * issues map to the nearest code. Only the params the message shows are kept.
 */
export function fieldErrorOfIssue(issue: IssueLike): Omit<FieldError, 'message'> {
  const raw = rawFieldError(issue);
  const wanted = [...FIELD_MESSAGES[raw.code]['zh-CN'].matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const params = Object.fromEntries(Object.entries(raw.params ?? {}).filter(([k]) => wanted.includes(k)));
  return Object.keys(params).length > 0 ? { path: raw.path, code: raw.code, params } : { path: raw.path, code: raw.code };
}

function rawFieldError(issue: IssueLike): Omit<FieldError, 'message'> {
  const path = issue.path.map(String).join('.');
  const params: Record<string, number> = {};
  if (issue.minimum !== undefined) params.min = Number(issue.minimum);
  if (issue.maximum !== undefined) params.max = Number(issue.maximum);
  for (const [k, v] of Object.entries(issue.params ?? {})) if (typeof v === 'number') params[k] = v;
  if (issue.message in FIELD_MESSAGES) return { path, code: issue.message as FieldErrorCode, params };
  switch (issue.code) {
    case 'invalid_type':
      return { path, code: issue.input === undefined || issue.input === null ? 'REQUIRED' : 'INVALID' };
    case 'too_small':
      return issue.origin === 'string' && params.min === 1
        ? { path, code: 'REQUIRED' }
        : { path, code: issue.origin === 'string' ? 'TOO_SHORT' : 'OUT_OF_RANGE', params };
    case 'too_big':
      return { path, code: issue.origin === 'string' ? 'TOO_LONG' : 'OUT_OF_RANGE', params };
    case 'invalid_value':
      return { path, code: 'INVALID_CHOICE' };
    case 'invalid_format':
      return { path, code: issue.format === 'email' ? 'EMAIL_INVALID' : 'INVALID' };
    default:
      return { path, code: 'INVALID' };
  }
}
