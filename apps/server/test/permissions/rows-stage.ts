import { randomBytes } from 'node:crypto';
import { MEDALS_S0_10, SEED_000_SHEET } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { judges, roundEntries, roundResults, stageScores, stages } from '../../src/db/schema.ts';
import type { Client } from '../app.ts';
import { judgeRow, judgingRound } from '../judging.ts';
import { openSse } from '../sse.ts';
import { everyone, only, type Res, type Row, row } from './table.ts';
import type { Kind, Scene, World } from './world.ts';

/**
 * The live final (issue 11): a stage of the world's call with one finalist (the scene's passed entry, given a tier
 * of its own in a frozen round) and one judge — the organizer's screener, who is also an expert of its pool (as in
 * the judges' workspace rows). The host is a manager of the organizer or the platform; to everyone else a host route
 * is NOT_FOUND (the screener too: a judge is not a host). The judge routes answer NOT_STAGE_JUDGE (403) to every
 * signed-in caller but the stage's judge — the stage is public on the big screen anyway. The big screen and its
 * stream are public; the results are the host's until the stage is frozen, then everyone's.
 */
const JUDGE = 'screener' as const;
const HOSTS: Kind[] = ['manager', 'admin'];

interface Fixture {
  roundId: string;
  judgeId: string;
}
const perWorld = new WeakMap<World, Promise<Fixture>>();

/** The world's frozen round and the screener's judge row (the sheets' rows may have made it already), once per world. */
function fixtureOf(world: World): Promise<Fixture> {
  let made = perWorld.get(world);
  if (!made) {
    made = (async () => {
      const round = await judgingRound(world.t, world.campaign.id, { status: 'frozen', sheet: SEED_000_SHEET });
      const judge = (await (await world.scene()).caller(JUDGE)).user;
      if (!judge) throw new Error('the screener has no account');
      const db = world.t.app.ctx.db;
      const [existing] = await db
        .select({ id: judges.id })
        .from(judges)
        .where(and(eq(judges.organizerId, world.organizer.id), eq(judges.userId, judge.id)));
      return { roundId: round.id, judgeId: existing?.id ?? (await judgeRow(world.t, world.organizer.id, judge)).id };
    })();
    perWorld.set(world, made);
  }
  return made;
}

interface StageState {
  stageId: string;
  entryId: string;
  label: string;
  body: object;
}

const step = async (world: World, stageId: string, action: string) => {
  const view = (await world.managerClient.get(`/api/stages/${stageId}`)).json();
  const res = await world.managerClient.post(`/api/stages/${stageId}/actions`, { action, version: view.version });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
};

/** The scene's passed entry as the only finalist of a tier of its own; the create body for it. */
async function finalist(world: World, scene: Scene) {
  const f = await fixtureOf(world);
  const entry = await scene.entry('passed');
  const tier = `t${randomBytes(4).toString('hex')}`;
  const now = world.t.clock.now();
  const db = world.t.app.ctx.db;
  await db.insert(roundEntries).values({ roundId: f.roundId, entryId: entry.id, themeId: entry.themeId, addedAt: now });
  await db
    .insert(roundResults)
    .values({ roundId: f.roundId, entryId: entry.id, score: 88, rank: 1, tier, advanced: false, breakdown: {}, frozenAt: now });
  const label = `权限表决赛${tier}`;
  const body = {
    label,
    themeId: entry.themeId,
    sourceRoundId: f.roundId,
    tiers: [tier],
    judgeIds: [f.judgeId],
    sheet: SEED_000_SHEET,
    awards: MEDALS_S0_10,
  };
  return { entryId: entry.id, label, body };
}

