import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { multipart, SAMPLE } from '../../../test/multipart.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { files } from '../../platform/storage/storage.tables.ts';

let t: TestApp;
let hospital: { id: string; name: string };
beforeAll(async () => {
  t = await startTestApp();
  hospital = await buildOrganization(t, { name: '许昌市中心医院' });
});
afterAll(() => t.close());

function upload(c: Client, fields: Record<string, string>, file?: { filename: string; content: Buffer }) {
  const body = multipart(fields, file ? [{ name: 'file', ...file }] : []);
  return c.request({ method: 'POST', url: '/api/certifications', payload: body.payload, headers: body.headers });
}
const licence = () => ({ filename: '医疗机构执业许可证.png', content: SAMPLE.png });

describe('S0-14 institution and professional certification', () => {
  it('files a request with a licence image, audited, visible to the applicant', async () => {
    const { client, user } = await signedInAs(t);
    const res = await upload(client, { kind: 'institution', organizationId: hospital.id, note: '院办联系人' }, licence());
    expect(res.statusCode).toBe(201);
    const cert = res.json();
    expect(cert).toMatchObject({
      kind: 'institution',
      status: 'pending',
      user: { id: user.id },
      organization: { id: hospital.id, name: '许昌市中心医院' },
      note: '院办联系人',
      decisionReason: null,
      file: { name: '医疗机构执业许可证.png', size: SAMPLE.png.length, type: 'image/png' },
    });
    expect((await client.get('/api/certifications/mine')).json().items.map((c: { id: string }) => c.id)).toEqual([cert.id]);
    const download = await client.get(`/api/certifications/${cert.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(SAMPLE.png)).toBe(true);
    const [event] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, cert.id));
    expect([event?.kind, event?.actorId, event?.data]).toEqual([
      'certification.requested',
      user.id,
      { kind: 'institution', organizationId: hospital.id },
    ]);
  });

  it('refuses an .exe renamed .pdf, judged by content, and stores nothing', async () => {
    const { client } = await signedInAs(t);
    const before = await t.app.ctx.db.select().from(files);
    const res = await upload(
      client,
      { kind: 'institution', organizationId: hospital.id },
      { filename: 'licence.pdf', content: SAMPLE.exe },
    );
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toEqual({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: '文件类型不符合要求：只接受 PDF、PNG、JPG',
      params: { allowed: 'PDF、PNG、JPG' },
    });
    expect(await t.app.ctx.db.select().from(files)).toHaveLength(before.length);
  });

  it('refuses a file over 10 MB while it streams', async () => {
    const { client } = await signedInAs(t);
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(10 * 1024 * 1024, 1)]);
    const res = await upload(client, { kind: 'institution', organizationId: hospital.id }, { filename: 'big.pdf', content: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(res.json().error.message).toBe('文件过大：不能超过 10 MB');
  });

  it('asks for the file, and explains bad fields', async () => {
    const { client } = await signedInAs(t);
    const none = await upload(client, { kind: 'institution', organizationId: hospital.id });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'FILE_REQUIRED']);
    const bad = await upload(client, { kind: 'vip', organizationId: 'nope' }, licence());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['kind', 'INVALID_CHOICE'],
      ['organizationId', 'INVALID'],
    ]);
  });

  it('allows one request under review per kind (ALREADY_PENDING)', async () => {
    const { client } = await signedInAs(t);
    expect(
      (await upload(client, { kind: 'professional', organizationId: hospital.id, title: '主治医师' }, licence())).statusCode,
    ).toBe(201);
    const again = await upload(client, { kind: 'professional', organizationId: hospital.id }, licence());
    expect([again.statusCode, again.json().error.message]).toEqual([409, '您已有一条待审核的认证申请，请等待审核结果']);
    expect((await upload(client, { kind: 'institution', organizationId: hospital.id }, licence())).statusCode).toBe(201);
  });

  it('approval makes the user a certified member of the organization and tells them', async () => {
    const { client, user } = await signedInAs(t);
    const cert = (await upload(client, { kind: 'institution', organizationId: hospital.id }, licence())).json();
    const { client: staff, user: reviewer } = await signedInAs(t, 'staff');
    const queue = (await staff.get('/api/admin/certifications?status=pending')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(cert.id);
    const approved = await staff.post(`/api/admin/certifications/${cert.id}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
    const me = (await client.get('/api/me')).json().user;
    expect([me.certificationLevel, me.organization]).toEqual(['institution', { id: hospital.id, name: '许昌市中心医院' }]);
    expect(t.sent.at(-1)).toMatchObject({ channel: 'email', to: user.email, subject: 'CaseArena 案例擂台：机构认证已通过' });
    const again = await staff.post(`/api/admin/certifications/${cert.id}/reject`, { reason: '重复审核' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const events = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, cert.id));
    expect(events.map((e) => [e.kind, e.actorId])).toEqual([
      ['certification.requested', user.id],
      ['certification.approved', reviewer.id],
    ]);
  });

  it('professional approval records the title; rejection gives the reason to the applicant', async () => {
    const { client } = await signedInAs(t);
    const pro = (
      await upload(client, { kind: 'professional', organizationId: hospital.id, title: '副主任医师' }, licence())
    ).json();
    const { client: admin } = await signedInAs(t, 'admin');
    await admin.post(`/api/admin/certifications/${pro.id}/approve`);
    expect((await client.get('/api/me')).json().user).toMatchObject({ certificationLevel: 'professional', title: '副主任医师' });

    t.clock.advance(60_000);
    const inst = (await upload(client, { kind: 'institution', organizationId: hospital.id }, licence())).json();
    const rejected = await admin.post(`/api/admin/certifications/${inst.id}/reject`, { reason: '执业许可证照片不清晰' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '执业许可证照片不清晰' });
    expect((await client.get('/api/certifications/mine')).json().items[0]).toMatchObject({
      id: inst.id,
      decisionReason: '执业许可证照片不清晰',
    });
    expect(t.sent.at(-1)?.body).toContain('原因：执业许可证照片不清晰');
    const noReason = await admin.post(`/api/admin/certifications/${inst.id}/reject`, { reason: '' });
    expect(noReason.json().error.fields[0]).toMatchObject({ path: 'reason', code: 'TOO_SHORT' });
  });

  it('the applicant may withdraw a pending request, once', async () => {
    const { client } = await signedInAs(t);
    const cert = (await upload(client, { kind: 'institution', organizationId: hospital.id }, licence())).json();
    expect((await client.post(`/api/certifications/${cert.id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await client.post(`/api/certifications/${cert.id}/withdraw`)).statusCode).toBe(409);
  });

  it('permissions: strangers see nothing, users cannot review, anonymous must sign in', async () => {
    const { client: owner } = await signedInAs(t);
    const cert = (await upload(owner, { kind: 'institution', organizationId: hospital.id }, licence())).json();
    const { client: stranger } = await signedInAs(t);
    for (const res of [
      await stranger.get(`/api/certifications/${cert.id}/file`),
      await stranger.post(`/api/certifications/${cert.id}/withdraw`),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
    }
    for (const res of [
      await stranger.get('/api/admin/certifications'),
      await stranger.post(`/api/admin/certifications/${cert.id}/approve`),
      await owner.post(`/api/admin/certifications/${cert.id}/approve`),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const anon = new Client(t.app);
    expect((await anon.get('/api/certifications/mine')).statusCode).toBe(401);
    expect((await upload(anon, { kind: 'institution', organizationId: hospital.id }, licence())).statusCode).toBe(401);
  });
});
