import { ERROR_STATUS, type TOrgMembers, type TOrgMembersAbilities } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf } from '../../../test/entries.ts';
import { buildOrganization, buildUser, signIn } from '../../../test/factories.ts';

/**
 * Issue 8 item 3, organization members: the members list carries the caller's `invite` and `leave`, each member row
 * the caller's `remove`, and the routes then do exactly that: `true` → success, a refusal → its code and status.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

type Ability = true | keyof typeof ERROR_STATUS;
/** What a route answered, as [status, code]; and what an ability says it will answer. */
const outcome = async (p: Promise<{ statusCode: number; json: () => { error?: { code: string } } }>) => {
  const res = await p;
  return [res.statusCode, res.statusCode >= 400 ? (res.json().error?.code ?? null) : null];
};
const expected = (a: Ability, ok: number) => (a === true ? [ok, null] : [ERROR_STATUS[a], a]);

const page = async (c: Client, orgId: string) => {
  const res = await c.get(`/api/orgs/${orgId}/members`);
  expect(res.statusCode).toBe(200);
  return res.json() as TOrgMembers;
};
/** Each listed member's `remove`, by user id. */
const removeOf = (view: TOrgMembers) => Object.fromEntries(view.items.map((m) => [m.user.id, m.abilities.remove]));
const memberIds = async (c: Client, orgId: string) => (await page(c, orgId)).items.map((m) => m.user.id).sort();

const remove = (c: Client, orgId: string, userId: string) => outcome(c.delete(`/api/orgs/${orgId}/members/${userId}`));
const invite = async (c: Client, orgId: string) =>
  outcome(c.post(`/api/orgs/${orgId}/invitations`, { identifier: (await buildUser(t)).email }));
const leave = (c: Client) => outcome(c.delete('/api/me/organization'));

/** A hospital with an administrator and two plain members, and a member of another hospital. */
async function scene() {
  const hospital = await buildOrganization(t);
  const admin = await applicantOf(t, hospital.id, 'admin');
  const member = await applicantOf(t, hospital.id);
  const colleague = await applicantOf(t, hospital.id);
  const other = await buildOrganization(t);
  const outsider = await applicantOf(t, other.id);
  return { hospital, admin, member, colleague, other, outsider };
}

describe('S0-2 issue 8 item 3: member abilities equal what the routes allow', () => {
  it('an administrator may invite, leave and remove others (200, the member is gone), not themselves (403)', async () => {
    const { hospital, admin, member, colleague } = await scene();
    const view = await page(admin.client, hospital.id);
    const ADMIN: TOrgMembersAbilities = { invite: true, leave: true };
    expect(view.abilities).toEqual(ADMIN);
    expect(removeOf(view)).toEqual({ [admin.user.id]: 'FORBIDDEN', [member.user.id]: true, [colleague.user.id]: true });

    expect(await remove(admin.client, hospital.id, admin.user.id)).toEqual(expected('FORBIDDEN', 200));
    expect(await memberIds(admin.client, hospital.id)).toEqual([admin.user.id, member.user.id, colleague.user.id].sort());

    expect(await remove(admin.client, hospital.id, member.user.id)).toEqual(expected(true, 200));
    expect(await memberIds(admin.client, hospital.id)).toEqual([admin.user.id, colleague.user.id].sort());
    expect(await outcome(member.client.get(`/api/orgs/${hospital.id}/members`))).toEqual([404, 'NOT_FOUND']);

    expect(await invite(admin.client, hospital.id)).toEqual(expected(ADMIN.invite, 201));
    expect(await leave(admin.client)).toEqual(expected(ADMIN.leave, 200));
    expect(await memberIds(colleague.client, hospital.id)).toEqual([colleague.user.id]);
  }, 120_000);

  it('a plain member may leave only: invite and every remove are FORBIDDEN (403) and change nothing', async () => {
    const { hospital, admin, member, colleague } = await scene();
    const view = await page(member.client, hospital.id);
    const MEMBER: TOrgMembersAbilities = { invite: 'FORBIDDEN', leave: true };
    expect([view.abilities, view.invitations]).toEqual([MEMBER, []]);
    expect(removeOf(view)).toEqual({
      [admin.user.id]: 'FORBIDDEN',
      [member.user.id]: 'FORBIDDEN',
      [colleague.user.id]: 'FORBIDDEN',
    });
    for (const target of [admin, member, colleague]) {
      expect(await remove(member.client, hospital.id, target.user.id)).toEqual(expected('FORBIDDEN', 200));
    }
    expect(await invite(member.client, hospital.id)).toEqual(expected(MEMBER.invite, 201));
    expect(await memberIds(admin.client, hospital.id)).toEqual([admin.user.id, member.user.id, colleague.user.id].sort());
    expect((await page(admin.client, hospital.id)).invitations).toEqual([]);

    expect(await leave(member.client)).toEqual(expected(MEMBER.leave, 200));
    expect(await memberIds(admin.client, hospital.id)).toEqual([admin.user.id, colleague.user.id].sort());
  }, 120_000);

  it('a member of another hospital cannot see these members (404) and every route answers NOT_FOUND', async () => {
    const { hospital, admin, member, other, outsider } = await scene();
    expect(await outcome(outsider.client.get(`/api/orgs/${hospital.id}/members`))).toEqual([404, 'NOT_FOUND']);
    expect(await remove(outsider.client, hospital.id, member.user.id)).toEqual([404, 'NOT_FOUND']);
    expect(await invite(outsider.client, hospital.id)).toEqual([404, 'NOT_FOUND']);
    // An administrator of the hospital cannot remove the outsider through it: not a member here.
    expect(await remove(admin.client, hospital.id, outsider.user.id)).toEqual([404, 'NOT_FOUND']);
    // On their own hospital's page the outsider is a plain member there, and leaving it works.
    const own = await page(outsider.client, other.id);
    expect([own.abilities, removeOf(own)]).toEqual([{ invite: 'FORBIDDEN', leave: true }, { [outsider.user.id]: 'FORBIDDEN' }]);
    expect(await leave(outsider.client)).toEqual(expected(own.abilities.leave, 200));
    expect(await leave(outsider.client)).toEqual([409, 'WRONG_STATUS']);
  }, 120_000);

  it('platform staff (no organization) may remove (200) but not invite (403) nor leave (409 WRONG_STATUS)', async () => {
    const { hospital, admin, member, colleague } = await scene();
    const staff = await signIn(t, await buildUser(t, { role: 'staff' }));
    const view = await page(staff, hospital.id);
    const STAFF: TOrgMembersAbilities = { invite: 'FORBIDDEN', leave: 'WRONG_STATUS' };
    expect(view.abilities).toEqual(STAFF);
    expect(removeOf(view)).toEqual({ [admin.user.id]: true, [member.user.id]: true, [colleague.user.id]: true });
    expect(await invite(staff, hospital.id)).toEqual(expected(STAFF.invite, 201));
    expect(await leave(staff)).toEqual(expected(STAFF.leave, 200));
    expect(await remove(staff, hospital.id, member.user.id)).toEqual(expected(true, 200));
    expect(await memberIds(admin.client, hospital.id)).toEqual([admin.user.id, colleague.user.id].sort());
  }, 120_000);
});