/** A stage made by the world's manager and brought to `to` (scoring: the judge may score; frozen: results public). */
async function stageAt(world: World, scene: Scene, to: 'draft' | 'scoring' | 'frozen'): Promise<StageState> {
  const f = await finalist(world, scene);
  const created = await world.managerClient.post(`/api/campaigns/${world.campaign.id}/stages`, f.body);
  if (created.statusCode !== 201) throw new Error(`could not create a stage: ${created.body}`);
  const stageId = created.json().id as string;
  if (to !== 'draft') for (const a of ['draw', 'start', 'present', 'qa', 'score']) await step(world, stageId, a);
  if (to === 'frozen') {
    const judge = (await scene.caller(JUDGE)).client;
    const scored = await judge.post(`/api/stages/${stageId}/scores`, {
      entryId: f.entryId,
      scores: { overall: 88 },
      idempotencyKey: `k${randomBytes(8).toString('hex')}`,
    });
    if (scored.statusCode !== 200) throw new Error(`could not score: ${scored.body}`);
    for (const a of ['reveal', 'finish', 'freeze']) await step(world, stageId, a);
  }
  return { stageId, ...f };
}

const stateOf = async (world: World, stageId: string) =>
  (
    await world.t.app.ctx.db.select({ state: stages.state, version: stages.version }).from(stages).where(eq(stages.id, stageId))
  )[0];

/** The stage's stream over real HTTP (as the votes stream's row): the head and the first `screen` event. */
const listening = new WeakMap<World, Promise<string>>();
async function streamOnce(world: World, client: Client, url: string): Promise<Res> {
  // The votes stream's row may have made the app listen already: one listen for the whole table.
  if (!listening.has(world))
    listening.set(world, world.t.app.server.listening ? Promise.resolve('') : world.t.app.listen({ port: 0, host: '127.0.0.1' }));
  await listening.get(world);
  const address = world.t.app.server.address() as { port: number };
  const session = client.cookie('ca_session');
  const s = await openSse(`http://127.0.0.1:${address.port}${url}`, session ? { cookie: `ca_session=${session}` } : {});
  try {
    const first = s.status === 200 ? await s.next((e) => e.event === 'screen') : await s.next(() => false).catch(() => null);
    const body = first ? first.data : s.text();
    return { statusCode: s.status, headers: s.headers, body, json: () => JSON.parse(body) } as unknown as Res;
  } finally {
    s.close();
  }
}

const hostOnly = only(HOSTS, 200, 404);
const judgeOnly = only([JUDGE], 200, 403);

