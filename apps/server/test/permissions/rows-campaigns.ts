import { expect } from 'vitest';
import type { Client } from '../app.ts';
import { organizerMember } from '../entries.ts';
import { buildUser } from '../factories.ts';
import { multipart, SAMPLE } from '../multipart.ts';
import { everyone, only, type Row, row } from './table.ts';
import type { Kind, World } from './world.ts';

/** The organizer's own people and the platform see drafts; to anyone else a draft does not exist. */
const ORGANIZER: Kind[] = ['screener', 'recusedScreener', 'manager', 'admin'];
const MANAGERS: Kind[] = ['manager', 'admin'];
/** Managing a draft: screeners are refused, strangers cannot tell it exists. */
const manageDraft = (status: number) => only(MANAGERS, status, 404, { screener: 403, recusedScreener: 403 });
/** Managing a published call: everyone sees it, only managers may. */
const managePublished = (status: number) => only(MANAGERS, status, 403);

async function draftOf(world: World) {
  const res = await world.managerClient.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id });
  if (res.statusCode !== 201) throw new Error(`could not create a draft: ${res.body}`);
  return { id: res.json().id as string, title: res.json().title as string };
}
const campaignAs = async (c: Client, id: string) => (await c.get(`/api/campaigns/${id}`)).json();
const asManager = (world: World, id: string) => campaignAs(world.managerClient, id);

