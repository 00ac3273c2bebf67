import { ERROR_CODES, ERROR_STATUS, FIELD_MESSAGES } from '@casearena/contract';
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_DAYS } from '../platform/auth/sessions.ts';
import { CSRF_COOKIE, CSRF_HEADER } from '../platform/http/csrf.ts';
import { OPERATIONS, type OperationDoc } from './operations.ts';

/**
 * Completes the document @fastify/swagger builds from the routes' zod schemas so that a generated client can use it:
 * operation ids and summaries from OPERATIONS, the session cookie and CSRF double-submit as security schemes, the one
 * error body on every refusal, file bodies and downloads, and a server to send requests to.
 */

/** The error body every refusal carries (platform/http/errors.ts sendError). */
const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [string, ...string[]]).describe('One code of the error vocabulary (packages/contract)'),
      message: z.string().describe('The refusal in the caller’s language (zh-CN or en)'),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .optional()
        .describe('Figures filled into the message'),
      fields: z
        .array(
          z.object({
            path: z.string().describe('Dotted path of the field in the body, query or params'),
            code: z.enum(Object.keys(FIELD_MESSAGES) as [string, ...string[]]),
            message: z.string(),
            params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
          }),
        )
        .optional()
        .describe('One item per invalid field (VALIDATION_FAILED)'),
    }),
  })
  .describe('Every 4xx and 5xx answer of the API');

const RESPONSE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};
const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed or a field is invalid',
  401: 'No valid session: sign in first',
  403: 'Not allowed, or the CSRF token is missing or wrong',
  404: 'Not found, or the caller may not know that it exists',
  409: 'Refused in the object’s current state',
  413: 'The body or file is too large',
  415: 'The file type is not accepted',
  422: 'The file’s content is not what its type claims',
  429: 'Too many requests from this address',
  500: 'An unexpected server error',
  503: 'The database is unavailable for a moment; nothing was saved, try again',
};

const responseRef = (status: number) => ({ $ref: `#/components/responses/${RESPONSE_NAMES[status] ?? `Error${status}`}` });

