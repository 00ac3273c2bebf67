import type { FieldError } from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, fieldErrorOf } from './errors.ts';

/**
 * Input every route refuses with a clear 400 before any of its own code runs (issue 7, defect 6). Each class of
 * bad input has one check here rather than one per route:
 * - JSON nested deeper than MAX_JSON_DEPTH: counted on the raw text before parsing, since walking such a value
 *   (schema validation, jsonb encoding) overflows the stack;
 * - U+0000 in any JSON string or key, query value or path parameter: PostgreSQL cannot store it in text or jsonb;
 * - path parameters that do not match the route's schema (a non-UUID id), checked before the route's own
 *   permission hooks, which look the id up in the database.
 * The refusal is VALIDATION_FAILED naming the field (`path`), like any schema error.
 */
export const MAX_JSON_DEPTH = 32;

type Field = Omit<FieldError, 'message'>;

function refuse(fields: Field[]): AppError {
  return new AppError('VALIDATION_FAILED', undefined, fields);
}

/** Depth of the deepest array or object in JSON text, without parsing it; stops counting past `max`. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/** Paths (a.b.0) of strings or keys holding U+0000 in a parsed value whose depth is already bounded. */
export function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (found.length >= 10) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path.join('.'));
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nulPaths(v, [...path, String(i)], found);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) found.push([...path, k.replaceAll('\u0000', '')].join('.'));
      else nulPaths(v, [...path, k], found);
    }
  }
  return found;
}

const nulField = (path: string): Field => ({ path, code: 'NUL_CHARACTER' });

export const inputGuards = fp(async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(refuse([{ path: '', code: 'TOO_DEEP', params: { max: MAX_JSON_DEPTH } }]), undefined);
    }
    parseJson(request, text, (err, value) => {
      if (err) return done(err, undefined);
      const paths = nulPaths(value);
      if (paths.length > 0) return done(refuse(paths.map(nulField)), undefined);
      done(null, value);
    });
  });

  // Global hooks run before a route's own preValidation hooks (the permission checks that read `:id`).
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const bad = [...nulPaths(request.params), ...nulPaths(request.query)];
    if (bad.length > 0) throw refuse(bad.map(nulField));
    const schema = request.routeOptions.schema?.params as
      | { safeParse?: (v: unknown) => { success: boolean; error?: { issues: Parameters<typeof fieldErrorOf>[0][] } } }
      | undefined;
    if (typeof schema?.safeParse !== 'function') return;
    const result = schema.safeParse(request.params);
    if (!result.success) throw refuse((result.error?.issues ?? []).map((i) => fieldErrorOf(i)));
  });
});