async function withDownload(world: World, campaignId: string) {
  const body = multipart({}, [{ name: 'file', filename: '模板.pdf', content: SAMPLE.pdf }]);
  const res = await world.managerClient.request({
    method: 'POST',
    url: `/api/campaigns/${campaignId}/downloads?label=模板`,
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`could not add a download: ${res.body}`);
  return (res.json().downloads as Array<{ fileId: string }>).at(-1)?.fileId as string;
}

const listIds = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((c) => c.id);

/** Calls: public listing, drafts, settings, the form, publishing, downloads, the organizer's people. */
export const campaignRows: Row[] = [
  row({
    route: 'GET /api/campaigns',
    expect: everyone(200),
    writes: false,
    setup: draftOf,
    call: (c) => c.get('/api/campaigns'),
    effect: (res, { world, state }) => {
      expect(listIds(res)).toContain(world.campaign.id);
      expect(listIds(res)).not.toContain(state.id);
    },
  }),
  row({
    route: 'GET /api/campaigns/mine',
    expect: everyone(200, { anonymous: 401 }),
    writes: false,
    call: (c) => c.get('/api/campaigns/mine'),
    effect: (res, { world, caller }) => {
      if (ORGANIZER.includes(caller.kind)) expect(listIds(res)).toContain(world.campaign.id);
      else expect(listIds(res)).not.toContain(world.campaign.id);
    },
  }),
  row({
    route: 'GET /api/campaigns/:id',
    variant: 'published',
    expect: everyone(200),
    writes: false,
    call: (c, { world }) => c.get(`/api/campaigns/${world.campaign.id}`),
    effect: (res, { world }) => expect([res.json().id, res.json().status]).toEqual([world.campaign.id, 'published']),
  }),
  row({
    route: 'GET /api/campaigns/:id',
    variant: 'a draft',
    expect: only(ORGANIZER, 200, 404, { anonymous: 404 }),
    writes: false,
    setup: draftOf,
    call: (c, { state }) => c.get(`/api/campaigns/${state.id}`),
    effect: (res, { state }) => expect([res.json().id, res.json().status]).toEqual([state.id, 'draft']),
  }),
  row({
    route: 'POST /api/campaigns',
    expect: only(MANAGERS, 201, 403),
    writes: true,
    call: (c, { world }) => c.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id }),
    effect: async (res, { world }) => {
      expect([res.json().status, res.json().organizer.id]).toEqual(['draft', world.organizer.id]);
      expect((await asManager(world, res.json().id)).id).toBe(res.json().id);
    },
  }),
  row({
    route: 'GET /api/campaign-templates',
    expect: everyone(200, { anonymous: 401 }),
    writes: false,
    call: (c) => c.get('/api/campaign-templates'),
    effect: (res, { world, caller }) => {
      // Only managers (of any organizer) and staff may create a call, each for the organizers they manage.
      expect(res.json().abilities).toEqual({ createCampaign: [...MANAGERS, 'otherOrganizerStaff'].includes(caller.kind) });
      expect(res.json().organizers.some((o: { id: string }) => o.id === world.organizer.id)).toBe(MANAGERS.includes(caller.kind));
      expect(res.json().items.map((i: { key: string }) => i.key)).toEqual(['seed-000']);
    },
  }),
  row({
    route: 'GET /api/campaigns/:id/publish-check',
    expect: manageDraft(200),
    writes: false,
    setup: draftOf,
    call: (c, { state }) => c.get(`/api/campaigns/${state.id}/publish-check`),
    effect: (res) => expect(res.json().problems).toEqual([]),
  }),
  row({
    route: 'PATCH /api/campaigns/:id',
    expect: manageDraft(200),
    writes: true,
    setup: draftOf,
    call: (c, { state }) => c.patch(`/api/campaigns/${state.id}`, { title: '改过的活动名称' }),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).title).toBe('改过的活动名称'),
    unchanged: async ({ world, state }) => expect((await asManager(world, state.id)).title).toBe(state.title),
  }),
  row({
    route: 'GET /api/campaigns/:id/form',
    expect: everyone(200),
    writes: false,
    call: (c, { world }) => c.get(`/api/campaigns/${world.campaign.id}/form`),
    effect: (res, { world }) =>
      expect([res.json().campaignId, res.json().version]).toEqual([world.campaign.id, world.campaign.formVersion]),
  }),
  row({
    route: 'GET /api/campaigns/:id/form',
    variant: 'a draft',
    expect: only(ORGANIZER, 200, 404, { anonymous: 404 }),
    writes: false,
    setup: draftOf,
    call: (c, { state }) => c.get(`/api/campaigns/${state.id}/form`),
    effect: (res, { state }) => expect(res.json().campaignId).toBe(state.id),
  }),
  row({
    route: 'PUT /api/campaigns/:id/form',
    expect: manageDraft(200),
    writes: true,
    setup: async (world) => {
      const draft = await draftOf(world);
      const form = (await world.managerClient.get(`/api/campaigns/${draft.id}/form`)).json();
      return { ...draft, form: form as { version: number; fields: unknown[] } };
    },
    call: (c, { state }) =>
      c.put(`/api/campaigns/${state.id}/form`, { fields: state.form.fields, baseVersion: state.form.version }),
    effect: async (res, { world, state }) => {
      expect(res.json().version).toBe(state.form.version + 1);
      expect((await world.managerClient.get(`/api/campaigns/${state.id}/form`)).json().version).toBe(state.form.version + 1);
    },
    unchanged: async ({ world, state }) =>
      expect((await world.managerClient.get(`/api/campaigns/${state.id}/form`)).json().version).toBe(state.form.version),
  }),
  row({
    route: 'POST /api/campaigns/:id/publish',
    expect: manageDraft(200),
    writes: true,
    setup: draftOf,
    call: (c, { state }) => c.post(`/api/campaigns/${state.id}/publish`),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).status).toBe('published'),
    unchanged: async ({ world, state }) => expect((await asManager(world, state.id)).status).toBe('draft'),
  }),
  row({
    route: 'POST /api/campaigns/:id/close',
    expect: managePublished(200),
    writes: true,
    setup: async (world) => {
      const draft = await draftOf(world);
      await world.managerClient.post(`/api/campaigns/${draft.id}/publish`);
      return draft;
    },
    call: (c, { state }) => c.post(`/api/campaigns/${state.id}/close`),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).status).toBe('closed'),
    unchanged: async ({ world, state }) => expect((await asManager(world, state.id)).status).toBe('published'),
  }),
  row({
    route: 'POST /api/campaigns/:id/downloads',
    expect: manageDraft(201),
    writes: true,
    setup: draftOf,
    call: (c, { state }) =>
      c.request({
        method: 'POST',
        url: `/api/campaigns/${state.id}/downloads?label=${encodeURIComponent('申报模板')}`,
        ...multipart({}, [{ name: 'file', filename: '申报模板.pdf', content: SAMPLE.pdf }]),
      }),
    effect: async (_res, { world, state }) =>
      expect((await asManager(world, state.id)).downloads.map((d: { label: string }) => d.label)).toEqual(['申报模板']),
    unchanged: async ({ world, state }) => expect((await asManager(world, state.id)).downloads).toEqual([]),
  }),
  row({
    route: 'DELETE /api/campaigns/:id/downloads/:fileId',
    expect: manageDraft(200),
    writes: true,
    setup: async (world) => {
      const draft = await draftOf(world);
      return { ...draft, fileId: await withDownload(world, draft.id) };
    },
    call: (c, { state }) => c.delete(`/api/campaigns/${state.id}/downloads/${state.fileId}`),
    effect: async (_res, { world, state }) => expect((await asManager(world, state.id)).downloads).toEqual([]),
    unchanged: async ({ world, state }) =>
      expect((await asManager(world, state.id)).downloads.map((d: { fileId: string }) => d.fileId)).toEqual([state.fileId]),
  }),
  row({
    route: 'GET /api/campaigns/:id/downloads/:fileId',
    variant: 'published',
    expect: everyone(200),
    writes: false,
    setup: async (world) => {
      const draft = await draftOf(world);
      const fileId = await withDownload(world, draft.id);
      await world.managerClient.post(`/api/campaigns/${draft.id}/publish`);
      return { ...draft, fileId };
    },
    call: (c, { state }) => c.get(`/api/campaigns/${state.id}/downloads/${state.fileId}`),
    effect: (res) => expect(res.rawPayload.equals(SAMPLE.pdf)).toBe(true),
  }),
  row({
    route: 'GET /api/campaigns/:id/downloads/:fileId',
    variant: 'a draft',
    expect: only(ORGANIZER, 200, 404, { anonymous: 404 }),
    writes: false,
    setup: async (world) => {
      const draft = await draftOf(world);
      return { ...draft, fileId: await withDownload(world, draft.id) };
    },
    call: (c, { state }) => c.get(`/api/campaigns/${state.id}/downloads/${state.fileId}`),
    effect: (res) => expect(res.rawPayload.equals(SAMPLE.pdf)).toBe(true),
  }),

  // The organizer's people
  row({
    route: 'GET /api/organizations/:id/organizer-members',
    expect: only(MANAGERS, 200, 403),
    writes: false,
    call: (c, { world }) => c.get(`/api/organizations/${world.organizer.id}/organizer-members`),
    effect: async (res, { scene }) =>
      expect(res.json().items.map((m: { userId: string }) => m.userId)).toContain((await scene.caller('screener')).user?.id),
  }),
  row({
    route: 'POST /api/organizations/:id/organizer-members',
    expect: only(MANAGERS, 200, 403),
    writes: true,
    setup: async (world) => ({ target: await buildUser(world.t) }),
    call: (c, { world, state }) =>
      c.post(`/api/organizations/${world.organizer.id}/organizer-members`, { identifier: state.target.email, role: 'screener' }),
    effect: async (_res, { world, state }) => expect(await organizerMemberIds(world)).toContain(state.target.id),
    unchanged: async ({ world, state }) => expect(await organizerMemberIds(world)).not.toContain(state.target.id),
  }),
  row({
    route: 'DELETE /api/organizations/:id/organizer-members/:userId',
    expect: only(MANAGERS, 200, 403),
    writes: true,
    setup: async (world) => ({ target: (await organizerMember(world.t, world.organizer.id, 'screener')).user }),
    call: (c, { world, state }) => c.delete(`/api/organizations/${world.organizer.id}/organizer-members/${state.target.id}`),
    effect: async (_res, { world, state }) => expect(await organizerMemberIds(world)).not.toContain(state.target.id),
    unchanged: async ({ world, state }) => expect(await organizerMemberIds(world)).toContain(state.target.id),
  }),
];

async function organizerMemberIds(world: World): Promise<string[]> {
  const res = await world.managerClient.get(`/api/organizations/${world.organizer.id}/organizer-members`);
  return res.json().items.map((m: { userId: string }) => m.userId);
}
