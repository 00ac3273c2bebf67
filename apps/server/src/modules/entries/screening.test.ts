import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

let t: TestApp;
let campaignId: string;
let themeIds: string[];
let staff: Client;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-03-11T07:00:00.000Z'); // Friday 15:00 in Shanghai, during submission
  const organizer = await buildOrganization(t, { name: '健康界', kind: 'media', level: null, grade: null });
  staff = (await signedInAs(t, 'staff')).client;
  const created = (await staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const campaign = (await staff.post(`/api/campaigns/${created.id}/publish`)).json();
  campaignId = campaign.id;
  themeIds = campaign.themes.map((th: { id: string }) => th.id);
});
afterAll(() => t.close());

let n = 0;
/** A submitted entry of a fresh hospital, with its applicant's client. */
async function submitted(themeIndex = 0) {
  const org = await buildOrganization(t);
  const { user, client } = await applicantOf(t, org.id);
  n += 1;
  const entry = (
    await client.post(`/api/campaigns/${campaignId}/entries`, { themeId: themeIds[themeIndex], title: `案例${n}` })
  ).json();
  const version = await completeEntry(client, entry.id);
  const done = (await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true })).json();
  return { client, entry: done, user };
}

describe('S0-8 screening within 2 working days', () => {
  it('queues submitted entries with their due time: Friday 15:00 → end of Tuesday, Shanghai', async () => {
    const { entry } = await submitted();
    const queue = (await staff.get(`/api/campaigns/${campaignId}/screening-queue`)).json().items;
    const item = queue.find((q: { id: string }) => q.id === entry.id);
    expect(item).toMatchObject({ status: 'submitted', dueAt: '2022-03-15T15:59:59.999Z', overdue: false });
    t.clock.set('2022-03-15T16:30:00.000Z'); // Wednesday 00:30: overdue
    const later = (await staff.get(`/api/campaigns/${campaignId}/screening-queue`)).json().items;
    expect(later.find((q: { id: string }) => q.id === entry.id).overdue).toBe(true);
    t.clock.set('2022-03-11T07:00:00.000Z');
  });

  it('pass: the applicant sees it passed; a second decision is refused', async () => {
    const { client, entry } = await submitted(1);
    const res = await staff.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' });
    expect(res.json()).toMatchObject({ status: 'passed', screening: { decision: 'pass', reasons: '' } });
    expect((await client.get('/api/entries/mine')).json().items[0].status).toBe('passed');
    const again = await staff.post(`/api/entries/${entry.id}/screening`, { decision: 'exclude', reasons: '重复' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
  });

  it('S3-5 return with reasons, suggestions and a deadline; the applicant corrects and resubmits, keeping the number', async () => {
    const { client, entry, user } = await submitted(2);
    const returned = await staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: 'PPT 缺少版权声明页',
      suggestions: '请使用模板并保留版权声明页',
      correctionDeadline: '2022-03-14',
    });
    expect(returned.json()).toMatchObject({
      status: 'returned',
      screening: {
        decision: 'return',
        reasons: 'PPT 缺少版权声明页',
        suggestions: '请使用模板并保留版权声明页',
        correctionDeadline: '2022-03-14T15:59:59.999Z',
      },
    });
    expect(t.sent.at(-1)).toMatchObject({ to: user.email, subject: 'CaseArena 案例擂台：案例退回修改' });
    expect(t.sent.at(-1)?.body).toContain('PPT 缺少版权声明页');
    const mine = (await client.get(`/api/entries/${entry.id}`)).json();
    expect(mine.screening.reasons).toBe('PPT 缺少版权声明页');
    const fixed = (
      await client.patch(`/api/entries/${entry.id}`, { version: entry.version, summary: '已补充版权声明页' })
    ).json();
    const again = (await client.post(`/api/entries/${entry.id}/submit`, { version: fixed.version, consent: true })).json();
    expect([again.status, again.number]).toEqual(['submitted', entry.number]);
    const kinds = (
      await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, entry.id)).orderBy(asc(auditEvents.seq))
    ).map((e) => e.kind);
    expect(kinds).toEqual([
      'entry.created',
      'entry.saved',
      'entry.file_attached',
      'entry.submitted',
      'entry.returned',
      'entry.saved',
      'entry.submitted',
    ]);
  });

  it('exclude needs reasons; a past correction deadline is refused', async () => {
    const { entry } = await submitted(3);
    const noReason = await staff.post(`/api/entries/${entry.id}/screening`, { decision: 'exclude' });
    expect(noReason.statusCode).toBe(400);
    const past = await staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: '材料不全',
      correctionDeadline: '2022-03-10',
    });
    expect(past.json().error.fields).toEqual([{ path: 'correctionDeadline', code: 'OUT_OF_RANGE', message: '数值超出范围' }]);
    expect(
      (await staff.post(`/api/entries/${entry.id}/screening`, { decision: 'exclude', reasons: '不符合征集范围' })).json().status,
    ).toBe('excluded');
  });

  it('only screeners decide or see the queue', async () => {
    const { client, entry } = await submitted(4);
    expect((await client.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(403);
    expect((await client.post(`/api/entries/${entry.id}/screening`, { decision: 'bogus' })).statusCode).toBe(403);
    expect((await client.get(`/api/campaigns/${campaignId}/screening-queue`)).statusCode).toBe(403);
    expect((await new Client(t.app).get(`/api/campaigns/${campaignId}/screening-queue`)).statusCode).toBe(401);
  });

  it('S0-8 passed entries appear on the public theme page, searchable by name, hospital or number', async () => {
    const a = await submitted(5);
    const b = await submitted(5);
    const c = await submitted(5);
    await staff.post(`/api/entries/${a.entry.id}/screening`, { decision: 'pass' });
    await staff.post(`/api/entries/${b.entry.id}/screening`, { decision: 'pass' });
    await staff.post(`/api/entries/${c.entry.id}/screening`, { decision: 'exclude', reasons: '不符合要求' });
    const anon = new Client(t.app);
    const page = (await anon.get(`/api/campaigns/${campaignId}/entries?themeId=${themeIds[5]}`)).json();
    expect(page.items.map((e: { number: string }) => e.number)).toEqual([a.entry.number, b.entry.number]);
    expect(page.items[0]).toMatchObject({
      title: a.entry.title,
      theme: { code: 'T06' },
      organization: a.entry.organization.name,
    });
    const byNumber = (await anon.get(`/api/campaigns/${campaignId}/entries?q=${encodeURIComponent(b.entry.number)}`)).json();
    expect(byNumber.items.map((e: { id: string }) => e.id)).toEqual([b.entry.id]);
    const byName = (await anon.get(`/api/campaigns/${campaignId}/entries?q=${encodeURIComponent(a.entry.title)}`)).json();
    expect(byName.items.map((e: { id: string }) => e.id)).toEqual([a.entry.id]);
    expect((await anon.get(`/api/campaigns/${campaignId}/entries?q=%25`)).json().total).toBe(0);
  });
});
