import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { awardSets, awards, notices, objections } from '../../src/db/schema.ts';
import { defaultRules } from '../../src/modules/awards/index.ts';
import type { Client } from '../app.ts';
import { multipart, SAMPLE } from '../multipart.ts';
import { backdateNotice, objectionBody, SETTINGS } from '../notices.ts';
import { everyone, only, type Row, row, signedIn } from './table.ts';
import type { Kind, World } from './world.ts';

/**
 * The public notice (issue 12 item 2; S3-7). The organizer is a manager of the world's organizer or the platform (the
 * awards module's awardsAccess); to everyone else its routes are NOT_FOUND. The public page is everyone's once
 * published; anyone signed in uploads evidence and files objections; an objection is its objector's and the
 * organizer's only (NOT_FOUND to everyone else; a step of the other party's is FORBIDDEN). The notices live on calls
 * of their own, made by the world's manager, with award sets written as the awards writer leaves them frozen.
 */
const ORGANIZERS: Kind[] = ['manager', 'admin'];
const OBJECTOR = 'user' as const;

/** A new published call of the world's organizer with a frozen award set (no awards unless `entries`). */
async function call(world: World) {
  const manager = world.managerClient;
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id })).json();
  const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
  if (published.statusCode !== 200) throw new Error(`could not publish the notice's call: ${published.body}`);
  const at = world.t.clock.now();
  await world.t.app.ctx.db.insert(awardSets).values({
    campaignId: draft.id,
    state: 'frozen',
    rules: defaultRules('seed-000'),
    computedAt: at,
    frozenAt: at,
    createdAt: at,
    updatedAt: at,
  });
  return { campaignId: draft.id as string, themes: published.json().themes as Array<{ id: string }> };
}

async function save(manager: Client, campaignId: string) {
  const res = await manager.put(`/api/campaigns/${campaignId}/notice`, { version: 0, ...SETTINGS });
  if (res.statusCode !== 200) throw new Error(`could not save the notice: ${res.body}`);
  return res.json().version as number;
}

async function publish(manager: Client, campaignId: string) {
  const version = await save(manager, campaignId);
  const res = await manager.post(`/api/campaigns/${campaignId}/notice/actions`, { action: 'publish', version });
  if (res.statusCode !== 200) throw new Error(`could not publish the notice: ${res.body}`);
}

interface OpenNotice {
  campaignId: string;
  /** An entry with a live award on the notice (the scene hospital's draft entry). */
  entryId: string;
}
const perWorld = new WeakMap<World, Promise<OpenNotice>>();

/** One open notice per world (published on the world's clock, 10 January 2022), with one award on an entry. */
function openNotice(world: World): Promise<OpenNotice> {
  let made = perWorld.get(world);
  if (!made) {
    made = (async () => {
      const { campaignId, themes } = await call(world);
      const scene = await world.scene({ fresh: true });
      const owner = (await scene.caller('owner')).client;
      const theme = themes[0] as { id: string };
      const created = await owner.post(`/api/campaigns/${campaignId}/entries`, {
        themeId: theme.id,
        title: '权限表公示案例',
        summary: '以多学科协作缩短急诊患者等待时间。',
      });
      if (created.statusCode !== 201) throw new Error(`could not create the notice's entry: ${created.body}`);
      const entryId = created.json().id as string;
      await world.t.app.ctx.db.insert(awards).values({
        campaignId,
        ruleKey: 'tiers',
        kind: 'tiers',
        level: 'outstanding',
        labelZh: '卓越案例',
        labelEn: 'Outstanding case',
        themeId: theme.id,
        entryId,
        organizationId: scene.hospital.id,
        figures: { value: 90, rank: 1, base: 10, cut: 2, tied: false, why: { 'zh-CN': '第 1 名', en: 'Rank 1' } },
        createdAt: world.t.clock.now(),
      });
      await publish(world.managerClient, campaignId);
      return { campaignId, entryId };
    })();
    perWorld.set(world, made);
  }
  return made;
}

/** An objection of the OBJECTOR on the world's open notice (with one evidence file when asked). */
async function objection(world: World, scene: Awaited<ReturnType<World['scene']>>, withEvidence = false) {
  const n = await openNotice(world);
  const client = (await scene.caller(OBJECTOR)).client;
  let evidenceIds: string[] = [];
  if (withEvidence) {
    const { payload, headers } = multipart({}, [{ name: 'file', filename: 'e.pdf', content: SAMPLE.pdf }]);
    const up = await client.request({
      method: 'POST',
      url: `/api/public/campaigns/${n.campaignId}/notice/evidence`,
      payload,
      headers,
    });
    if (up.statusCode !== 201) throw new Error(`could not upload evidence: ${up.body}`);
    evidenceIds = [up.json().id];
  }
  const res = await client.post(
    `/api/public/campaigns/${n.campaignId}/notice/objections`,
    objectionBody(n.entryId, { evidenceIds }),
  );
  if (res.statusCode !== 201) throw new Error(`could not file an objection: ${res.body}`);
  return { ...n, objectionId: res.json().id as string, version: res.json().version as number, evidenceIds };
}

