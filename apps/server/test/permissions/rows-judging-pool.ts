import { expect } from 'vitest';
import { Client } from '../app.ts';
import { PASSWORD } from '../factories.ts';
import { detached, everyone, only, type Row, row, signedIn } from './table.ts';
import type { Kind, World } from './world.ts';

/** The organizer's people see the pool and its panels; only managers and the platform change them. */
const STAFF: Kind[] = ['screener', 'recusedScreener', 'manager', 'admin'];
const MANAGERS: Kind[] = ['manager', 'admin'];
const SCREENERS: Partial<Record<Kind, number>> = { screener: 403, recusedScreener: 403 };

let counter = 0;
/** An address no account and no judge uses yet. */
const freshEmail = () => {
  counter += 1;
  return `pool-${Date.now().toString(36)}-${counter}@example.cn`;
};

/** A judge invited by the world organizer's manager, with the token of its link (from the mail sent). */
async function invited(world: World) {
  const email = freshEmail();
  const res = await world.managerClient.post(`/api/organizers/${world.organizer.id}/judges`, { name: '权限表专家', email });
  if (res.statusCode !== 201) throw new Error(`could not invite a judge: ${res.body}`);
  const token = /\/judging\/invitations\/([A-Za-z0-9_-]+)/.exec(world.t.sent.at(-1)?.body ?? '')?.[1];
  if (!token) throw new Error('no invitation link sent');
  return { id: res.json().id as string, email, token };
}

