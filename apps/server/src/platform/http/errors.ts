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
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'client error');
    return sendError(reply, locale, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, locale, 'INTERNAL');
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
