import { expect } from 'vitest';
import type { Client } from '../app.ts';
import { buildPptx } from '../entries.ts';
import { createUpload, headUpload, patchUpload } from '../tus.ts';
import { everyone, only, type Row, row, signedIn } from './table.ts';
import type { Kind, Scene, SceneEntry, World } from './world.ts';

/** Members of the entering hospital (the recused screener is one too). */
const MEMBERS: Kind[] = ['owner', 'colleague', 'recusedScreener'];
/** The organizer's screeners and managers and the platform screen it (and read it to do so). */
const SCREENERS: Kind[] = ['screener', 'manager', 'admin'];
const READERS: Kind[] = [...MEMBERS, ...SCREENERS];
/** Reading: members and screeners; strangers cannot tell it exists. */
const reads = () => only(READERS, 200, 404);
/** Writing the applicant's text: members only; screeners see it and are refused, strangers get 404. */
const edits = (status: number) => only(MEMBERS, status, 404, { screener: 403, manager: 403, admin: 403 });
/** All of the organizer's people, the recused screener included, see the queue and may plan. */
const ORGANIZER: Kind[] = ['screener', 'recusedScreener', 'manager', 'admin'];

const entryAs = async (c: Client, id: string) => (await c.get(`/api/entries/${id}`)).json();
const asManager = (world: World, id: string) => entryAs(world.managerClient, id);
/** What the organizer's manager reads: status and version, for "nothing changed". */
const snapshot = async (world: World, e: SceneEntry) => {
  const now = await asManager(world, e.id);
  return { status: now.status, version: now.version, attachments: now.attachments.length };
};

const entryIn =
  (status: SceneEntry['status'], complete = false) =>
  (_world: World, scene: Scene) =>
    scene.entry(status, { complete });

