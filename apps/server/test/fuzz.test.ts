import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/platform/clock/index.ts';
import { Client, type TestApp } from './app.ts';
import { openTestDatabase } from './db.ts';
import { applicantOf, publishedCampaign } from './entries.ts';
import { buildOrganization, signedInAs } from './factories.ts';
import { multipart } from './multipart.ts';

/**
 * Property fuzz of every route (issue 7, "checks that keep it so"): each route the app registers — collected with
 * an onRoute hook, so a new route is fuzzed without touching this file — gets a bounded number of generated
 * requests from an anonymous caller, a signed-in applicant and a platform staff member: path parameters that are
 * real ids, random strings, non-UUIDs, huge numbers or NUL; query strings and JSON bodies shaped by the route's
 * own schema with hostile values mixed in (NUL, numbers beyond 2^31, impossible dates, wrong types, deep
 * nesting). It fails on any 5xx, and on any value that only the database refused (the error handler's last line
 * of defence logs those), since validation should have caught it first. Fixed seed: a failure reproduces.
 */
const SEED = 20_261_201;
const RUNS_PER_ROUTE_AND_CALLER = 8;

interface Route {
  method: string;
  url: string;
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
}

const routes: Route[] = [];
const log: Array<{ msg?: string; level?: number }> = [];
let t: TestApp;
const realIds: string[] = [];

beforeAll(async () => {
  const database = await openTestDatabase();
  // During seed-000's submission phase, so that entries can be written and the entry routes reached.
  const clock = fixedClock('2022-01-10T02:00:00.000Z');
  const app = await buildApp({
    database,
    clock,
    transport: { async deliver() {} },
    logger: {
      level: 'warn',
      stream: {
        write(line: string) {
          log.push(JSON.parse(line));
        },
      },
    },
    serveWeb: false,
    authRateLimit: 100_000,
    rateLimitNamespace: randomUUID(),
    config: { dataDir: '/tmp/casearena-test-files' },
    onRoute(route: RouteOptions) {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        const s = route.schema ?? {};
        routes.push({ method, url: route.url, params: s.params, querystring: s.querystring, body: s.body });
      }
    },
  });
  await app.ready();
  t = {
    app,
    database,
    clock,
    sent: [],
    async close() {
      await app.close();
      await database.close();
    },
  };
  // Real ids, so that generated requests also get past "not found" into the routes' own code.
  const { campaign, organizer, staffUser } = await publishedCampaign(t);
  const hospital = await buildOrganization(t);
  const applicant = await applicantOf(t, hospital.id, 'admin');
  const entry = await applicant.client.post(`/api/campaigns/${campaign.id}/entries`, {
    themeId: campaign.themes[0]?.id,
    title: '模糊测试案例',
  });
  if (entry.statusCode !== 201) throw new Error(`the fuzz's draft entry was refused: ${entry.body}`);
  realIds.push(campaign.id, organizer.id, hospital.id, staffUser.id, applicant.user.id, entry.json().id);
  for (const theme of campaign.themes) realIds.push(theme.id);
}, 120_000);
afterAll(() => t?.close());

// Hostile leaves.
const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '',
  ' ',
  'not-a-uuid',
  '2147483648',
  '-2147483649',
  '99999999999999999999999',
  '1e309',
  'NaN',
  '2022-02-30',
  '2023-02-29',
  '0000-00-00',
  '9999-99-99',
  '../../etc/passwd',
  '%00',
  '\uD800',
  '𠮷'.repeat(300),
  'x'.repeat(3000),
  "' OR 1=1 --",
  '__proto__',
  'true',
];
const NASTY_NUMBERS = [2_147_483_648, -2_147_483_649, 2 ** 53 + 2, 1e308, -1, 0, 0.5, 2_147_483_647];
const deepArray = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i += 1) v = [v];
  return v;
};
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...NASTY_NUMBERS),
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.constant(deepArray(40)),
  fc.dictionary(nastyString, nastyString, { maxKeys: 2 }),
);
const idLike = () => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...realIds) }, fc.uuid(), nastyString);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
};

