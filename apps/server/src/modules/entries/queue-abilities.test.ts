import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../test/app.ts';
import { startTestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { organizerMembers } from '../campaigns/index.ts';

/**
 * Issue 8 item 3, the screening queue: each item carries the caller's `screen` ability, computed by the rule the
 * single decision (POST /api/entries/:id/screening) asks, and the decision then answers exactly that: `true` → 200, a
 * refusal → its code and status. X-4: a screener whose hospital entered the case is RECUSED (403).
 */
let t: TestApp;
let campaign: { id: string; themes: Array<{ id: string }> };
let organizerId: string;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-03-11T07:00:00.000Z'); // Shanghai Friday 15:00: submission and screening both open for seed 000
  const setup = await publishedCampaign(t);
  campaign = setup.campaign;
  organizerId = setup.organizer.id;
}, 120_000);
afterAll(() => t.close());

let n = 0;
const TITLES = ['急诊分诊提速', '日间手术闭环', '药品追溯管理', '护理排班优化', '院感监测预警', '慢病随访管理'];
/** A submitted entry of a fresh hospital; answers the entry id and a member of that hospital. */
async function submittedEntry() {
  const org = await buildOrganization(t);
  const owner = await applicantOf(t, org.id);
  n += 1;
  const title = TITLES[n % TITLES.length] as string;
  const created = await owner.client.post(`/api/campaigns/${campaign.id}/entries`, {
    themeId: campaign.themes[n % campaign.themes.length]?.id,
    title,
    summary: `${title}：以多学科协作改进流程，第 ${n} 例。`,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  const version = await completeEntry(owner.client, id);
  const submitted = await owner.client.post(`/api/entries/${id}/submit`, { version, consent: true });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  return { id, org, owner };
}

async function queueItem(client: Client, id: string, tab = 'pending') {
  const res = await client.get(`/api/campaigns/${campaign.id}/screening-queue?tab=${tab}`);
  expect(res.statusCode).toBe(200);
  const item = res.json().items.find((i: { id: string }) => i.id === id);
  expect(item, `entry ${id} in the ${tab} tab`).toBeDefined();
  return item as { status: string; abilities: { screen: true | string } };
}

const pass = async (client: Client, id: string) => {
  const res = await client.post(`/api/entries/${id}/screening`, { decision: 'pass' });
  return [res.statusCode, res.statusCode >= 400 ? res.json().error.code : null];
};

describe('issue 8 item 3 / X-4: screening queue abilities equal what the decision route does', () => {
  it('a screener: screen=true on a submitted entry and the pass answers 200; then WRONG_STATUS in the passed tab and 409', async () => {
    const screener = (await organizerMember(t, organizerId, 'screener')).client;
    const { id } = await submittedEntry();
    expect((await queueItem(screener, id)).abilities).toEqual({ screen: true });
    expect(await pass(screener, id)).toEqual([200, null]);
    const after = await queueItem(screener, id, 'passed');
    expect([after.status, after.abilities]).toEqual(['passed', { screen: 'WRONG_STATUS' }]);
    expect(await pass(screener, id)).toEqual([409, 'WRONG_STATUS']);
  }, 120_000);

  it('a manager: screen=true on a submitted entry and 200; on a returned one WRONG_STATUS and 409', async () => {
    const manager = (await organizerMember(t, organizerId, 'manager')).client;
    const { id } = await submittedEntry();
    expect((await queueItem(manager, id)).abilities).toEqual({ screen: true });
    const returned = await manager.post(`/api/entries/${id}/screening`, {
      decision: 'return',
      reasons: '请补充数据',
      correctionDeadline: '2022-03-25',
    });
    expect(returned.statusCode).toBe(200);
    const after = await queueItem(manager, id, 'returned');
    expect([after.status, after.abilities]).toEqual(['returned', { screen: 'WRONG_STATUS' }]);
    expect(await pass(manager, id)).toEqual([409, 'WRONG_STATUS']);
  }, 120_000);

  it('a screener of the entering hospital: RECUSED on its entry and 403 RECUSED, screen=true on another hospital’s and 200', async () => {
    const own = await submittedEntry();
    const other = await submittedEntry();
    const member = await applicantOf(t, own.org.id);
    await t.app.ctx.db
      .insert(organizerMembers)
      .values({ organizationId: organizerId, userId: member.user.id, role: 'screener', createdAt: t.clock.now() });
    expect((await queueItem(member.client, own.id)).abilities).toEqual({ screen: 'RECUSED' });
    expect(await pass(member.client, own.id)).toEqual([403, 'RECUSED']);
    // The entry page reports the same ability to them.
    expect((await member.client.get(`/api/entries/${own.id}`)).json().abilities.screen).toBe('RECUSED');
    expect((await queueItem(member.client, other.id)).abilities).toEqual({ screen: true });
    expect(await pass(member.client, other.id)).toEqual([200, null]);
  }, 120_000);

  it('an applicant who does not screen the campaign is FORBIDDEN from the decision (and the queue)', async () => {
    const { id, owner } = await submittedEntry();
    expect((await owner.client.get(`/api/entries/${id}`)).json().abilities.screen).toBe('FORBIDDEN');
    expect(await pass(owner.client, id)).toEqual([403, 'FORBIDDEN']);
    expect((await owner.client.get(`/api/campaigns/${campaign.id}/screening-queue`)).statusCode).toBe(403);
  }, 120_000);
});