function errorResponses(): Record<string, unknown> {
  const codesByStatus = new Map<number, string[]>();
  for (const code of ERROR_CODES) codesByStatus.set(ERROR_STATUS[code], [...(codesByStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const out: Record<string, unknown> = {};
  for (const status of [...new Set([...Object.keys(RESPONSE_NAMES).map(Number), ...codesByStatus.keys()])].sort()) {
    const codes = codesByStatus.get(status) ?? [];
    out[RESPONSE_NAMES[status] ?? `Error${status}`] = {
      description: `${STATUS_TEXT[status] ?? 'Refused'}${codes.length ? ` (codes: ${codes.join(', ')})` : ''}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** Which refusals an operation can answer with, from what it takes and who may call it. */
function refusalsOf(method: string, doc: OperationDoc, op: Operation): number[] {
  const unsafe = UNSAFE.has(method);
  const hasParams = (op.parameters ?? []).some((p) => p.in === 'path');
  const hasBody = Boolean(op.requestBody) || doc.body !== undefined;
  const statuses = [400]; // a malformed URL or query reaches every route
  if (doc.access === 'session') statuses.push(401);
  if (unsafe || doc.access === 'session') statuses.push(403);
  if (hasParams) statuses.push(404);
  if (unsafe) statuses.push(409);
  if (hasBody) statuses.push(413);
  if (doc.body) statuses.push(415, 422);
  if (doc.rateLimited) statuses.push(429);
  statuses.push(500, 503);
  return statuses;
}

function securityOf(method: string, doc: OperationDoc): Array<Record<string, string[]>> {
  const csrf: Record<string, string[]> = UNSAFE.has(method) ? { csrfCookie: [], csrfHeader: [] } : {};
  if (doc.access === 'session') return [{ session: [], ...csrf }];
  if (doc.access === 'optional') return [{ ...csrf }, { session: [], ...csrf }];
  return [csrf];
}

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: unknown } | { $ref: string }>;
  security?: unknown;
  tags?: string[];
}
type Document = { paths?: Record<string, Record<string, Operation>>; [key: string]: unknown };

/** 'GET /api/entries/{id}' in the document is 'GET /api/entries/:id' in Fastify and in OPERATIONS. */
export const operationKey = (method: string, openApiPath: string) =>
  `${method.toUpperCase()} ${openApiPath.replace(/\{(\w+)\}/g, ':$1')}`;

/**
 * zod writes a nullable union as `{ nullable: true, oneOf: [...] }`; OpenAPI 3.0 wants a `type` beside `nullable`.
 * Where every alternative has the same type, that type is it (clients then read `A | B | null`).
 */
function typeNullableUnions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) typeNullableUnions(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  const alternatives = (schema.oneOf ?? schema.anyOf) as Array<{ type?: unknown }> | undefined;
  if (schema.nullable === true && schema.type === undefined && alternatives) {
    const types = new Set(alternatives.map((a) => a.type));
    const [only] = types;
    if (types.size === 1 && typeof only === 'string') schema.type = only;
  }
  for (const value of Object.values(schema)) typeNullableUnions(value);
}

/** Adds what OPERATIONS says to every operation; one without an entry is left as it is (a test names it). */
export function completeDocument(document: Document): Document {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, shared] of Object.entries(item)) {
      const doc = (OPERATIONS as Record<string, OperationDoc>)[operationKey(method, path)];
      if (!doc) continue;
      // A route registered for several methods shares one operation object between them: give each its own.
      const op = structuredClone(shared);
      item[method] = op;
      op.operationId = doc.operationId;
      op.summary = doc.summary;
      op.security = securityOf(method, doc);
      if (doc.body === 'multipart')
        op.requestBody = {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: { file: { type: 'string', format: 'binary' } },
                additionalProperties: { type: 'string' },
              },
            },
          },
        };
      if (doc.body === 'octet-stream')
        op.requestBody = {
          required: true,
          content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } },
        };
      const responses = op.responses ?? {};
      if (doc.download)
        responses['200'] = {
          description: 'The file, with its own content type and a Content-Disposition naming it',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        };
      for (const status of refusalsOf(method, doc, op)) responses[String(status)] ??= responseRef(status);
      op.responses = responses;
    }
  }
  typeNullableUnions(document.paths);
  const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
  document.components = {
    ...components,
    schemas: { ...(components.schemas ?? {}), Error: z.toJSONSchema(ZErrorBody, { target: 'openapi-3.0' }) },
    responses: { ...(components.responses ?? {}), ...errorResponses() },
  };
  return document;
}

/** The @fastify/swagger options app.ts registers. */
export function swaggerOptions(version: string): SwaggerOptions {
  return {
    openapi: {
      info: {
        title: 'CaseArena 案例擂台 API',
        version,
        description:
          'The HTTP API of CaseArena. Sign in with POST /api/auth/login (the ca_session cookie); every POST, PUT, ' +
          `PATCH and DELETE also echoes the ${CSRF_COOKIE} cookie in the ${CSRF_HEADER} header (GET /api/auth/csrf ` +
          'gives it). Refusals carry one error body with a code from the error vocabulary. See docs/api.md.',
      },
      servers: [
        {
          url: '{origin}',
          description: 'A CaseArena server (PUBLIC_URL of the deployment)',
          variables: { origin: { default: 'http://localhost:3000', description: 'Scheme, host and port' } },
        },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ca_session',
            description: `Session cookie set by sign-in or registration (HttpOnly, ${SESSION_DAYS} days)`,
          },
          csrfCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: CSRF_COOKIE,
            description: 'Double-submit CSRF token cookie, set on any /api request that lacks it',
          },
          csrfHeader: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: `The value of the ${CSRF_COOKIE} cookie, required on every unsafe method`,
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) =>
      completeDocument(('openapiObject' in input ? input.openapiObject : input.swaggerObject) as Document),
  };
}
