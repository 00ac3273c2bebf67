import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { awardSets, awards, campaigns } from '../../src/db/schema.ts';
import { defaultRules } from '../../src/modules/awards/index.ts';
import { everyone, only, type Row, row } from './table.ts';
import type { Kind, Scene, World } from './world.ts';

/**
 * The awards (issue 12) on the world's call: the organizer's routes are its manager's and the platform's; to
 * everyone else they are NOT_FOUND, as if the set did not exist. The world's call is never frozen here (the other
 * rows keep its set editable): compute is repeatable (draft or computed -> computed; 最佳组织奖 always has a source
 * once the scene's passed entry exists). The public honour list is everyone's once a set is frozen: its row uses a
 * second call of the organizer whose set is frozen.
 */
const HOSTS: Kind[] = ['manager', 'admin'];
const hostOnly = only(HOSTS, 200, 404);

const setOf = async (world: World) =>
  (
    await world.t.app.ctx.db
      .select({ state: awardSets.state, version: awardSets.version })
      .from(awardSets)
      .where(eq(awardSets.campaignId, world.campaign.id))
  )[0] ?? { state: 'draft', version: 0 };

const url = (world: World, path = '') => `/api/campaigns/${world.campaign.id}/awards${path}`;

/** The world's set computed by its manager (with the scene's passed entry among the sources); returns the view. */
async function computed(world: World, scene: Scene) {
  await scene.entry('passed');
  const { version } = await setOf(world);
  const res = await world.managerClient.post(url(world, '/actions'), { action: 'compute', version });
  if (res.statusCode !== 200) throw new Error(`could not compute: ${res.body}`);
  return res.json() as { version: number; awards: Array<{ id: string; origin: string }> };
}

/** A second call of the organizer (a draft is enough: the list is about the set) with a frozen set. */
const frozenCalls = new WeakMap<World, Promise<string>>();
function frozenCall(world: World): Promise<string> {
  let made = frozenCalls.get(world);
  if (!made) {
    made = (async () => {
      const draft = await world.managerClient.post('/api/campaigns', {
        templateKey: 'seed-000',
        organizerId: world.organizer.id,
      });
      if (draft.statusCode !== 201) throw new Error(`could not create a call: ${draft.body}`);
      const id = draft.json().id as string;
      const at = world.t.clock.now();
      await world.t.app.ctx.db.insert(awardSets).values({
        campaignId: id,
        state: 'frozen',
        rules: defaultRules('seed-000'),
        version: 5,
        frozenAt: at,
        createdAt: at,
        updatedAt: at,
      });
      return id;
    })();
    frozenCalls.set(world, made);
  }
  return made;
}

export const awardsRows: Row[] = [
  row({
    route: 'GET /api/campaigns/:campaignId/awards',
    expect: hostOnly,
    writes: false,
    call: (c, { world }) => c.get(url(world)),
    effect: async (res, { world }) => {
      const view = res.json();
      const set = await setOf(world);
      expect([view.campaignId, view.state, view.version, view.abilities.editRules]).toEqual([
        world.campaign.id,
        set.state,
        set.version,
        true,
      ]);
    },
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/awards/rules',
    expect: hostOnly,
    writes: true,
    setup: async (world: World) => setOf(world),
    call: (c, { world, state }) => c.put(url(world, '/rules'), { version: state.version, rules: defaultRules('seed-000') }),
    effect: async (res, { world, state }) => {
      expect([res.json().version, res.json().rules.length]).toEqual([state.version + 1, 5]);
      expect((await setOf(world)).version).toBe(state.version + 1);
    },
    unchanged: async ({ world, state }) => expect(await setOf(world)).toEqual(state),
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/awards/actions',
    expect: hostOnly,
    writes: true,
    setup: async (world: World, scene: Scene) => {
      await scene.entry('passed');
      return setOf(world);
    },
    call: (c, { world, state }) => c.post(url(world, '/actions'), { action: 'compute', version: state.version }),
    effect: async (res, { world, state }) => {
      expect([res.json().state, res.json().version]).toEqual(['computed', state.version + 1]);
      expect(await setOf(world)).toEqual({ state: 'computed', version: state.version + 1 });
    },
    unchanged: async ({ world, state }) => expect(await setOf(world)).toEqual(state),
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/awards/adjustments',
    expect: hostOnly,
    writes: true,
    setup: async (world: World, scene: Scene) => {
      const view = await computed(world, scene);
      return { version: view.version, awardId: view.awards[0]?.id as string };
    },
    call: (c, { world, state }) =>
      c.post(url(world, '/adjustments'), { op: 'remove', version: state.version, awardId: state.awardId, reason: '权限表调整' }),
    effect: async (res, { world, state }) => {
      const mine = res.json().awards.find((a: { id: string }) => a.id === state.awardId);
      expect([mine?.origin, mine?.reason]).toEqual(['removed', '权限表调整']);
      const [stored] = await world.t.app.ctx.db.select().from(awards).where(eq(awards.id, state.awardId));
      expect(stored?.removedReason).toBe('权限表调整');
    },
    unchanged: async ({ world, state }) => {
      const [stored] = await world.t.app.ctx.db.select().from(awards).where(eq(awards.id, state.awardId));
      expect([stored?.removedAt, (await setOf(world)).version]).toEqual([null, state.version]);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/awards/export.xlsx',
    expect: hostOnly,
    writes: false,
    call: (c, { world }) => c.get(url(world, '/export.xlsx')),
    effect: (res) => {
      expect([res.headers['content-type'], res.rawPayload.subarray(0, 2).toString()]).toEqual([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'PK',
      ]);
    },
  }),
  row({
    route: 'GET /api/public/campaigns/:campaignId/honours',
    expect: everyone(200),
    writes: false,
    setup: (world: World) => frozenCall(world),
    call: (c, { state }) => c.get(`/api/public/campaigns/${state}/honours`),
    effect: async (res, { world, state }) => {
      const [call] = await world.t.app.ctx.db.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, state));
      expect([res.json().campaignId, res.json().campaignTitle, res.json().state, res.json().final]).toEqual([
        state,
        call?.title,
        'frozen',
        false,
      ]);
    },
  }),
];
