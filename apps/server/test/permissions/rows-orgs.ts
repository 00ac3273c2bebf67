import { expect } from 'vitest';
import type { Client } from '../app.ts';
import { applicantOf } from '../entries.ts';
import { buildUser, signIn } from '../factories.ts';
import { multipart, SAMPLE } from '../multipart.ts';
import { everyone, only, type Row, row, signedIn } from './table.ts';
import type { Scene } from './world.ts';

const memberIds = async (c: Client, orgId: string) =>
  ((await c.get(`/api/orgs/${orgId}/members`)).json().items as Array<{ user: { id: string } }>).map((m) => m.user.id);
const orgOf = async (c: Client) => (await c.get('/api/me')).json().user.organization?.id ?? null;

/** A fresh account files an institution certification request for the scene's hospital (the scene's "user"). */
async function certificationOfUser(scene: Scene) {
  const requester = await scene.caller('user');
  const body = multipart({ kind: 'institution', organizationId: scene.hospital.id }, [
    { name: 'file', filename: 'licence.png', content: SAMPLE.png },
  ]);
  const res = await requester.client.request({ method: 'POST', url: '/api/certifications', ...body });
  if (res.statusCode !== 201) throw new Error(`could not request certification: ${res.body}`);
  return { id: res.json().id as string, requester };
}
const certificationStatus = async (requester: { client: Client }, id: string) =>
  ((await requester.client.get('/api/certifications/mine')).json().items as Array<{ id: string; status: string }>).find(
    (c) => c.id === id,
  )?.status;

/** An open invitation from the scene hospital's administrator to the scene's "user". */
async function invitationOfUser(scene: Scene) {
  const owner = await scene.caller('owner');
  const invitee = await scene.caller('user');
  const res = await owner.client.post(`/api/orgs/${scene.hospital.id}/invitations`, { identifier: invitee.user?.email });
  if (res.statusCode !== 201) throw new Error(`could not invite: ${res.body}`);
  return { id: res.json().id as string, invitee };
}
const invitationStatus = async (invitee: { client: Client }, id: string) =>
  ((await invitee.client.get('/api/me/invitations')).json().items as Array<{ id: string; status: string }>).find(
    (i) => i.id === id,
  )?.status;

const MEMBERS = ['owner', 'colleague', 'recusedScreener'] as const;

