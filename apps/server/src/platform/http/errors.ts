import {
  ERROR_STATUS,
  type ErrorCode,
  errorMessage,
  type FieldError,
  fieldErrorOfIssue,
  fieldMessage,
  type IssueLike,
  type Locale,
  pickLocale,
} from '@casearena/contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/** The one error type domain code throws; the handler below turns it into an HTTP answer. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly fields?: Array<Omit<FieldError, 'message'>>,
  ) {
    super(code);
    this.name = 'AppError';
  }

  /** Also right where our handler does not apply (plugins registered before it, e.g. the API docs). */
  get statusCode(): number {
    return ERROR_STATUS[this.code];
  }
}

/** See the contract's fieldErrorOfIssue: one mapping for server and web. */
export const fieldErrorOf = fieldErrorOfIssue;

export function requestLocale(request: FastifyRequest): Locale {
  const user = request.user;
  if (user) return user.locale;
  return pickLocale(request.headers['accept-language']);
}

export function sendError(
  reply: FastifyReply,
  locale: Locale,
  code: ErrorCode,
  params?: Record<string, string | number>,
  fields?: Array<Omit<FieldError, 'message'>>,
) {
  return reply.status(ERROR_STATUS[code]).send({
    error: {
      code,
      message: errorMessage(code, locale, params),
      ...(params ? { params } : {}),
      ...(fields ? { fields: fields.map((f) => ({ ...f, message: fieldMessage(f.code, locale, f.params) })) } : {}),
    },
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

export function errorHandler(this: unknown, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(request);
  // Refused while the body is still arriving (a file over its limit): answer now and close the connection, so
  // the client gets the answer at once instead of waiting while it sends bytes nobody will read.
  if (request.raw.complete === false) reply.header('connection', 'close');
  if (error instanceof AppError) return sendError(reply, locale, error.code, error.params, error.fields);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => {
      const issue = { ...v.params, code: v.keyword, message: v.message ?? '', path: [] } as IssueLike;
      return { ...fieldErrorOf(issue), path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') };
    });
    return sendError(reply, locale, 'VALIDATION_FAILED', undefined, dedupe(fields));
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE') {
    return sendError(reply, locale, 'BODY_TOO_LARGE', { limit: formatBytes(request.routeOptions.bodyLimit ?? 1048576) });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return sendError(reply, locale, 'VALIDATION_FAILED');
  }
  if (error.statusCode === 429) return sendError(reply, locale, 'RATE_LIMITED');
  const sqlState = databaseErrorCode(error);
  if (sqlState && REFUSED_VALUES.has(sqlState)) {
    // A value the schemas should have refused (the input guards and the contract catch these first); still the
    // caller's input, not our fault: a 400, logged so that the gap in validation is found and closed.
    request.log.warn({ err: error, sqlState }, 'database refused a value that validation let through');
    return sendError(reply, locale, 'VALIDATION_FAILED');
  }
  if (isDatabaseUnavailable(error)) {
    // PostgreSQL restarting or unreachable: nothing was written; the pool reconnects on a later request.
    request.log.warn({ err: error }, 'database unavailable');
    return sendError(reply.header('retry-after', '5'), locale, 'DATABASE_UNAVAILABLE');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'client error');
    return sendError(reply, locale, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, locale, 'INTERNAL');
}

/** PostgreSQL data exceptions that mean "this value cannot be stored", e.g. U+0000 in text or jsonb. */
const REFUSED_VALUES = new Set([
  '22P02', // invalid_text_representation: not a uuid, not an integer
  '22021', // character_not_in_repertoire: U+0000 in text
  '22P05', // untranslatable_character: \u0000 in jsonb
  '22003', // numeric_value_out_of_range: above 2^31 - 1 in an integer column
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow: 2022-02-30
  '22001', // string_data_right_truncation: longer than a varchar column
  '54001', // statement_too_complex: stack depth exceeded (deeply nested jsonb)
]);

/** The SQLSTATE of a database error, also when Drizzle wraps the driver's error (`cause`). */
function databaseErrorCode(error: unknown): string | undefined {
  for (let e = error, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9][0-9A-Z]{4}$/.test(code)) return code;
  }
  return undefined;
}

function dedupe<T extends { path: string; code: string }>(fields: T[]): T[] {
  const seen = new Set<string>();
  return fields.filter((f) => {
    const key = `${f.path}:${f.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