const stateOf = async (world: World, objectionId: string) =>
  (await world.t.app.ctx.db.select({ state: objections.state }).from(objections).where(eq(objections.id, objectionId)))[0]?.state;
const noticeOf = async (world: World, campaignId: string) =>
  (
    await world.t.app.ctx.db
      .select({ state: notices.state, version: notices.version })
      .from(notices)
      .where(eq(notices.campaignId, campaignId))
  )[0] ?? null;

export const noticesRows: Row[] = [
  row({
    route: 'GET /api/campaigns/:campaignId/notice',
    expect: only(ORGANIZERS, 200, 404),
    writes: false,
    setup: (world) => openNotice(world),
    call: (client, { state }) => client.get(`/api/campaigns/${state.campaignId}/notice`),
    effect: (res, { state }) => {
      expect([res.json().campaignId, res.json().state, res.json().abilities.edit]).toEqual([
        state.campaignId,
        'open',
        'WRONG_STATUS',
      ]);
    },
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/notice',
    expect: only(ORGANIZERS, 200, 404),
    writes: true,
    setup: (world) => call(world),
    call: (client, { state }) => client.put(`/api/campaigns/${state.campaignId}/notice`, { version: 0, ...SETTINGS, days: 9 }),
    effect: async (res, { world, state }) => {
      expect([res.json().days, res.json().version]).toEqual([9, 1]);
      expect(await noticeOf(world, state.campaignId)).toEqual({ state: 'draft', version: 1 });
    },
    unchanged: async ({ world, state }) => expect(await noticeOf(world, state.campaignId)).toBeNull(),
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/notice/actions',
    variant: 'publish',
    expect: only(ORGANIZERS, 200, 404),
    writes: true,
    setup: async (world) => {
      const c = await call(world);
      return { ...c, version: await save(world.managerClient, c.campaignId) };
    },
    call: (client, { state }) =>
      client.post(`/api/campaigns/${state.campaignId}/notice/actions`, { action: 'publish', version: state.version }),
    effect: async (res, { world, state }) => {
      expect([res.json().state, res.json().endsAt]).toEqual(['open', '2022-01-17T15:59:59.999Z']);
      expect(await noticeOf(world, state.campaignId)).toEqual({ state: 'open', version: 2 });
    },
    unchanged: async ({ world, state }) =>
      expect(await noticeOf(world, state.campaignId)).toEqual({ state: 'draft', version: 1 }),
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/notice/actions',
    variant: 'finalize',
    expect: only(ORGANIZERS, 200, 404),
    writes: true,
    setup: async (world) => {
      const c = await call(world);
      await publish(world.managerClient, c.campaignId);
      // The period is over (moved into the past rather than moving the world's shared clock).
      await backdateNotice(world.t, c.campaignId, new Date('2022-01-01T15:59:59.999Z'));
      return c;
    },
    call: (client, { state }) =>
      client.post(`/api/campaigns/${state.campaignId}/notice/actions`, { action: 'finalize', version: 2 }),
    effect: async (res, { world, state }) => {
      expect(res.json().state).toBe('final');
      expect(await noticeOf(world, state.campaignId)).toEqual({ state: 'final', version: 4 });
    },
    unchanged: async ({ world, state }) => expect(await noticeOf(world, state.campaignId)).toEqual({ state: 'open', version: 2 }),
  }),
  row({
    route: 'GET /api/public/campaigns/:campaignId/notice',
    expect: everyone(200),
    writes: false,
    setup: (world, scene) => objection(world, scene),
    call: (client, { state }) => client.get(`/api/public/campaigns/${state.campaignId}/notice`),
    effect: (res, { state }) => {
      expect([res.json().state, res.json().themes[0].awards[0].entryId]).toEqual(['open', state.entryId]);
      expect(res.body).not.toContain(objectionBody(state.entryId).realName);
    },
  }),
  row({
    route: 'POST /api/public/campaigns/:campaignId/notice/evidence',
    expect: signedIn(201),
    writes: true,
    setup: (world) => openNotice(world),
    call: (client, { state }) => {
      const { payload, headers } = multipart({}, [{ name: 'file', filename: 'e.png', content: SAMPLE.png }]);
      return client.request({
        method: 'POST',
        url: `/api/public/campaigns/${state.campaignId}/notice/evidence`,
        payload,
        headers,
      });
    },
    effect: (res) => expect([res.json().name, res.json().mime]).toEqual(['e.png', 'image/png']),
  }),
  row({
    route: 'POST /api/public/campaigns/:campaignId/notice/objections',
    expect: signedIn(201),
    writes: true,
    setup: (world) => openNotice(world),
    call: (client, { state }) =>
      client.post(`/api/public/campaigns/${state.campaignId}/notice/objections`, objectionBody(state.entryId)),
    effect: async (res, { world, state }) => {
      expect([res.json().entryId, res.json().state, res.json().realName]).toEqual([state.entryId, 'open', '张三丰']);
      expect(await stateOf(world, res.json().id)).toBe('open');
    },
  }),
  row({
    route: 'GET /api/public/campaigns/:campaignId/notice/objections/mine',
    expect: signedIn(200),
    writes: false,
    setup: (world, scene) => objection(world, scene),
    call: (client, { state }) => client.get(`/api/public/campaigns/${state.campaignId}/notice/objections/mine`),
    effect: (res, { state, caller }) => {
      const ids = res.json().objections.map((o: { id: string }) => o.id);
      expect(ids.includes(state.objectionId)).toBe(caller.kind === OBJECTOR);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/objections',
    expect: only(ORGANIZERS, 200, 404),
    writes: false,
    setup: (world, scene) => objection(world, scene),
    call: (client, { state }) => client.get(`/api/campaigns/${state.campaignId}/objections`),
    effect: (res, { state }) => {
      const found = res.json().objections.find((o: { id: string }) => o.id === state.objectionId);
      expect(found?.realName).toBe('张三丰');
    },
  }),
  row({
    route: 'GET /api/objections/:objectionId',
    expect: only([...ORGANIZERS, OBJECTOR], 200, 404),
    writes: false,
    setup: (world, scene) => objection(world, scene),
    call: (client, { state }) => client.get(`/api/objections/${state.objectionId}`),
    effect: (res, { state }) => expect([res.json().id, res.json().state]).toEqual([state.objectionId, 'open']),
  }),
  row({
    route: 'POST /api/objections/:objectionId/actions',
    variant: 'dismiss, the organizer’s step',
    expect: only(ORGANIZERS, 200, 404, { [OBJECTOR]: 403 }),
    writes: true,
    setup: (world, scene) => objection(world, scene),
    call: (client, { state }) =>
      client.post(`/api/objections/${state.objectionId}/actions`, {
        action: 'dismiss',
        version: state.version,
        reason: '异议不成立',
      }),
    effect: async (res, { world, state }) => {
      expect(res.json().state).toBe('dismissed');
      expect(await stateOf(world, state.objectionId)).toBe('dismissed');
    },
    unchanged: async ({ world, state }) => expect(await stateOf(world, state.objectionId)).toBe('open'),
  }),
  row({
    route: 'POST /api/objections/:objectionId/actions',
    variant: 'answer, the objector’s step',
    expect: only([OBJECTOR], 200, 404, { manager: 403, admin: 403 }),
    writes: true,
    setup: async (world, scene) => {
      const o = await objection(world, scene);
      const asked = await world.managerClient.post(`/api/objections/${o.objectionId}/actions`, {
        action: 'request_info',
        version: o.version,
        reason: '请补充材料',
      });
      if (asked.statusCode !== 200) throw new Error(`could not request information: ${asked.body}`);
      return { ...o, version: asked.json().version as number };
    },
    call: (client, { state }) =>
      client.post(`/api/objections/${state.objectionId}/actions`, { action: 'answer', version: state.version, reason: '已补充' }),
    effect: async (res, { world, state }) => {
      expect(res.json().state).toBe('open');
      expect(await stateOf(world, state.objectionId)).toBe('open');
    },
    unchanged: async ({ world, state }) => expect(await stateOf(world, state.objectionId)).toBe('info_requested'),
  }),
  row({
    route: 'GET /api/objections/:objectionId/evidence/:evidenceId',
    expect: only([...ORGANIZERS, OBJECTOR], 200, 404),
    writes: false,
    setup: (world, scene) => objection(world, scene, true),
    call: (client, { state }) => client.get(`/api/objections/${state.objectionId}/evidence/${state.evidenceIds[0]}`),
    effect: (res) => expect([res.headers['content-type'], res.rawPayload.equals(SAMPLE.pdf)]).toEqual(['application/pdf', true]),
  }),
];