function toJsonSchema(schema: unknown): JsonSchema | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Mostly what the schema asks for, each value sometimes replaced by a hostile one. */
function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(wrongType, nastyString);
  if (!s || depth > 5) return hostile;
  const branches = s.oneOf ?? s.anyOf ?? s.allOf;
  let valid: fc.Arbitrary<unknown>;
  if (branches && branches.length > 0) valid = fc.oneof(...branches.map((b) => fromSchema(b, depth + 1)));
  else if (s.const !== undefined) valid = fc.constant(s.const);
  else if (s.enum) valid = fc.constantFrom(...s.enum);
  else {
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case 'object': {
        const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
        const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
        valid =
          Object.keys(props).length > 0
            ? fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) })
            : fc.dictionary(nastyString, fromSchema(extra, depth + 1), { maxKeys: 3 });
        break;
      }
      case 'array':
        valid = fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
        break;
      case 'string':
        valid =
          s.format === 'uuid'
            ? idLike()
            : fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2026-03-02', '2026-03-02T02:00:00.000Z', 'seed-000'));
        break;
      case 'integer':
      case 'number':
        valid = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.constantFrom(...NASTY_NUMBERS));
        break;
      case 'boolean':
        valid = fc.boolean();
        break;
      default:
        return hostile;
    }
  }
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

/** Every byte of the UTF-8 form escaped except unreserved ones (a lone surrogate becomes U+FFFD, as a browser sends it). */
const percentEncode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

type Generated = { url: string; payload?: string | Buffer; headers?: Record<string, string> };

function requestsFor(route: Route): fc.Arbitrary<Generated> {
  const names = [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  const params = fc.tuple(...names.map(() => fc.oneof({ weight: 2, arbitrary: idLike() }, fc.constant('2147483648'))));
  const querySchema = toJsonSchema(route.querystring);
  const queryKeys = Object.keys(querySchema?.properties ?? {});
  const queryValue = fc.oneof(
    nastyString,
    fc.constantFrom(...realIds),
    fc.integer({ min: -2, max: 3 }).map(String),
    fc.constantFrom('2147483648', '1'),
  );
  const query = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('q', ...queryKeys) }, nastyString), queryValue, {
    maxKeys: 3,
  });
  const bodySchema = toJsonSchema(route.body);
  const json = fc.oneof(
    { weight: 6, arbitrary: fromSchema(bodySchema).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom(`${'['.repeat(50_000)}${']'.repeat(50_000)}`, '{"a":', '{"__proto__":{"x":1}}') },
  );
  const unsafe = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  const body: fc.Arbitrary<Pick<Generated, 'payload' | 'headers'>> = !unsafe
    ? fc.constant({})
    : route.body || route.method === 'DELETE'
      ? json.map((payload) => ({ payload, headers: { 'content-type': 'application/json' } }))
      : fc.oneof(
          json.map((payload) => ({ payload, headers: { 'content-type': 'application/json' } })),
          fc.tuple(nastyString, nastyString).map(([filename, value]) =>
            multipart({ organizationId: value, title: value, note: value }, [
              {
                name: 'file',
                filename: filename.replace(/["\r\n]/g, ''),
                content: Buffer.from('%PDF-1.7\n'),
                type: 'application/pdf',
              },
            ]),
          ),
        );
  return fc.tuple(params, query, body).map(([values, q, b]) => {
    let i = 0;
    const path = route.url.replace(/:(\w+)|\*/g, () => percentEncode(String(values[i++])));
    const search = new URLSearchParams(Object.entries(q)).toString();
    return { url: search ? `${path}?${search}` : path, ...b };
  });
}

describe('property fuzz of every route: no generated request gets a 5xx', () => {
  it('answers every generated request below 500 and never leaves a bad value for the database to refuse', async () => {
    const callers = {
      anonymous: async () => new Client(t.app),
      applicant: async () => (await applicantOf(t, realIds[2] as string)).client,
      staff: async () => (await signedInAs(t, 'staff')).client,
    };
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    expect(routes.length).toBeGreaterThan(40);
    for (const [name, signIn] of Object.entries(callers)) {
      let client = await signIn();
      for (const [r, route] of routes.entries()) {
        const samples = fc.sample(requestsFor(route), { seed: SEED + r, numRuns: RUNS_PER_ROUTE_AND_CALLER });
        for (const req of samples) {
          const before = log.length;
          const res = await client.request({ method: route.method, ...req });
          sent += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const refusedByDb = log.slice(before).some((l) => l.msg?.startsWith('database refused a value'));
          if (res.statusCode >= 500 || refusedByDb) {
            const what = `${name} ${route.method} ${route.url} -> ${req.url} ${String(req.payload ?? '').slice(0, 160)}`;
            failures.push(
              `${res.statusCode}${refusedByDb ? ' (refused by the database)' : ''} ${what}: ${res.body.slice(0, 200)}`,
            );
          }
          // A generated request may sign the caller out (logout) or in (register): restore who the caller is.
          if (name === 'anonymous') client.dropCookie('ca_session');
          else if (!client.cookie('ca_session')) client = await signIn();
        }
      }
    }
    console.log(
      `fuzz: ${routes.length} routes x 3 callers x ${RUNS_PER_ROUTE_AND_CALLER} = ${sent} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
