import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { completeEntry, applicantOf as memberOf } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

let t: TestApp;
let campaign: { id: string; themes: Array<{ id: string; code: string }> };
let hospital: { id: string };

/** An applicant made a member of the organization by platform staff (test/entries.ts). */
const applicantOf = (orgId: string) => memberOf(t, orgId);

beforeAll(async () => {
  t = await startTestApp();
  const organizer = await buildOrganization(t, { name: '健康界', kind: 'media', level: null, grade: null });
  hospital = await buildOrganization(t, { name: '许昌市中心医院' });
  const { client: staff } = await signedInAs(t, 'staff');
  const created = (await staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  campaign = (await staff.post(`/api/campaigns/${created.id}/publish`)).json();
  t.clock.set('2022-01-10T02:00:00.000Z'); // during submission (2021-12-01 .. 2022-03-15, Shanghai)
});
afterAll(() => t.close());

const theme = (i: number) => campaign.themes[i]?.id ?? '';
const newEntry = (c: Client, i: number, extra: object = {}) =>
  c.post(`/api/campaigns/${campaign.id}/entries`, { themeId: theme(i), title: '老年患者一站式出入院服务', ...extra });

describe('entries: drafts, saves and submission', () => {
  it('creates a draft for the applicant’s organization, audited', async () => {
    const { client, user } = await applicantOf(hospital.id);
    const res = await newEntry(client, 0, { summary: '背景：老年患者出入院手续繁琐。' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      version: 1,
      number: null,
      organization: { name: '许昌市中心医院' },
      theme: { code: 'T01' },
    });
    const [event] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, res.json().id));
    expect([event?.kind, event?.actorId]).toEqual(['entry.created', user.id]);
  });

  it('S0-6 one entry per hospital per theme; a branch may enter on its own', async () => {
    const { client } = await applicantOf(hospital.id);
    const again = await newEntry(client, 0);
    expect([again.statusCode, again.json().error.message]).toEqual([
      409,
      '贵单位已在该主题申报过案例：每家医院每个主题限报一个（分院可单独申报）',
    ]);
    expect((await newEntry(client, 1)).statusCode).toBe(201);
    const branch = await buildOrganization(t, { name: '许昌市中心医院东院区', parentId: hospital.id });
    const { client: branchClient } = await applicantOf(branch.id);
    expect((await newEntry(branchClient, 0)).statusCode).toBe(201);
  });

  it('asks for an organization first', async () => {
    const { client } = await signedInAs(t);
    const res = await newEntry(client, 2);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'ORGANIZATION_REQUIRED']);
  });

  it('X-6 refuses a stale save and keeps every version', async () => {
    const org = await buildOrganization(t);
    const { client } = await applicantOf(org.id);
    const entry = (await newEntry(client, 3)).json();
    const first = await client.patch(`/api/entries/${entry.id}`, { version: 1, summary: '第一版' });
    expect(first.json()).toMatchObject({ version: 2, summary: '第一版' });
    const stale = await client.patch(`/api/entries/${entry.id}`, { version: 1, summary: '另一个窗口的旧稿' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({
      code: 'STALE_VERSION',
      message: '内容已被他人或其他窗口修改，请比较后再保存',
      params: { current: 2, yours: 1 },
    });
    expect((await client.get(`/api/entries/${entry.id}`)).json().summary).toBe('第一版');
  });

  it('X-5 counts Chinese characters, not whitespace, and names the count', async () => {
    const org = await buildOrganization(t);
    const { client } = await applicantOf(org.id);
    const entry = (await newEntry(client, 4)).json();
    const ok = await client.patch(`/api/entries/${entry.id}`, { version: 1, summary: `${'字'.repeat(600)}\n\n   ` });
    expect(ok.statusCode).toBe(200);
    const long = await client.patch(`/api/entries/${entry.id}`, { version: 2, summary: '字'.repeat(601) });
    expect(long.json().error.fields).toEqual([
      { path: 'summary', code: 'CJK_TOO_LONG', params: { max: 600, count: 601 }, message: '不能超过 600 字（当前 601 字）' },
    ]);
  });

  it('S0-9 submits with consent and numbers entries per theme: 2022-T06-0001, 0002', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const org = await buildOrganization(t);
      const { client } = await applicantOf(org.id);
      const entry = (await newEntry(client, 5)).json();
      const version = await completeEntry(client, entry.id);
      const noConsent = await client.post(`/api/entries/${entry.id}/submit`, { version });
      expect(noConsent.statusCode).toBe(400);
      const res = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
      expect(res.json()).toMatchObject({ status: 'submitted', submittedAt: '2022-01-10T02:00:00.000Z' });
      numbers.push(res.json().number);
      const edit = await client.patch(`/api/entries/${entry.id}`, { version, title: '改' });
      expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    }
    expect(numbers).toEqual(['2022-T06-0001', '2022-T06-0002']);
  });

  it('S0-7 refuses a submission after the deadline, Asia/Shanghai', async () => {
    t.clock.set('2022-03-15T15:00:00.000Z'); // 23:00 on the last day
    const org = await buildOrganization(t);
    const { client } = await applicantOf(org.id);
    const entry = (await newEntry(client, 6)).json();
    t.clock.set('2022-03-15T15:59:59.000Z'); // 23:59:59 on 15 March in Shanghai: still open
    const lastSecond = await client.patch(`/api/entries/${entry.id}`, { version: 1, title: '最后一刻的修改' });
    expect(lastSecond.statusCode).toBe(200);
    t.clock.set('2022-03-15T16:00:01.000Z'); // 00:00:01 on 16 March in Shanghai
    const late = await client.post(`/api/entries/${entry.id}/submit`, { version: 2, consent: true });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('当前不在申报时间内（申报截止：2022-03-15 23:59，北京时间）');
    expect((await newEntry(client, 7)).json().error.code).toBe('PHASE_CLOSED');
    t.clock.set('2022-01-10T02:00:00.000Z');
  });

  it('permissions: another organization sees nothing; staff may look; my entries lists my organization’s', async () => {
    const org = await buildOrganization(t);
    const { client: owner } = await applicantOf(org.id);
    const entry = (await newEntry(owner, 8)).json();
    const { client: stranger } = await applicantOf((await buildOrganization(t)).id);
    expect((await stranger.get(`/api/entries/${entry.id}`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/entries/${entry.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    const { client: staff } = await signedInAs(t, 'staff');
    expect((await staff.get(`/api/entries/${entry.id}`)).statusCode).toBe(200);
    expect((await staff.patch(`/api/entries/${entry.id}`, { version: 1, title: 'x' })).statusCode).toBe(403);
    expect((await new Client(t.app).get(`/api/entries/${entry.id}`)).statusCode).toBe(401);
    expect((await owner.get('/api/entries/mine')).json().items.map((e: { id: string }) => e.id)).toEqual([entry.id]);
  });
});