/** The registry, membership (S0-14 certification, invitations, staff) and certification review. */
export const orgRows: Row[] = [
  row({
    route: 'GET /api/regions',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/regions'),
    effect: (res) => expect((res.json().items as Array<{ code: string }>).map((r) => r.code)).toContain('410000'),
  }),
  row({
    route: 'GET /api/orgs',
    expect: everyone(200),
    writes: false,
    call: (c, { scene }) => c.get(`/api/orgs?q=${encodeURIComponent(scene.hospital.name)}`),
    effect: (res, { scene }) => expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([scene.hospital.id]),
  }),
  row({
    route: 'GET /api/orgs/:id',
    expect: everyone(200),
    writes: false,
    call: (c, { scene }) => c.get(`/api/orgs/${scene.hospital.id}`),
    effect: (res, { scene }) => expect(res.json().id).toBe(scene.hospital.id),
  }),
  row({
    route: 'POST /api/orgs',
    expect: only(['admin'], 201, 403),
    writes: true,
    setup: async () => ({ name: `权限表新建医院${Math.random().toString(36).slice(2, 8)}` }),
    call: (c, { state }) => c.post('/api/orgs', { name: state.name, kind: 'general_hospital' }),
    effect: async (res, { caller, state }) =>
      expect((await caller.client.get(`/api/orgs/${res.json().id}`)).json().name).toBe(state.name),
    unchanged: async ({ scene, state }) => {
      const anyone = (await scene.caller('anonymous')).client;
      expect((await anyone.get(`/api/orgs?q=${encodeURIComponent(state.name)}`)).json().items).toEqual([]);
    },
  }),
  row({
    route: 'PATCH /api/orgs/:id',
    expect: only(['admin'], 200, 403),
    writes: true,
    scene: { fresh: true },
    call: (c, { scene }) => c.patch(`/api/orgs/${scene.hospital.id}`, { isCountyLevel: true }),
    effect: async (_res, { caller, scene }) =>
      expect((await caller.client.get(`/api/orgs/${scene.hospital.id}`)).json().isCountyLevel).toBe(true),
    unchanged: async ({ scene }) =>
      expect((await (await scene.caller('anonymous')).client.get(`/api/orgs/${scene.hospital.id}`)).json().isCountyLevel).toBe(
        false,
      ),
  }),

  // Membership
  row({
    route: 'GET /api/orgs/:id/members',
    expect: only([...MEMBERS, 'admin'], 200, 404),
    writes: false,
    call: (c, { scene }) => c.get(`/api/orgs/${scene.hospital.id}/members`),
    effect: async (res, { scene }) => {
      expect(res.json().organization.id).toBe(scene.hospital.id);
      expect(res.json().items.map((m: { user: { id: string } }) => m.user.id)).toContain((await scene.caller('owner')).user?.id);
    },
  }),
  row({
    route: 'PUT /api/orgs/:id/members/:userId',
    expect: only(['admin'], 200, 403),
    writes: true,
    setup: async (world) => ({ target: await buildUser(world.t) }),
    call: (c, { scene, state }) => c.put(`/api/orgs/${scene.hospital.id}/members/${state.target.id}`, { role: 'member' }),
    effect: async (_res, { scene, state }) =>
      expect(await memberIds((await scene.caller('owner')).client, scene.hospital.id)).toContain(state.target.id),
    unchanged: async ({ scene, state }) =>
      expect(await memberIds((await scene.caller('owner')).client, scene.hospital.id)).not.toContain(state.target.id),
  }),
  row({
    route: 'DELETE /api/orgs/:id/members/:userId',
    // Administrators of the hospital and staff remove; a plain member is refused; strangers cannot see the members.
    expect: only(['owner', 'admin'], 200, 404, { colleague: 403, recusedScreener: 403 }),
    writes: true,
    setup: async (world, scene) => ({ target: (await applicantOf(world.t, scene.hospital.id)).user }),
    call: (c, { scene, state }) => c.delete(`/api/orgs/${scene.hospital.id}/members/${state.target.id}`),
    effect: async (_res, { scene, state }) =>
      expect(await memberIds((await scene.caller('owner')).client, scene.hospital.id)).not.toContain(state.target.id),
    unchanged: async ({ scene, state }) =>
      expect(await memberIds((await scene.caller('owner')).client, scene.hospital.id)).toContain(state.target.id),
  }),
  row({
    route: 'POST /api/orgs/:id/invitations',
    // Only the hospital's administrators invite; members and staff see the page but may not.
    expect: only(['owner'], 201, 404, { colleague: 403, recusedScreener: 403, admin: 403 }),
    writes: true,
    setup: async (world) => {
      const user = await buildUser(world.t);
      return { invitee: { user, client: await signIn(world.t, user) } };
    },
    call: (c, { scene, state }) => c.post(`/api/orgs/${scene.hospital.id}/invitations`, { identifier: state.invitee.user.email }),
    effect: async (res, { state }) => {
      expect([res.json().status, res.json().invitee.id]).toEqual(['pending', state.invitee.user.id]);
      expect(await invitationStatus(state.invitee, res.json().id)).toBe('pending');
    },
    unchanged: async ({ state }) => expect((await state.invitee.client.get('/api/me/invitations')).json().items).toEqual([]),
  }),
  row({
    route: 'GET /api/me/invitations',
    expect: signedIn(200),
    writes: false,
    scene: { freshKinds: ['user'] },
    setup: (_world, scene) => invitationOfUser(scene),
    call: (c) => c.get('/api/me/invitations'),
    effect: (res, { caller, state }) =>
      expect(res.json().items.map((i: { id: string }) => i.id)).toEqual(caller.kind === 'user' ? [state.id] : []),
  }),
  ...(['accept', 'decline'] as const).map((verb) =>
    row({
      route: `POST /api/invitations/:id/${verb}`,
      // Only the invitee answers; to everyone else, the inviting administrator too, it does not exist.
      expect: only(['user'], 200, 404),
      writes: true,
      scene: { freshKinds: ['user'] },
      setup: (_world, scene) => invitationOfUser(scene),
      call: (c, { state }) => c.post(`/api/invitations/${state.id}/${verb}`),
      effect: async (res, { scene, state }) => {
        expect(res.json().status).toBe(verb === 'accept' ? 'accepted' : 'declined');
        expect(await orgOf(state.invitee.client)).toBe(verb === 'accept' ? scene.hospital.id : null);
      },
      unchanged: async ({ state }) => expect(await invitationStatus(state.invitee, state.id)).toBe('pending'),
    }),
  ),
  row({
    route: 'POST /api/invitations/:id/revoke',
    expect: only(['owner'], 200, 404),
    writes: true,
    scene: { freshKinds: ['user'] },
    setup: (_world, scene) => invitationOfUser(scene),
    call: (c, { state }) => c.post(`/api/invitations/${state.id}/revoke`),
    effect: async (res, { state }) => {
      expect(res.json().status).toBe('revoked');
      // A revoked invitation is no longer offered to the invitee.
      expect(await invitationStatus(state.invitee, state.id)).toBe(undefined);
    },
    unchanged: async ({ state }) => expect(await invitationStatus(state.invitee, state.id)).toBe('pending'),
  }),
  row({
    route: 'DELETE /api/me/organization',
    // Members leave; someone who belongs nowhere is told so (WRONG_STATUS).
    expect: only([...MEMBERS, 'otherHospital'], 200, 409),
    writes: true,
    scene: { freshKinds: [...MEMBERS, 'otherHospital'] },
    call: (c) => c.delete('/api/me/organization'),
    effect: async (_res, { caller }) => expect(await orgOf(caller.client)).toBe(null),
  }),

  // Certification (the requester is the scene's "user")
  row({
    route: 'POST /api/certifications',
    expect: signedIn(201),
    writes: true,
    scene: { freshKinds: ['user'] },
    call: (c, { scene }) =>
      c.request({
        method: 'POST',
        url: '/api/certifications',
        ...multipart({ kind: 'institution', organizationId: scene.hospital.id }, [
          { name: 'file', filename: 'licence.png', content: SAMPLE.png },
        ]),
      }),
    effect: async (res, { caller }) => expect(await certificationStatus(caller, res.json().id)).toBe('pending'),
  }),
  row({
    route: 'GET /api/certifications/mine',
    expect: signedIn(200),
    writes: false,
    scene: { freshKinds: ['user'] },
    setup: (_world, scene) => certificationOfUser(scene),
    call: (c) => c.get('/api/certifications/mine'),
    effect: (res, { caller, state }) => {
      const ids = res.json().items.map((c: { id: string }) => c.id);
      // The requester sees exactly their request; everyone else's list (their own requests) never holds it.
      if (caller.kind === 'user') expect(ids).toEqual([state.id]);
      else expect(ids).not.toContain(state.id);
    },
  }),
  row({
    route: 'POST /api/certifications/:id/withdraw',
    // Only the requester withdraws; reviewers see it and decide instead.
    expect: only(['user'], 200, 404, { admin: 403 }),
    writes: true,
    scene: { freshKinds: ['user'] },
    setup: (_world, scene) => certificationOfUser(scene),
    call: (c, { state }) => c.post(`/api/certifications/${state.id}/withdraw`),
    effect: async (_res, { state }) => expect(await certificationStatus(state.requester, state.id)).toBe('withdrawn'),
    unchanged: async ({ state }) => expect(await certificationStatus(state.requester, state.id)).toBe('pending'),
  }),
  row({
    route: 'GET /api/certifications/:id/file',
    expect: only(['user', 'admin'], 200, 404),
    writes: false,
    scene: { freshKinds: ['user'] },
    setup: (_world, scene) => certificationOfUser(scene),
    call: (c, { state }) => c.get(`/api/certifications/${state.id}/file`),
    effect: (res) => expect(res.rawPayload.equals(SAMPLE.png)).toBe(true),
  }),
  row({
    route: 'GET /api/admin/certifications',
    expect: only(['admin'], 200, 403),
    writes: false,
    scene: { freshKinds: ['user'] },
    setup: (_world, scene) => certificationOfUser(scene),
    call: (c) => c.get('/api/admin/certifications?status=pending&pageSize=100'),
    effect: (res, { state }) => expect(res.json().items.map((c: { id: string }) => c.id)).toContain(state.id),
  }),
  ...(['approve', 'reject'] as const).map((verb) =>
    row({
      route: `POST /api/admin/certifications/:id/${verb}`,
      expect: only(['admin'], 200, 403),
      writes: true,
      scene: { freshKinds: ['user'] },
      setup: (_world, scene) => certificationOfUser(scene),
      call: (c, { state }) =>
        verb === 'approve'
          ? c.post(`/api/admin/certifications/${state.id}/approve`)
          : c.post(`/api/admin/certifications/${state.id}/reject`, { reason: '材料不清晰' }),
      effect: async (_res, { scene, state }) => {
        expect(await certificationStatus(state.requester, state.id)).toBe(verb === 'approve' ? 'approved' : 'rejected');
        // An approved institution request makes the requester a member (the first one administers).
        expect(await orgOf(state.requester.client)).toBe(verb === 'approve' ? scene.hospital.id : null);
      },
      unchanged: async ({ state }) => {
        expect(await certificationStatus(state.requester, state.id)).toBe('pending');
        expect(await orgOf(state.requester.client)).toBe(null);
      },
    }),
  ),
];
