import type { TCampaignAbilities } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';

/**
 * Issue 8 item 3, campaigns: GET /api/campaigns/:id and every campaign write answer carry the caller's abilities
 * (edit, editRules, publish, close), and the routes then do exactly that: `true` → 200, a refusal → its code.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-03-01T02:00:00.000Z');
}, 120_000);
afterAll(() => t.close());

type Action = keyof TCampaignAbilities;
const ACTIONS: Action[] = ['edit', 'editRules', 'publish', 'close'];

/** Tries one action as `client`; answers the status code and, when refused, the error code. */
async function attempt(client: Client, id: string, action: Action): Promise<[Action, number, string | null]> {
  const res =
    action === 'edit'
      ? await client.patch(`/api/campaigns/${id}`, { title: '第二届医院管理案例擂台' })
      : action === 'editRules'
        ? await client.patch(`/api/campaigns/${id}`, { tracks: [] })
        : await client.post(`/api/campaigns/${id}/${action}`);
  return [action, res.statusCode, res.statusCode >= 400 ? res.json().error.code : null];
}
const expected = (a: TCampaignAbilities, action: Action): [Action, number, string | null] => {
  const ability = a[action];
  return ability === true ? [action, 200, null] : [action, ability === 'FORBIDDEN' ? 403 : 409, ability];
};

/** Reads the abilities as `client`, checks them, then checks each refusal against its route (refusals change nothing). */
async function refusalsHold(client: Client, id: string, want: TCampaignAbilities) {
  const seen = (await client.get(`/api/campaigns/${id}`)).json().abilities;
  expect(seen).toEqual(want);
  for (const action of ACTIONS)
    if (want[action] !== true) expect(await attempt(client, id, action)).toEqual(expected(want, action));
}

describe('issue 8 item 3: campaign abilities equal what the routes allow', () => {
  it('a manager through draft → published → closed, and a screener of the same organizer at each step', async () => {
    const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const { client: screener } = await organizerMember(t, organizer.id, 'screener');
    const created = await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const draft: TCampaignAbilities = { edit: true, editRules: true, publish: true, close: 'WRONG_STATUS' };
    expect(created.json().abilities).toEqual(draft);
    const forbidden: TCampaignAbilities = { edit: 'FORBIDDEN', editRules: 'FORBIDDEN', publish: 'FORBIDDEN', close: 'FORBIDDEN' };

    // Draft: the screener may do nothing; the manager edits texts and rules, may not close, and publishes.
    await refusalsHold(screener, id, forbidden);
    await refusalsHold(manager, id, draft);
    expect(await attempt(manager, id, 'edit')).toEqual(expected(draft, 'edit'));
    expect(await attempt(manager, id, 'editRules')).toEqual(expected(draft, 'editRules'));
    const published = await manager.post(`/api/campaigns/${id}/publish`);
    expect([published.statusCode, published.json().abilities]).toEqual([
      200,
      { edit: true, editRules: 'WRONG_STATUS', publish: 'WRONG_STATUS', close: true },
    ]);

    // Published: texts only, no second publish, close.
    const live: TCampaignAbilities = { edit: true, editRules: 'WRONG_STATUS', publish: 'WRONG_STATUS', close: true };
    await refusalsHold(screener, id, forbidden);
    await refusalsHold(manager, id, live);
    expect(await attempt(manager, id, 'edit')).toEqual(expected(live, 'edit'));
    const closed = await manager.post(`/api/campaigns/${id}/close`);
    const frozen: TCampaignAbilities = {
      edit: 'WRONG_STATUS',
      editRules: 'WRONG_STATUS',
      publish: 'WRONG_STATUS',
      close: 'WRONG_STATUS',
    };
    expect([closed.statusCode, closed.json().abilities]).toEqual([200, frozen]);

    // Closed: frozen for the manager, still nothing for the screener.
    await refusalsHold(manager, id, frozen);
    await refusalsHold(screener, id, forbidden);
  }, 300_000);

  it('platform staff manage any campaign; an applicant and a visitor on a published one may do nothing', async () => {
    const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
    const { client: staff } = await signedInAs(t, 'staff');
    const id = (await staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json().id as string;
    await refusalsHold(staff, id, { edit: true, editRules: true, publish: true, close: 'WRONG_STATUS' });
    // A stranger cannot tell a draft exists.
    const { client: applicant } = await signedInAs(t);
    expect((await applicant.get(`/api/campaigns/${id}`)).statusCode).toBe(404);
    expect(await attempt(staff, id, 'publish')).toEqual(['publish', 200, null]);
    const none: TCampaignAbilities = { edit: 'FORBIDDEN', editRules: 'FORBIDDEN', publish: 'FORBIDDEN', close: 'FORBIDDEN' };
    await refusalsHold(applicant, id, none);
    expect((await new Client(t.app).get(`/api/campaigns/${id}`)).json().abilities).toEqual(none);
    await refusalsHold(staff, id, { edit: true, editRules: 'WRONG_STATUS', publish: 'WRONG_STATUS', close: true });
  }, 300_000);
});
