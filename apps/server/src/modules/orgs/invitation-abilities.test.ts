import { ERROR_STATUS, type TInvitationAbilities } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf } from '../../../test/entries.ts';
import { buildOrganization, buildUser, signIn } from '../../../test/factories.ts';

/**
 * Issue 8 item 3, invitations: every response that returns an invitation carries the caller's abilities (accept,
 * decline, revoke), and the routes then do exactly that: `true` → 200, a refusal → its code and status.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

type Verb = keyof TInvitationAbilities;
const answer = async (c: Client, id: string, verb: Verb) => {
  const res = await c.post(`/api/invitations/${id}/${verb}`);
  return [verb, res.statusCode, res.statusCode >= 400 ? res.json().error.code : null];
};
const expected = (a: TInvitationAbilities, verb: Verb) => {
  const ability = a[verb];
  return ability === true ? [verb, 200, null] : [verb, ERROR_STATUS[ability], ability];
};
/** Checks every refusal in `want` against its route; refusals change nothing, so the order does not matter. */
async function refusalsHold(c: Client, id: string, want: TInvitationAbilities) {
  for (const verb of ['accept', 'decline', 'revoke'] as const)
    if (want[verb] !== true) expect(await answer(c, id, verb)).toEqual(expected(want, verb));
}

/** An administrator of a fresh hospital invites a fresh account; answers both and the invitation. */
async function invitation() {
  const hospital = await buildOrganization(t);
  const admin = await applicantOf(t, hospital.id, 'admin');
  const user = await buildUser(t);
  const sent = await admin.client.post(`/api/orgs/${hospital.id}/invitations`, { identifier: user.email });
  expect(sent.statusCode).toBe(201);
  return { hospital, admin: admin.client, user, invitee: await signIn(t, user), sent: sent.json() };
}

const ADMIN_SEES: TInvitationAbilities = { accept: 'NOT_FOUND', decline: 'NOT_FOUND', revoke: true };
const INVITEE_SEES: TInvitationAbilities = { accept: true, decline: true, revoke: 'NOT_FOUND' };
const ANSWERED_ADMIN: TInvitationAbilities = { accept: 'NOT_FOUND', decline: 'NOT_FOUND', revoke: 'WRONG_STATUS' };
const ANSWERED_INVITEE: TInvitationAbilities = { accept: 'WRONG_STATUS', decline: 'WRONG_STATUS', revoke: 'NOT_FOUND' };

describe('issue 8 item 3: invitation abilities equal what the routes allow', () => {
  it('a pending invitation: the invitee may accept or decline, the administrator revoke; then WRONG_STATUS', async () => {
    const { hospital, admin, invitee, sent } = await invitation();
    expect(sent.abilities).toEqual(ADMIN_SEES);
    const mine = (await invitee.get('/api/me/invitations')).json().items;
    expect(mine.map((i: { id: string; abilities: unknown }) => [i.id, i.abilities])).toEqual([[sent.id, INVITEE_SEES]]);
    const page = (await admin.get(`/api/orgs/${hospital.id}/members`)).json();
    expect(page.invitations.map((i: { id: string; abilities: unknown }) => [i.id, i.abilities])).toEqual([[sent.id, ADMIN_SEES]]);
    await refusalsHold(admin, sent.id, ADMIN_SEES);
    await refusalsHold(invitee, sent.id, INVITEE_SEES);
    const accepted = await invitee.post(`/api/invitations/${sent.id}/accept`);
    expect([...expected(INVITEE_SEES, 'accept')]).toEqual(['accept', accepted.statusCode, null]);
    expect(accepted.json().abilities).toEqual(ANSWERED_INVITEE);
    await refusalsHold(invitee, sent.id, ANSWERED_INVITEE);
    await refusalsHold(admin, sent.id, ANSWERED_ADMIN);
  }, 120_000);

  it('the administrator revokes (200) and then sees WRONG_STATUS; the invitee may no longer answer', async () => {
    const { admin, invitee, sent } = await invitation();
    expect(await answer(admin, sent.id, 'revoke')).toEqual(expected(ADMIN_SEES, 'revoke'));
    await refusalsHold(admin, sent.id, ANSWERED_ADMIN);
    await refusalsHold(invitee, sent.id, ANSWERED_INVITEE);
  }, 120_000);

  it('an invitee who belongs to another organization: accept is ALREADY_MEMBER (409), decline still 200', async () => {
    const { invitee, user, sent } = await invitation();
    const other = await buildOrganization(t);
    const staff = await buildUser(t, { role: 'staff' });
    const assigned = await (await signIn(t, staff)).put(`/api/orgs/${other.id}/members/${user.id}`, { role: 'member' });
    expect(assigned.statusCode).toBe(200);
    const seen = (await invitee.get('/api/me/invitations')).json().items[0].abilities;
    const member: TInvitationAbilities = { accept: 'ALREADY_MEMBER', decline: true, revoke: 'NOT_FOUND' };
    expect(seen).toEqual(member);
    await refusalsHold(invitee, sent.id, member);
    expect(await answer(invitee, sent.id, 'decline')).toEqual(expected(member, 'decline'));
  }, 120_000);
});
