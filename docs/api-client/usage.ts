/**
 * A client of the CaseArena API written against the types openapi-typescript generates from docs/openapi.json
 * (`schema.ts` beside this file, see docs/api.md). apps/server/test/openapi.test.ts generates them and compiles this
 * file with tsc --strict, so a change that makes the description unusable for a typed client fails the tests.
 */
import type { components, operations, paths } from './schema.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Entry = Json<paths['/api/entries/{id}']['get']['responses'][200]>;
export type ApiError = components['schemas']['Error'];
export type SaveEntryBody = Json<NonNullable<operations['saveEntry']['requestBody']>>;
export type EntryNotFound = Json<operations['getEntry']['responses'][404]>;

/** What a list row shows: the entry number once it has one. */
export function entryLabel(entry: Entry): string {
  return entry.number ? `${entry.number} ${entry.title}` : entry.title;
}

/** A stale save is answered with the error body; the client compares versions and asks again. */
export function isStale(body: ApiError): boolean {
  return body.error.code === 'STALE_VERSION';
}

export const saveTitle = (entry: Entry, title: string): SaveEntryBody => ({ version: entry.version, title });

export const notFoundCode = (body: EntryNotFound): ApiError['error']['code'] => body.error.code;

// @ts-expect-error: not a code of the error vocabulary, so the generated union refuses it
export const unknownCode: ApiError['error']['code'] = 'NO_SUCH_CODE';

// @ts-expect-error: a save must name the version it is based on
export const saveWithoutVersion: SaveEntryBody = { title: '改过的案例名称' };

/** Operations are found by their operationId, as generated clients name their methods. */
export type SignIn = operations['logIn'];
export const signInPath: keyof paths = '/api/auth/login';
