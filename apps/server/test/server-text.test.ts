import { desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/platform/outbox/outbox.tables.ts';
import { type Client, startTestApp, type TestApp } from './app.ts';
import { applicantOf, completeEntry, publishedCampaign, uploadFile } from './entries.ts';
import { buildOrganization, signedInAs } from './factories.ts';
import { multipart, SAMPLE } from './multipart.ts';

/**
 * Issue 8 item 6: server-written text is rendered from the notice templates (packages/contract/src/notices.ts) in
 * the recipient's language, and an interpolated reason never doubles its full stop.
 */
let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // Monday, during submission (2021-12-01 .. 2022-03-15)
  setup = await publishedCampaign(t);
});
afterAll(() => t.close());
afterEach(() => t.clock.set('2022-01-10T02:00:00.000Z'));

/** The newest outbox row addressed to `recipient`: what is stored is what will be sent. */
async function lastMessageTo(recipient: string) {
  const [row] = await t.app.ctx.db
    .select({ channel: outbox.channel, subject: outbox.subject, body: outbox.body })
    .from(outbox)
    .where(eq(outbox.recipient, recipient))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return row;
}

async function setLocale(client: Client, locale: 'zh-CN' | 'en') {
  const res = await client.patch('/api/me', { locale });
  expect([res.statusCode, res.json().user.locale]).toEqual([200, locale]);
}

