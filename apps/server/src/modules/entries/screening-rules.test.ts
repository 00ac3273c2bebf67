import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import {
  applicantOf,
  COMPLETE_ANSWERS,
  campaignWith,
  completeEntry,
  organizerMember,
  publishedCampaign,
} from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { organizerMembers } from '../campaigns/index.ts';
import { expireReturnedEntries } from './expire-returned.ts';

let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
const theme = (i: number) => setup.campaign.themes[i]?.id ?? '';

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // Monday, during submission (2021-12-01 .. 2022-03-15)
  setup = await publishedCampaign(t);
});
afterAll(() => t.close());
afterEach(() => t.clock.set('2022-01-10T02:00:00.000Z'));

async function entryOf(client: Client, themeIndex: number) {
  return client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId: theme(themeIndex), title: '急诊胸痛一体化救治' });
}

describe('returns, deadlines, withdrawal and what the applicant is told', () => {
  async function submittedEntry(themeIndex: number) {
    const { client, user } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, themeIndex)).json();
    const version = await completeEntry(client, entry.id);
    const res = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    if (res.statusCode !== 200) throw new Error(`submit failed: ${res.body}`);
    return { client, user, entry: res.json() };
  }

  it('S3-5 a returned entry not corrected by its deadline is excluded, and the applicant is told in the app', async () => {
    const { client, entry } = await submittedEntry(2);
    await setup.staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: 'PPT 缺少量化效果',
      suggestions: '补充效果数据',
      correctionDeadline: '2022-01-12',
    });
    const bell = (await client.get('/api/notifications')).json();
    expect([bell.unread, bell.items[0].title, bell.items[0].link]).toEqual([1, '案例退回修改', `/entries/${entry.id}`]);
    expect(bell.items[0].body).toContain('修改建议：补充效果数据');
    t.clock.set('2022-01-12T15:59:00.000Z'); // 23:59 on the deadline day: still in time
    expect(await expireReturnedEntries(t.app.ctx)).toBe(0);
    t.clock.set('2022-01-12T16:00:01.000Z'); // 00:00:01 the day after, Shanghai
    const late = await client.post(`/api/entries/${entry.id}/submit`, { version: entry.version, consent: true });
    expect([late.statusCode, late.json().error.message]).toEqual([
      409,
      '修改期限已过（截止：2022-01-12 23:59，北京时间），该案例已不能再提交',
    ]);
    expect(await expireReturnedEntries(t.app.ctx)).toBe(1);
    expect(await expireReturnedEntries(t.app.ctx)).toBe(0);
    const after = (await client.get(`/api/entries/${entry.id}`)).json();
    expect([after.status, after.screening.reasons]).toEqual(['excluded', '逾期未修改，按规定不进入正式评审']);
    const notices = (await client.get('/api/notifications')).json();
    expect([notices.unread, notices.items[0].title]).toEqual([2, '案例逾期未修改']);
    expect((await client.post('/api/notifications/read-all')).json().unread).toBe(0);
    t.clock.set('2022-01-10T02:00:00.000Z');
  });

  it('S3-5 a returned entry may be corrected after the submission phase, within its own deadline', async () => {
    t.clock.set('2022-03-10T02:00:00.000Z'); // sessions last 14 days: everyone signs in within this story
    const { client, entry } = await submittedEntry(3);
    const { client: staff } = await signedInAs(t, 'staff');
    t.clock.set('2022-03-14T02:00:00.000Z');
    await staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: '请补充联系人',
      suggestions: '',
      correctionDeadline: '2022-03-20',
    });
    t.clock.set('2022-03-18T02:00:00.000Z'); // submission closed on 15 March
    const savedRes = await client.patch(`/api/entries/${entry.id}`, {
      version: entry.version,
      title: '急诊胸痛一体化救治（修改稿）',
    });
    expect(savedRes.statusCode, savedRes.body).toBe(200);
    const saved = savedRes.json();
    const resubmitted = await client.post(`/api/entries/${entry.id}/submit`, { version: saved.version, consent: true });
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', number: entry.number, correctionDeadline: null });
    t.clock.set('2022-01-10T02:00:00.000Z');
  });

  it('withdraw: the entry leaves, its theme is free again for the hospital, the number is not reused', async () => {
    const { client, entry } = await submittedEntry(4);
    const withdrawn = await client.post(`/api/entries/${entry.id}/withdraw`, { reason: '改投其他主题' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', number: entry.number });
    expect((await client.post(`/api/entries/${entry.id}/withdraw`, {})).json().error.code).toBe('WRONG_STATUS');
    const again = await entryOf(client, 4);
    expect(again.statusCode).toBe(201);
    expect((await setup.staff.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).json().error.code).toBe(
      'WRONG_STATUS',
    );
  });

  it('S0-8 the screener sees what changed since the last round; every version is kept (X-6)', async () => {
    const { client, entry } = await submittedEntry(5);
    expect((await setup.staff.get(`/api/entries/${entry.id}/changes`)).json()).toEqual({
      fromVersion: null,
      toVersion: entry.version,
      changes: [],
    });
    await setup.staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: '联系人信息不全',
      suggestions: '',
      correctionDeadline: '2022-01-20',
    });
    t.clock.set('2022-01-11T02:00:00.000Z');
    const saved = (
      await client.patch(`/api/entries/${entry.id}`, {
        version: entry.version,
        answers: { department: '急诊科', contact: { ...COMPLETE_ANSWERS.contact, title: '护士长' } },
      })
    ).json();
    await client.post(`/api/entries/${entry.id}/submit`, { version: saved.version, consent: true });
    const changes = (await setup.staff.get(`/api/entries/${entry.id}/changes`)).json();
    expect(changes).toEqual({
      fromVersion: entry.version,
      toVersion: saved.version,
      changes: [
        { field: 'answers.department', label: '申报科室', before: '医务部', after: '急诊科' },
        {
          field: 'answers.contact',
          label: '联系人',
          before: COMPLETE_ANSWERS.contact,
          after: { ...COMPLETE_ANSWERS.contact, title: '护士长' },
        },
      ],
    });
    const queueItem = (await setup.staff.get(`/api/campaigns/${setup.campaign.id}/screening-queue`))
      .json()
      .items.find((i: { id: string }) => i.id === entry.id);
    expect(queueItem.resubmission).toBe(true);
    const versions = (await client.get(`/api/entries/${entry.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    t.clock.set('2022-01-10T02:00:00.000Z');
  });
});

describe('bulk screening: plan → preview → apply', () => {
  it('previews what would change and what is skipped, applies exactly that, and refuses a stale plan', async () => {
    const ids: string[] = [];
    const clients: Client[] = [];
    for (const i of [6, 7, 8]) {
      const { client } = await applicantOf(t, (await buildOrganization(t)).id);
      const entry = (await entryOf(client, i)).json();
      const version = await completeEntry(client, entry.id);
      await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
      ids.push(entry.id);
      clients.push(client);
    }
    const { client: drafter } = await applicantOf(t, (await buildOrganization(t)).id);
    const draft = (await entryOf(drafter, 9)).json();
    const plan = await setup.staff.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
      entryIds: [...ids, draft.id],
      decision: { decision: 'pass' },
    });
    expect(plan.statusCode).toBe(201);
    expect([plan.json().willChange, plan.json().willSkip]).toEqual([3, 1]);
    expect(plan.json().items.find((i: { entryId: string }) => i.entryId === draft.id)).toMatchObject({
      from: 'draft',
      to: null,
      skip: 'WRONG_STATUS',
    });
    // Nothing changed yet.
    expect((await clients[0]?.get(`/api/entries/${ids[0]}`))?.json().status).toBe('submitted');
    const applied = await setup.staff.post(`/api/bulk-plans/${plan.json().id}/apply`);
    expect([applied.statusCode, applied.json().status]).toEqual([200, 'applied']);
    for (const [i, id] of ids.entries()) expect((await clients[i]?.get(`/api/entries/${id}`))?.json().status).toBe('passed');
    expect((await setup.staff.post(`/api/bulk-plans/${plan.json().id}/apply`)).json().error.code).toBe('WRONG_STATUS');

    // A plan whose entries changed after the preview applies nothing.
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, 9)).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    const stale = (
      await setup.staff.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
        entryIds: [entry.id],
        decision: { decision: 'return', reasons: '材料不全', suggestions: '', correctionDeadline: '2022-01-20' },
      })
    ).json();
    await client.post(`/api/entries/${entry.id}/withdraw`, { reason: '' });
    const refused = await setup.staff.post(`/api/bulk-plans/${stale.id}/apply`);
    expect([refused.statusCode, refused.json().error.message]).toEqual([
      409,
      '自预览以来有 1 个案例状态已变化，请重新预览后再执行',
    ]);
    expect((await client.get(`/api/entries/${entry.id}`)).json().status).toBe('withdrawn');
  });
});

describe('organizers’ own people', () => {
  it('X-4 recusal: a screener who belongs to the entering hospital cannot decide its entry', async () => {
    const { manager, campaign } = await campaignWith(t, {});
    const hospital = await buildOrganization(t);
    const { client } = await applicantOf(t, hospital.id);
    const entry = (
      await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[1]?.id, title: '院内会诊流程再造' })
    ).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    // The same person screens for the organizer and works at the hospital.
    const { user, client: screener } = await applicantOf(t, hospital.id);
    const organizerId = (await manager.get(`/api/campaigns/${campaign.id}`)).json().organizer.id;
    await t.app.ctx.db
      .insert(organizerMembers)
      .values({ organizationId: organizerId, userId: user.id, role: 'screener', createdAt: t.clock.now() });
    const res = await screener.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'RECUSED']);
    expect((await manager.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).json().status).toBe('passed');
  });

  it('a screener of the organizer screens its campaigns only; managers add and remove people; others cannot', async () => {
    const { client: screener } = await organizerMember(t, setup.organizer.id, 'screener');
    const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
    const { client: otherScreener } = await organizerMember(t, other.id, 'screener');
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, 0)).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    expect((await otherScreener.get(`/api/campaigns/${setup.campaign.id}/screening-queue`)).statusCode).toBe(403);
    expect((await otherScreener.get(`/api/entries/${entry.id}`)).statusCode).toBe(404);
    expect((await otherScreener.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(404);
    expect((await screener.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).json().status).toBe('passed');
    // A screener does not manage: no form edits, no publishing, no people.
    expect((await screener.put(`/api/campaigns/${setup.campaign.id}/form`, { fields: [] })).statusCode).toBe(403);
    expect((await screener.get(`/api/organizations/${setup.organizer.id}/organizer-members`)).statusCode).toBe(403);
    const { client: manager } = await organizerMember(t, setup.organizer.id, 'manager');
    const { user: newcomer } = await signedInAs(t, 'user');
    const added = await manager.post(`/api/organizations/${setup.organizer.id}/organizer-members`, {
      identifier: newcomer.email,
      role: 'screener',
    });
    expect(
      added
        .json()
        .items.map((m: { role: string }) => m.role)
        .sort(),
    ).toEqual(['manager', 'screener', 'screener']);
    const unknown = await manager.post(`/api/organizations/${setup.organizer.id}/organizer-members`, {
      identifier: 'nobody@example.cn',
      role: 'screener',
    });
    expect(unknown.json().error.fields).toEqual([
      { path: 'identifier', code: 'ACCOUNT_NOT_FOUND', message: '没有使用该邮箱或手机号的账号，请对方先注册' },
    ]);
    const removed = await manager.delete(`/api/organizations/${setup.organizer.id}/organizer-members/${newcomer.id}`);
    expect(removed.json().items.length).toBe(2);
    expect((await manager.get('/api/campaigns/mine')).json().items.map((c: { id: string }) => c.id)).toEqual([setup.campaign.id]);
    expect((await new Client(t.app).get('/api/campaigns/mine')).statusCode).toBe(401);
  });
});
