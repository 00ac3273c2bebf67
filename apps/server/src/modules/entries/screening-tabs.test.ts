import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';

// Issue 8 item 13: the screener's queue in tabs with counts; the applicant sees when screening is due.
let t: TestApp;
let campaign: { id: string; themes: Array<{ id: string }> };
let organizerId: string;
let staff: Client;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-03-11T07:00:00.000Z'); // Friday 15:00 in Shanghai, during submission
  const published = await publishedCampaign(t);
  campaign = published.campaign;
  organizerId = published.organizer.id;
  staff = published.staff;
});
afterAll(() => t.close());

let n = 0;
async function submitted(campaignId: string, themeId: string) {
  const org = await buildOrganization(t);
  const { client } = await applicantOf(t, org.id);
  n += 1;
  const entry = (await client.post(`/api/campaigns/${campaignId}/entries`, { themeId, title: `案例${n}` })).json();
  const version = await completeEntry(client, entry.id);
  const done = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
  expect(done.statusCode).toBe(200);
  return { client, entry: done.json() as { id: string; screeningDueAt: string | null } };
}

const queue = (client: Client, query = '') => client.get(`/api/campaigns/${campaign.id}/screening-queue${query}`);
const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((i) => i.id);

describe('S0-8 screening queue tabs with counts (issue 8 item 13)', () => {
  it('counts every tab exactly, in the campaign and theme only; 超时 are the awaiting entries past their due time', async () => {
    const [theme0, theme1] = campaign.themes.map((th) => th.id) as [string, string];
    const passed = await submitted(campaign.id, theme0);
    const returned = await submitted(campaign.id, theme1);
    const excluded = await submitted(campaign.id, theme1);
    const late1 = await submitted(campaign.id, theme0);
    const late2 = await submitted(campaign.id, theme1);
    expect((await staff.post(`/api/entries/${passed.entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(200);
    const ret = { decision: 'return', reasons: '缺少版权页', suggestions: '', correctionDeadline: '2022-03-25' };
    expect((await staff.post(`/api/entries/${returned.entry.id}/screening`, ret)).statusCode).toBe(200);
    const exc = { decision: 'exclude', reasons: '非本届主题' };
    expect((await staff.post(`/api/entries/${excluded.entry.id}/screening`, exc)).statusCode).toBe(200);
    t.clock.set('2022-03-14T02:00:00.000Z'); // Monday 10:00: due at the end of Wednesday
    const onTime = await submitted(campaign.id, theme1);
    // Another organizer's campaign: its entries are in no tab of this one.
    const other = await publishedCampaign(t);
    await submitted(other.campaign.id, other.campaign.themes[0]?.id ?? '');

    t.clock.set('2022-03-15T16:30:00.000Z'); // Wednesday 00:30: the two from Friday are overdue
    const all = await queue(staff);
    expect(all.json().counts).toEqual({ pending: 3, returned: 1, passed: 1, excluded: 1, overdue: 2 });
    expect(ids(all)).toEqual([late1.entry.id, late2.entry.id, onTime.entry.id]); // most urgent first
    expect(ids(await queue(staff, '?tab=overdue'))).toEqual([late1.entry.id, late2.entry.id]);
    expect(ids(await queue(staff, '?tab=passed'))).toEqual([passed.entry.id]);
    expect(ids(await queue(staff, '?tab=returned'))).toEqual([returned.entry.id]);
    const notAccepted = (await queue(staff, '?tab=excluded')).json();
    expect(notAccepted.items.map((i: { id: string; status: string; overdue: boolean }) => [i.id, i.status, i.overdue])).toEqual([
      [excluded.entry.id, 'excluded', false],
    ]);
    expect(notAccepted.items[0].screening).toMatchObject({ decision: 'exclude', reasons: '非本届主题' });
    // The same numbers under a theme filter count that theme only.
    const inTheme0 = await queue(staff, `?themeId=${theme0}&tab=passed`);
    expect(inTheme0.json().counts).toEqual({ pending: 1, returned: 0, passed: 1, excluded: 0, overdue: 1 });
    expect(ids(inTheme0)).toEqual([passed.entry.id]);

    // The organizer's own screener sees the same counts; another organizer's screener sees no queue at all.
    const { client: screener } = await organizerMember(t, organizerId, 'screener');
    expect((await queue(screener)).json().counts).toEqual({ pending: 3, returned: 1, passed: 1, excluded: 1, overdue: 2 });
    const { client: stranger } = await organizerMember(t, other.organizer.id, 'screener');
    const refused = await queue(stranger);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await queue(staff, '?tab=late');
    expect([bad.statusCode, bad.json().error.code, bad.json().error.fields[0].path]).toEqual([400, 'VALIDATION_FAILED', 'tab']);
  }, 120_000); // nine entries submitted with their files, on a machine shared with other suites

  it('S0-8 the applicant sees when screening is due after submitting, and no due time once it is decided', async () => {
    t.clock.set('2022-03-11T07:00:00.000Z'); // Friday 15:00 → the end of Tuesday
    const { client, entry } = await submitted(campaign.id, campaign.themes[2]?.id ?? '');
    expect(entry.screeningDueAt).toBe('2022-03-15T15:59:59.999Z');
    expect((await client.get(`/api/entries/${entry.id}`)).json().screeningDueAt).toBe('2022-03-15T15:59:59.999Z');
    const mine = (await client.get('/api/entries/mine')).json().items;
    expect(mine.map((e: { id: string; screeningDueAt: string | null }) => [e.id, e.screeningDueAt])).toEqual([
      [entry.id, '2022-03-15T15:59:59.999Z'],
    ]);
    expect((await staff.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(200);
    expect((await client.get(`/api/entries/${entry.id}`)).json().screeningDueAt).toBeNull();
  });
});