/** Entries: the applicant's drafts, submission, screening (X-4 recusal), uploads, public pages. */
export const entryRows: Row[] = [
  row({
    route: 'POST /api/campaigns/:id/entries',
    // Any member of a hospital enters for their own hospital; someone in no organization is told to join one.
    expect: only([...MEMBERS, 'otherHospital'], 201, 409),
    writes: true,
    setup: async (_world, scene) => ({ themeId: scene.nextTheme() }),
    call: (c, { world, state }) =>
      c.post(`/api/campaigns/${world.campaign.id}/entries`, { themeId: state.themeId, title: '新案例' }),
    effect: async (res, { world, scene, caller }) => {
      const own = caller.kind === 'otherHospital' ? world.otherHospital.id : scene.hospital.id;
      expect([res.json().status, res.json().organization.id]).toEqual(['draft', own]);
      expect((await entryAs(caller.client, res.json().id)).id).toBe(res.json().id);
    },
  }),
  row({
    route: 'GET /api/entries/mine',
    expect: signedIn(200),
    writes: false,
    setup: entryIn('draft'),
    call: (c) => c.get('/api/entries/mine'),
    effect: (res, { caller, scene, state }) => {
      const items = res.json().items as Array<{ id: string; organization: { id: string } }>;
      const ids = items.map((e) => e.id);
      if (!MEMBERS.includes(caller.kind)) return expect(ids).not.toContain(state.id);
      expect(ids).toContain(state.id);
      expect(new Set(items.map((e) => e.organization.id))).toEqual(new Set([scene.hospital.id]));
    },
  }),
  row({
    route: 'GET /api/entries/:id',
    expect: reads(),
    writes: false,
    setup: entryIn('submitted'),
    call: (c, { state }) => c.get(`/api/entries/${state.id}`),
    effect: (res, { state }) => expect([res.json().id, res.json().status]).toEqual([state.id, 'submitted']),
  }),
  row({
    route: 'GET /api/entries/:id/versions',
    expect: reads(),
    writes: false,
    setup: entryIn('submitted'),
    call: (c, { state }) => c.get(`/api/entries/${state.id}/versions`),
    effect: (res, { state }) =>
      expect(Math.max(...res.json().items.map((v: { version: number }) => v.version))).toBe(state.version),
  }),
  row({
    route: 'GET /api/entries/:id/changes',
    expect: reads(),
    writes: false,
    setup: entryIn('submitted'),
    call: (c, { state }) => c.get(`/api/entries/${state.id}/changes`),
    effect: (res, { state }) => expect(res.json().toVersion).toBe(state.version),
  }),
  row({
    route: 'GET /api/files/:id',
    expect: reads(),
    writes: false,
    setup: async (world, scene) => {
      const e = await scene.entry('submitted');
      const attachment = (await asManager(world, e.id)).attachments[0] as { fileId: string; size: number };
      return { ...e, ...attachment };
    },
    call: (c, { state }) => c.get(`/api/files/${state.fileId}`),
    // The stored PPTX itself: its size and a zip's first bytes.
    effect: (res, { state }) =>
      expect([res.rawPayload.length, res.rawPayload.subarray(0, 2).toString()]).toEqual([state.size, 'PK']),
  }),
  row({
    route: 'PATCH /api/entries/:id',
    expect: edits(200),
    writes: true,
    setup: entryIn('draft'),
    call: (c, { state }) => c.patch(`/api/entries/${state.id}`, { version: state.version, title: '改过的案例名称' }),
    effect: async (_res, { world, state }) => {
      const now = await asManager(world, state.id);
      expect([now.title, now.version]).toEqual(['改过的案例名称', state.version + 1]);
    },
    unchanged: async ({ world, state }) => {
      const now = await asManager(world, state.id);
      expect([now.title, now.version]).toEqual([state.title, state.version]);
    },
  }),
  row({
    route: 'POST /api/entries/:id/submit',
    expect: edits(200),
    writes: true,
    setup: entryIn('draft', true),
    call: (c, { state }) => c.post(`/api/entries/${state.id}/submit`, { version: state.version, consent: true }),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).status).toBe('submitted'),
    unchanged: async ({ world, state }) =>
      expect(await snapshot(world, state)).toEqual({ status: 'draft', version: state.version, attachments: 1 }),
  }),
  row({
    route: 'POST /api/entries/:id/withdraw',
    expect: edits(200),
    writes: true,
    setup: entryIn('submitted'),
    call: (c, { state }) => c.post(`/api/entries/${state.id}/withdraw`, { reason: '' }),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).status).toBe('withdrawn'),
    unchanged: async ({ world, state }) =>
      expect(await snapshot(world, state)).toEqual({ status: 'submitted', version: state.version, attachments: 1 }),
  }),
  row({
    route: 'DELETE /api/entries/:id/attachments/:slot',
    expect: edits(200),
    writes: true,
    setup: entryIn('draft', true),
    call: (c, { state }) => c.delete(`/api/entries/${state.id}/attachments/ppt`),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).attachments).toEqual([]),
    unchanged: async ({ world, state }) =>
      expect(await snapshot(world, state)).toEqual({ status: 'draft', version: state.version, attachments: 1 }),
  }),

  // Uploads (tus): created by an editor of the entry; an upload is its creator's alone.
  row({
    route: 'POST /api/uploads',
    expect: edits(201),
    writes: true,
    setup: entryIn('draft'),
    call: async (c, { state }) => createUpload(c, { entryId: state.id, slot: 'ppt', filename: 'case.pptx', size: 1000 }),
    effect: async (res, { caller }) => {
      const head = await headUpload(caller.client, res.headers.location as string);
      expect([head.statusCode, head.headers['upload-offset'], head.headers['upload-length']]).toEqual([200, '0', '1000']);
    },
  }),
  ...(['HEAD', 'PATCH', 'DELETE'] as const).map((method) =>
    row({
      route: `${method} /api/uploads/:id`,
      expect: only(['owner'], method === 'HEAD' ? 200 : 204, 404),
      writes: true,
      setup: async (world: World, scene: Scene) => {
        const e = await scene.entry('draft');
        const bytes = await buildPptx();
        const created = await createUpload((await scene.caller('owner')).client, {
          entryId: e.id,
          slot: 'ppt',
          filename: 'case.pptx',
          size: bytes.length,
        });
        if (created.statusCode !== 201) throw new Error(`could not start an upload: ${created.body}`);
        return { entry: e, url: created.headers.location as string, bytes, world };
      },
      call: (c, { state }) =>
        method === 'HEAD'
          ? headUpload(c, state.url)
          : method === 'PATCH'
            ? patchUpload(c, state.url, state.bytes.subarray(0, 1024), 0)
            : c.request({ method: 'DELETE', url: state.url, headers: { 'tus-resumable': '1.0.0' } }),
      effect: async (res, { caller, state }) => {
        if (method === 'HEAD') expect(res.headers['upload-offset']).toBe('0');
        if (method === 'PATCH') expect((await headUpload(caller.client, state.url)).headers['upload-offset']).toBe('1024');
        if (method === 'DELETE') expect((await headUpload(caller.client, state.url)).statusCode).toBe(404);
      },
      unchanged: async ({ scene, state }) => {
        const head = await headUpload((await scene.caller('owner')).client, state.url);
        expect([head.statusCode, head.headers['upload-offset']]).toEqual([200, '0']);
      },
    }),
  ),

  // Screening (S0-8, X-4)
  row({
    route: 'GET /api/campaigns/:id/screening-queue',
    expect: only(ORGANIZER, 200, 403),
    writes: false,
    setup: entryIn('submitted'),
    call: (c, { world }) => c.get(`/api/campaigns/${world.campaign.id}/screening-queue`),
    effect: (res, { state }) => expect(res.json().items.map((e: { id: string }) => e.id)).toContain(state.id),
  }),
  row({
    route: 'POST /api/entries/:id/screening',
    // a screener from the entering hospital is refused like its applicants.
    expect: only(SCREENERS, 200, 404, { owner: 403, colleague: 403, recusedScreener: 403 }),
    writes: true,
    setup: entryIn('submitted'),
    call: (c, { state }) => c.post(`/api/entries/${state.id}/screening`, { decision: 'pass' }),
    effect: async (res, { world, state }) => {
      expect(res.json().status).toBe('passed');
      expect((await asManager(world, state.id)).status).toBe('passed');
    },
    unchanged: async ({ world, state }) =>
      expect(await snapshot(world, state)).toEqual({ status: 'submitted', version: state.version, attachments: 1 }),
  }),
  row({
    route: 'POST /api/campaigns/:id/bulk-plans',
    expect: only(ORGANIZER, 201, 403),
    writes: true,
    setup: entryIn('submitted'),
    call: (c, { world, state }) =>
      c.post(`/api/campaigns/${world.campaign.id}/bulk-plans`, { entryIds: [state.id], decision: { decision: 'pass' } }),
    effect: async (res, { world, caller, state }) => {
      const item = res.json().items.find((i: { entryId: string }) => i.entryId === state.id);
      // the recused screener's preview skips its own hospital's entry.
      expect([item.to, item.skip]).toEqual(caller.kind === 'recusedScreener' ? [null, 'RECUSED'] : ['passed', null]);
      expect((await asManager(world, state.id)).status).toBe('submitted'); // a plan changes nothing yet
    },
    unchanged: async ({ world, state }) => expect((await asManager(world, state.id)).status).toBe('submitted'),
  }),
  row({
    route: 'POST /api/bulk-plans/:id/apply',
    // A plan the manager previewed, applied by someone else: re-checked for them (X-4: PLAN_STALE when recused).
    expect: only(ORGANIZER, 200, 403, { recusedScreener: 409 }),
    writes: true,
    setup: async (world, scene) => {
      const e = await scene.entry('submitted');
      const plan = await world.managerClient.post(`/api/campaigns/${world.campaign.id}/bulk-plans`, {
        entryIds: [e.id],
        decision: { decision: 'pass' },
      });
      if (plan.statusCode !== 201) throw new Error(`could not plan: ${plan.body}`);
      return { ...e, planId: plan.json().id as string };
    },
    call: (c, { state }) => c.post(`/api/bulk-plans/${state.planId}/apply`),
    effect: async (res, { world, state }) => {
      expect(res.json().status).toBe('applied');
      expect((await asManager(world, state.id)).status).toBe('passed');
    },
    unchanged: async ({ world, state }) => expect((await asManager(world, state.id)).status).toBe('submitted'),
  }),

  // Public pages: passed entries only
  row({
    route: 'GET /api/campaigns/:id/entries',
    expect: everyone(200),
    writes: false,
    setup: async (world, scene) => {
      const e = await scene.entry('passed');
      return { ...e, title: (await asManager(world, e.id)).title as string };
    },
    call: (c, { world, state }) => c.get(`/api/campaigns/${world.campaign.id}/entries?themeId=${state.themeId}&pageSize=100`),
    effect: (res, { state }) => expect(res.json().items.map((e: { id: string }) => e.id)).toContain(state.id),
  }),
  row({
    route: 'GET /api/public/entries/:id',
    variant: 'passed',
    expect: everyone(200),
    writes: false,
    setup: entryIn('passed'),
    call: (c, { state }) => c.get(`/api/public/entries/${state.id}`),
    effect: (res, { state }) => expect(res.json().id).toBe(state.id),
  }),
  row({
    route: 'GET /api/public/entries/:id',
    variant: 'submitted, not yet passed',
    expect: everyone(404),
    writes: false,
    setup: entryIn('submitted'),
    call: (c, { state }) => c.get(`/api/public/entries/${state.id}`),
    effect: () => {},
  }),
];
