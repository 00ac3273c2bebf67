import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Client } from '../app.ts';
import { type Caller, KINDS, type Kind, type Scene, type SceneOptions, type World } from './world.ts';

export type Res = LightMyRequestResponse;
/** The expected HTTP status for each kind of caller: below 400 allowed (its effect is asserted), else refused. */
export type Expect = Record<Kind, number>;

export interface CellContext<S> {
  world: World;
  scene: Scene;
  state: S;
  caller: Caller;
}

/**
 * One row of the permission table: a registered route (`'METHOD /path'` as Fastify has it), optionally a variant
 * (the object's state), the expected outcome for every kind of caller, and how to check an allowed call's effect
 * and that refused calls changed nothing.
 */
export interface Row<S = unknown> {
  route: string;
  variant?: string;
  expect: Expect;
  /**
   * true: each allowed cell runs on a fresh scene and fresh objects (the call changes them); the refused cells
   * share one scene. false: every cell shares one scene (reads).
   */
  writes: boolean;
  /** Which scene the cells run in (default: a pooled hospital; see SceneOptions). */
  scene?: SceneOptions;
  setup?: (world: World, scene: Scene) => Promise<S>;
  call: (client: Client, cx: CellContext<S>) => Promise<Res>;
  /** Asserts (with expect) what an allowed call did: the object changed, the right object returned. */
  effect: (res: Res, cx: CellContext<S>) => Promise<void> | void;
  /** Asserts (with expect) that the shared objects are exactly as before the refused calls. */
  unchanged?: (cx: Omit<CellContext<S>, 'caller'>) => Promise<void> | void;
}

/**
 * A request with the caller's cookies (session and CSRF) whose answer's cookies are not kept: signing up or in must
 * not turn a shared caller into someone else.
 */
export async function detached(
  app: FastifyInstance,
  client: Client,
  method: string,
  url: string,
  payload?: unknown,
): Promise<Res> {
  if (!client.cookie('ca_csrf')) await client.get('/api/auth/csrf');
  const csrf = client.cookie('ca_csrf') as string;
  const session = client.cookie('ca_session');
  return app.inject({
    method: method as 'POST',
    url,
    payload: payload as object,
    headers: { cookie: `ca_csrf=${csrf}${session ? `; ca_session=${session}` : ''}`, 'x-csrf-token': csrf },
  });
}

export const rowName = (row: Pick<Row, 'route' | 'variant'>) => (row.variant ? `${row.route} (${row.variant})` : row.route);

/** Declares a row with its state type inferred from setup. */
export const row = <S>(r: Row<S>): Row => r as unknown as Row;

/** The same status for every kind, with exceptions. */
export function everyone(status: number, except: Partial<Expect> = {}): Expect {
  return Object.fromEntries(KINDS.map((k) => [k, except[k] ?? status])) as Expect;
}
/** Anonymous 401, every signed-in kind `status`, with exceptions. */
export const signedIn = (status: number, except: Partial<Expect> = {}) => everyone(status, { anonymous: 401, ...except });
/** Only the named kinds get `status`; other signed-in kinds `refused`, anonymous 401. */
export function only(allowed: Kind[], status: number, refused: number, except: Partial<Expect> = {}): Expect {
  return everyone(refused, {
    anonymous: 401,
    ...Object.fromEntries(allowed.map((k) => [k, status])),
    ...except,
  });
}

/** 2xx and 3xx (a redirect of the docs pages) are allowed outcomes whose effect is checked. */
const allowed = (status: number) => status >= 200 && status < 400;

export interface RowResult {
  statuses: Record<string, number>;
  /** `kind: message` for every allowed cell whose effect did not hold, and `unchanged: message`. */
  failures: string[];
}

async function attempt(label: string, failures: string[], fn: () => Promise<void> | void) {
  try {
    await fn();
  } catch (err) {
    failures.push(`${label}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}

/** Runs every cell of a row: refusals (and reads) first on one shared scene, then each allowed change. */
export async function runRow(world: World, r: Row): Promise<RowResult> {
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const shared = await world.scene(r.scene);
  const sharedState = r.setup ? await r.setup(world, shared) : undefined;
  const cell = async (kind: Kind, scene: Scene, state: unknown) => {
    const caller = await scene.caller(kind);
    const cx = { world, scene, state, caller };
    const res = await r.call(caller.client, cx);
    statuses[kind] = res.statusCode;
    if (allowed(r.expect[kind]) && res.statusCode === r.expect[kind]) await attempt(kind, failures, () => r.effect(res, cx));
  };
  // Refusals (and reads) change nothing, so they run at once on the shared scene; the machine's scrypt threads and
  // the database then overlap. Allowed changes run one after another, each on objects of its own.
  await Promise.all(KINDS.filter((k) => !allowed(r.expect[k]) || !r.writes).map((k) => cell(k, shared, sharedState)));
  if (r.unchanged) await attempt('unchanged', failures, () => r.unchanged?.({ world, scene: shared, state: sharedState }));
  for (const kind of KINDS) {
    if (!r.writes || !allowed(r.expect[kind])) continue;
    const scene = await world.scene(r.scene);
    await cell(kind, scene, r.setup ? await r.setup(world, scene) : undefined);
  }
  return { statuses: Object.fromEntries(KINDS.map((k) => [k, statuses[k] ?? 0])), failures };
}