async function requestCertification(client: Client, organizationId: string) {
  const res = await client.request({
    method: 'POST',
    url: '/api/certifications',
    ...multipart({ kind: 'institution', organizationId }, [{ name: 'file', filename: '执业许可证.png', content: SAMPLE.png }]),
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

async function submittedEntry() {
  const { client, user } = await applicantOf(t, (await buildOrganization(t)).id);
  const theme = setup.campaign.themes[themeIndex++]?.id ?? '';
  const entry = (
    await client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId: theme, title: '急诊胸痛一体化救治' })
  ).json();
  const version = await completeEntry(client, entry.id);
  const res = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
  if (res.statusCode !== 200) throw new Error(`submit failed: ${res.body}`);
  return { client, user, entry: res.json() as { id: string; number: string } };
}

describe('server text in the recipient’s language (issue 8 item 6)', () => {
  it('S0-14 a rejection whose reason ends with 。 is mailed with exactly one 。 (zh-CN), and in English to an en user', async () => {
    const hospital = await buildOrganization(t, { name: '许昌市中心医院' });
    const { client: admin } = await signedInAs(t, 'admin');

    const { client: zh, user: zhUser } = await signedInAs(t);
    const zhCert = await requestCertification(zh, hospital.id);
    const res = await admin.post(`/api/admin/certifications/${zhCert.id}/reject`, { reason: '执业许可证照片不清晰。' });
    expect(res.statusCode).toBe(200);
    expect(await lastMessageTo(zhUser.email)).toEqual({
      channel: 'email',
      subject: 'CaseArena 案例擂台：机构认证未通过',
      body: `${zhUser.name}，您好：您的机构认证申请未通过审核。原因：执业许可证照片不清晰。请修改后重新提交。`,
    });

    const { client: en, user: enUser } = await signedInAs(t);
    await setLocale(en, 'en');
    const enCert = await requestCertification(en, hospital.id);
    await admin.post(`/api/admin/certifications/${enCert.id}/reject`, { reason: 'The licence photo is blurred.' });
    expect(await lastMessageTo(enUser.email)).toEqual({
      channel: 'email',
      subject: 'CaseArena: Institution certification not approved',
      body: `Hello ${enUser.name}, your request for institution certification was not approved. Reason: The licence photo is blurred. Please correct it and submit it again.`,
    });

    const approved = await requestCertification(en, hospital.id);
    await admin.post(`/api/admin/certifications/${approved.id}/approve`);
    expect((await lastMessageTo(enUser.email))?.subject).toBe('CaseArena: Institution certification approved');
  });

  it('a password reset code is mailed in the account’s saved language', async () => {
    const { client, user } = await signedInAs(t);
    await setLocale(client, 'en');
    const res = await client.post('/api/auth/password-reset/request', { identifier: user.email });
    expect(res.statusCode).toBe(202);
    const msg = await lastMessageTo(user.email);
    expect(msg?.subject).toBe('CaseArena: Password reset code');
    expect(msg?.body).toMatch(/^Your code is \d{6}; it is valid for 15 minutes\. Ignore this if you did not ask\.$/);
  });

  it('S0-8 a returned entry: the en author gets an English mail; the bell follows the reader’s language', async () => {
    const { client, user, entry } = await submittedEntry();
    await setLocale(client, 'en');
    const res = await setup.staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: 'PPT 缺少量化效果。',
      suggestions: '补充效果数据。',
      correctionDeadline: '2022-01-20',
    });
    expect(res.statusCode).toBe(200);
    expect(await lastMessageTo(user.email)).toEqual({
      channel: 'email',
      subject: 'CaseArena: Case returned for correction',
      body: `Your case “急诊胸痛一体化救治” (${entry.number}) needs changes: PPT 缺少量化效果. Suggestions: 补充效果数据. Please correct it and submit it again before 2022-01-20 23:59 (Beijing time).`,
    });

    // The stored template is rendered when read: in the language on the reader's screen, else the profile's.
    const en = (await client.get('/api/notifications')).json().items[0];
    expect([en.title, en.template, en.params.reasons]).toEqual([
      'Case returned for correction',
      'entry.returned',
      'PPT 缺少量化效果。',
    ]);
    const zh = (await client.get('/api/notifications', { 'accept-language': 'zh-CN,zh;q=0.9' })).json().items[0];
    expect([zh.title, zh.body]).toEqual([
      '案例退回修改',
      `您申报的案例“急诊胸痛一体化救治”（${entry.number}）需要修改：PPT 缺少量化效果。修改建议：补充效果数据。请在 2022-01-20 23:59（北京时间）前修改并重新提交。`,
    ]);
  });

  it('S0-8 an excluded entry’s reason ending in 。 reads one 。 in the zh-CN mail', async () => {
    const { user, entry } = await submittedEntry();
    await setup.staff.post(`/api/entries/${entry.id}/screening`, { decision: 'exclude', reasons: '与主题无关。' });
    expect(await lastMessageTo(user.email)).toEqual({
      channel: 'email',
      subject: 'CaseArena 案例擂台：案例未通过审核',
      body: `您申报的案例“急诊胸痛一体化救治”（${entry.number}）未通过审核：与主题无关。`,
    });
  });

  it('S0-1 NOT_ELIGIBLE names the rule in English for an en applicant', async () => {
    const county = await buildOrganization(t, { name: '禹州市人民医院文本', regionCode: '411081', isCountyLevel: true });
    const { client } = await applicantOf(t, county.id);
    await setLocale(client, 'en');
    const res = await client.post(`/api/campaigns/${setup.campaign.id}/entries`, {
      themeId: setup.campaign.themes[9]?.id,
      title: '急诊胸痛一体化救治',
    });
    expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
      409,
      'NOT_ELIGIBLE',
      'Your organization is not eligible: the call is for prefecture-level institutions and above; county-level institutions may not enter',
    ]);
  });

  it('S0-4 a Word file in the PPT slot is refused with the reason in English for an en applicant', async () => {
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    await setLocale(client, 'en');
    const theme = setup.campaign.themes[themeIndex++]?.id ?? '';
    const entry = (
      await client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId: theme, title: '日间手术中心建设' })
    ).json();
    const JSZip = (await import('jszip')).default;
    const docx = new JSZip();
    docx.file(
      '[Content_Types].xml',
      '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    docx.file('word/document.xml', '<w:document/>');
    const res = await uploadFile(client, entry.id, 'ppt', await docx.generateAsync({ type: 'nodebuffer' }), 'case.pptx');
    expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
      422,
      'FILE_CONTENT_INVALID',
      'The file is not a valid PPTX / PPT: this is a Word document, not a presentation',
    ]);
  });
});