export const stageRows: Row[] = [
  row({
    route: 'POST /api/campaigns/:campaignId/stages',
    expect: only(HOSTS, 201, 404),
    writes: true,
    setup: finalist,
    call: (c, { world, state }) => c.post(`/api/campaigns/${world.campaign.id}/stages`, state.body),
    effect: async (res, { world, state }) => {
      const view = res.json();
      expect([view.state, view.label, view.finalists.map((f: { entryId: string }) => f.entryId)]).toEqual([
        'draft',
        state.label,
        [state.entryId],
      ]);
      expect((await stateOf(world, view.id))?.state).toBe('draft');
    },
    unchanged: async ({ world, state }) =>
      expect(await world.t.app.ctx.db.select().from(stages).where(eq(stages.label, state.label))).toEqual([]),
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/stages',
    expect: only([...HOSTS, JUDGE], 200, 404),
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'draft'),
    call: (c, { world }) => c.get(`/api/campaigns/${world.campaign.id}/stages`),
    effect: (res, { caller, state }) => {
      const mine = res.json().stages.find((s: { id: string }) => s.id === state.stageId);
      expect([mine?.role, mine?.finalists, mine?.judges, res.json().canCreate]).toEqual(
        caller.kind === JUDGE ? ['judge', 1, 1, false] : ['host', 1, 1, true],
      );
    },
  }),
  row({
    route: 'GET /api/stages/:stageId',
    expect: hostOnly,
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'draft'),
    call: (c, { state }) => c.get(`/api/stages/${state.stageId}`),
    effect: (res, { state }) => {
      expect([res.json().id, res.json().state, res.json().abilities.draw]).toEqual([state.stageId, 'draft', true]);
    },
  }),
  row({
    route: 'POST /api/stages/:stageId/actions',
    expect: hostOnly,
    writes: true,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'draft'),
    call: (c, { state }) => c.post(`/api/stages/${state.stageId}/actions`, { action: 'draw', version: 1 }),
    effect: async (res, { world, state }) => {
      expect([res.json().state, res.json().version, res.json().finalists[0].position]).toEqual(['drawn', 2, 1]);
      expect(await stateOf(world, state.stageId)).toEqual({ state: 'drawn', version: 2 });
    },
    unchanged: async ({ world, state }) => expect(await stateOf(world, state.stageId)).toEqual({ state: 'draft', version: 1 }),
  }),
  row({
    route: 'GET /api/stages/:stageId/judge',
    expect: judgeOnly,
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'scoring'),
    call: (c, { state }) => c.get(`/api/stages/${state.stageId}/judge`),
    effect: (res, { state }) => {
      const view = res.json();
      expect([view.id, view.seat, view.current.entryId, view.mine.status, view.abilities.submit]).toEqual([
        state.stageId,
        1,
        state.entryId,
        'none',
        true,
      ]);
    },
  }),
  row({
    route: 'POST /api/stages/:stageId/scores',
    expect: judgeOnly,
    writes: true,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'scoring'),
    call: (c, { state }) =>
      c.post(`/api/stages/${state.stageId}/scores`, {
        entryId: state.entryId,
        scores: { overall: 88.5 },
        idempotencyKey: `k${randomBytes(8).toString('hex')}`,
      }),
    effect: async (res, { world, state }) => {
      expect([res.json().entryId, res.json().total, res.json().replayed]).toEqual([state.entryId, 88.5, false]);
      const rows = await world.t.app.ctx.db.select().from(stageScores).where(eq(stageScores.stageId, state.stageId));
      expect(rows.map((r) => [r.total, r.status])).toEqual([[88.5, 'submitted']]);
    },
    unchanged: async ({ world, state }) =>
      expect(await world.t.app.ctx.db.select().from(stageScores).where(eq(stageScores.stageId, state.stageId))).toEqual([]),
  }),
  row({
    route: 'GET /api/stages/:stageId/results',
    variant: 'before the freeze: the host only',
    expect: everyone(404, { manager: 200, admin: 200 }),
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'scoring'),
    call: (c, { state }) => c.get(`/api/stages/${state.stageId}/results`),
    effect: (res, { state }) =>
      expect([res.json().stageId, res.json().state, res.json().rows]).toEqual([state.stageId, 'scoring', []]),
  }),
  row({
    route: 'GET /api/stages/:stageId/results',
    expect: everyone(200),
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'frozen'),
    call: (c, { state }) => c.get(`/api/stages/${state.stageId}/results`),
    effect: (res, { state }) => {
      const body = res.json();
      expect([
        body.state,
        body.rows.map((r: { entryId: string; rank: number; final: number; award: string }) => [
          r.entryId,
          r.rank,
          r.final,
          r.award,
        ]),
      ]).toEqual(['frozen', [[state.entryId, 1, 88, 'gold']]]);
    },
  }),
  row({
    route: 'GET /api/stages/:stageId/screen',
    expect: everyone(200),
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'scoring'),
    call: (c, { state }) => c.get(`/api/stages/${state.stageId}/screen`),
    effect: (res, { state }) => {
      const screen = res.json();
      expect([screen.id, screen.state, screen.current.entryId, screen.progress.map((p: { status: string }) => p.status)]).toEqual(
        [state.stageId, 'scoring', state.entryId, ['waiting']],
      );
    },
  }),
  row({
    route: 'GET /api/stages/:stageId/stream',
    expect: everyone(200),
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'draft'),
    call: (c, { world, state }) => streamOnce(world, c, `/api/stages/${state.stageId}/stream`),
    effect: (res, { state }) => expect([res.json().id, res.json().state]).toEqual([state.stageId, 'draft']),
  }),
  row({
    route: 'GET /api/stages/:stageId/stream',
    variant: 'without Accept: text/event-stream',
    expect: everyone(400),
    writes: false,
    setup: (world: World, scene: Scene) => stageAt(world, scene, 'draft'),
    call: (c, { state }) => c.get(`/api/stages/${state.stageId}/stream`),
    effect: () => {},
  }),
];