/** An invited judge who accepted with a new account (signed out, with a password): active in the pool. */
async function active(world: World) {
  const judge = await invited(world);
  const res = await new Client(world.t.app).post(`/api/judging/invitations/${judge.token}/accept`, { password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`could not accept: ${res.body}`);
  return { ...judge, userId: res.json().userId as string };
}

/** The judge as the organizer's manager reads it. */
const judgeOf = async (world: World, id: string) => (await world.managerClient.get(`/api/judges/${id}`)).json();

const abilitiesFor = (kind: Kind, status: 'invited' | 'active') =>
  MANAGERS.includes(kind)
    ? { declareConflicts: true, remove: true, seat: status === 'active' ? true : 'WRONG_STATUS' }
    : { declareConflicts: 'FORBIDDEN', remove: 'FORBIDDEN', seat: 'FORBIDDEN' };

/** The organizer's expert pool (issue 10 item 1): another organizer's staff and outsiders get 404, never 403. */
export const judgingPoolRows: Row[] = [
  row({
    route: 'GET /api/organizers/:organizerId/judges',
    expect: only(STAFF, 200, 404),
    writes: false,
    setup: (world) => invited(world),
    call: (c, { world }) => c.get(`/api/organizers/${world.organizer.id}/judges`),
    effect: (res, { caller, state }) => {
      const listed = res.json().items.find((j: { id: string }) => j.id === state.id);
      expect(listed).toMatchObject({ status: 'invited', email: state.email, abilities: abilitiesFor(caller.kind, 'invited') });
      expect(res.json().abilities).toEqual({ invite: MANAGERS.includes(caller.kind) ? true : 'FORBIDDEN' });
    },
  }),
  row({
    route: 'POST /api/organizers/:organizerId/judges',
    expect: only(MANAGERS, 201, 404, SCREENERS),
    writes: true,
    setup: async () => ({ email: freshEmail() }),
    call: (c, { world, state }) =>
      c.post(`/api/organizers/${world.organizer.id}/judges`, { name: '受邀专家', email: state.email }),
    effect: async (res, { world, caller, state }) => {
      expect(res.json()).toMatchObject({ email: state.email, status: 'invited', invitedBy: { id: caller.user?.id } });
      expect(world.t.sent.at(-1)).toMatchObject({ channel: 'email', to: state.email });
    },
    unchanged: async ({ world, state }) => {
      const pool = (await world.managerClient.get(`/api/organizers/${world.organizer.id}/judges`)).json();
      expect(pool.items.filter((j: { email: string }) => j.email === state.email)).toEqual([]);
    },
  }),
  row({
    route: 'GET /api/me/judges',
    expect: signedIn(200),
    writes: false,
    // The scene hospital's administrator is invited by address, so the row is linked to their account at once; by the
    // other organizer, so that the accept row may still make them a judge of the world organizer.
    setup: async (world, scene) => {
      const owner = await scene.caller('owner');
      const staff = await scene.caller('otherOrganizerStaff');
      const res = await staff.client.post(`/api/organizers/${world.otherOrganizer.id}/judges`, {
        name: '本院专家',
        email: owner.user?.email,
      });
      if (res.statusCode !== 201) throw new Error(`could not invite the owner: ${res.body}`);
      return { id: res.json().id as string };
    },
    call: (c) => c.get('/api/me/judges'),
    effect: (res, { caller, state }) => {
      const items = res.json().items as Array<{ id: string; userId: string }>;
      expect(items.every((j) => j.userId === caller.user?.id)).toBe(true);
      expect(items.some((j) => j.id === state.id)).toBe(caller.kind === 'owner');
    },
  }),
  row({
    route: 'GET /api/judges/:judgeId',
    expect: only(STAFF, 200, 404),
    writes: false,
    setup: (world) => invited(world),
    call: (c, { state }) => c.get(`/api/judges/${state.id}`),
    effect: (res, { caller, state }) =>
      expect(res.json()).toMatchObject({ id: state.id, status: 'invited', abilities: abilitiesFor(caller.kind, 'invited') }),
  }),
  row({
    route: 'PUT /api/judges/:judgeId/conflicts',
    expect: only(MANAGERS, 200, 404, SCREENERS),
    writes: true,
    setup: (world) => invited(world),
    call: (c, { scene, state }) => c.put(`/api/judges/${state.id}/conflicts`, { items: [{ organizationId: scene.hospital.id }] }),
    effect: (res, { scene }) =>
      expect(res.json().conflicts).toEqual([
        { organization: { id: scene.hospital.id, name: scene.hospital.name }, note: '', createdAt: expect.any(String) },
      ]),
    unchanged: async ({ world, state }) => expect((await judgeOf(world, state.id)).conflicts).toEqual([]),
  }),
  row({
    route: 'POST /api/judges/:judgeId/remove',
    expect: only(MANAGERS, 200, 404, SCREENERS),
    writes: true,
    setup: (world) => active(world),
    call: (c, { state }) => c.post(`/api/judges/${state.id}/remove`, {}),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({ id: state.id, status: 'removed' });
      expect((await judgeOf(world, state.id)).status).toBe('removed');
    },
    unchanged: async ({ world, state }) => expect((await judgeOf(world, state.id)).status).toBe('active'),
  }),
  row({
    route: 'POST /api/judges/:judgeId/reinvite',
    expect: only(MANAGERS, 200, 404, SCREENERS),
    writes: true,
    setup: async (world) => {
      const judge = await invited(world);
      const res = await world.managerClient.post(`/api/judges/${judge.id}/remove`, {});
      if (res.statusCode !== 200) throw new Error(`could not remove: ${res.body}`);
      return judge;
    },
    call: (c, { state }) => c.post(`/api/judges/${state.id}/reinvite`, {}),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({ id: state.id, status: 'invited', answeredAt: null });
      expect(world.t.sent.at(-1)?.to).toBe(state.email);
    },
    unchanged: async ({ world, state }) => expect((await judgeOf(world, state.id)).status).toBe('removed'),
  }),
  row({
    route: 'GET /api/judging/invitations/:token',
    expect: everyone(200),
    writes: false,
    setup: (world) => invited(world),
    call: (c, { state }) => c.get(`/api/judging/invitations/${state.token}`),
    // No account uses the invited address: a signed-out caller would make one, a signed-in one accepts as themself.
    effect: (res, { caller, state }) =>
      expect(res.json()).toMatchObject({
        email: state.email,
        account: caller.kind === 'anonymous' ? 'create' : 'signedIn',
        abilities: { accept: true, decline: true },
      }),
  }),
  row({
    route: 'POST /api/judging/invitations/:token/accept',
    expect: everyone(200),
    writes: true,
    setup: (world) => invited(world),
    // Detached: an anonymous acceptance signs the new account in, which must not stick to the shared caller.
    call: (c, { world, state }) =>
      detached(world.t.app, c, 'POST', `/api/judging/invitations/${state.token}/accept`, { password: PASSWORD }),
    effect: async (res, { world, caller, state }) => {
      expect(res.json()).toMatchObject({ id: state.id, status: 'active' });
      if (caller.user) expect(res.json().userId).toBe(caller.user.id);
      expect((await judgeOf(world, state.id)).status).toBe('active');
    },
  }),
  row({
    route: 'POST /api/judging/invitations/:token/decline',
    expect: everyone(200),
    writes: true,
    setup: (world) => invited(world),
    call: (c, { state }) => c.post(`/api/judging/invitations/${state.token}/decline`),
    effect: async (res, { world, state }) => {
      expect(res.json()).toEqual({ ok: true });
      expect((await judgeOf(world, state.id)).status).toBe('declined');
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/judging/panel',
    expect: only(STAFF, 200, 404),
    writes: false,
    call: (c, { world }) => c.get(`/api/campaigns/${world.campaign.id}/judging/panel`),
    effect: (res, { world, caller }) => {
      expect(res.json().campaignId).toBe(world.campaign.id);
      expect(res.json().themes.map((t: { id: string }) => t.id)).toEqual(world.campaign.themes.map((t) => t.id));
      expect(res.json().abilities).toEqual({ edit: MANAGERS.includes(caller.kind) ? true : 'FORBIDDEN' });
    },
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/judging/panel',
    expect: only(MANAGERS, 200, 404, SCREENERS),
    writes: true,
    setup: (world) => active(world),
    call: (c, { world, state }) =>
      c.put(`/api/campaigns/${world.votingCampaign.id}/judging/panel`, {
        members: [{ judgeId: state.id, themeIds: [themeIdOf(world)], leadThemeIds: [themeIdOf(world)] }],
      }),
    effect: (res, { world, state }) =>
      expect(res.json().themes.find((t: { id: string }) => t.id === themeIdOf(world))).toMatchObject({
        judgeIds: [state.id],
        leadJudgeId: state.id,
      }),
    unchanged: async ({ world, state }) => {
      const panel = (await world.managerClient.get(`/api/campaigns/${world.votingCampaign.id}/judging/panel`)).json();
      expect(panel.members.filter((m: { judge: { id: string } }) => m.judge.id === state.id)).toEqual([]);
    },
  }),
];

/** The panel write row seats judges on the voting call's first theme; the read row reads the world's other call. */
function themeIdOf(world: World): string {
  return world.votingCampaign.themes[0]?.id as string;
}
