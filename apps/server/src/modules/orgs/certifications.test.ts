import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { SAMPLE } from '../../../test/multipart.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { users } from '../accounts/index.ts';

let t: TestApp;
let dataDir: string;
let hospital: { id: string; name: string };
beforeAll(async () => {
  // A files directory of its own, so that every stored blob can be matched to a `files` row.
  dataDir = mkdtempSync(path.join(tmpdir(), 'casearena-certs-'));
  t = await startTestApp({ dataDir });
  hospital = await buildOrganization(t, { name: '许昌市中心医院' });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Finished blobs only: `.part` files are storage's scratch, and diskStorage.put can still leave an empty one behind
// when it refuses a stream (its write stream may open the file after the cleanup ran), a platform issue.
const blobsOnDisk = () =>
  readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && !e.name.endsWith('.part'),
  ).length;

// Nothing half-written: whatever a request did, each blob on disk belongs to a recorded file and vice versa.
afterEach(async () => {
  expect(blobsOnDisk()).toBe((await t.app.ctx.db.select().from(files)).length);
});

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer };

/** A multipart/form-data body built by hand, parts in the order given (browsers put fields first). */
function formData(parts: Part[]) {
  const boundary = `----casearena-test-${parts.length}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'filename' in p
        ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream`
        : `Content-Disposition: form-data; name="${p.name}"`;
    chunks.push(
      Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`),
      'filename' in p ? p.content : Buffer.from(p.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const post = (c: Client, parts: Part[]) => c.request({ method: 'POST', url: '/api/certifications', ...formData(parts) });
const fieldParts = (fields: Record<string, string>): Part[] => Object.entries(fields).map(([name, value]) => ({ name, value }));
function upload(c: Client, fields: Record<string, string>, file?: { filename: string; content: Buffer }) {
  return post(c, [...fieldParts(fields), ...(file ? [{ name: 'file', ...file }] : [])]);
}
const licence = () => ({ filename: '医疗机构执业许可证.png', content: SAMPLE.png });
const institution = () => ({ kind: 'institution', organizationId: hospital.id });
const auditOf = (id: string) =>
  t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(asc(auditEvents.seq));

describe('S0-14 filing a certification request', () => {
  it('files a request with a licence image, audited, visible and downloadable by the applicant', async () => {
    const { client, user } = await signedInAs(t);
    const res = await upload(client, { ...institution(), note: '院办联系人' }, licence());
    expect(res.statusCode).toBe(201);
    const cert = res.json();
    expect(cert).toEqual({
      id: expect.any(String),
      kind: 'institution',
      status: 'pending',
      user: { id: user.id, name: user.name },
      organization: { id: hospital.id, name: '许昌市中心医院' },
      title: null,
      note: '院办联系人',
      decisionReason: null,
      file: { id: expect.any(String), name: '医疗机构执业许可证.png', size: SAMPLE.png.length, type: 'image/png' },
      createdAt: '2026-03-02T02:00:00.000Z',
      decidedAt: null,
      abilities: { withdraw: true, decide: 'FORBIDDEN' },
    });
    expect((await client.get('/api/certifications/mine')).json()).toEqual({ items: [cert] });
    const download = await client.get(`/api/certifications/${cert.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('医疗机构执业许可证.png')}`,
    );
    expect(download.rawPayload.equals(SAMPLE.png)).toBe(true);
    expect((await auditOf(cert.id)).map((e) => [e.kind, e.actorId, e.data])).toEqual([
      ['certification.requested', user.id, { kind: 'institution', organizationId: hospital.id }],
    ]);
  });

  it('accepts a PDF, judged by content, and fields sent after the file', async () => {
    const { client } = await signedInAs(t);
    const res = await post(client, [
      { name: 'file', filename: 'scan', content: SAMPLE.pdf },
      ...fieldParts({ kind: 'professional', organizationId: hospital.id, title: '主治医师' }),
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'professional',
      title: '主治医师',
      file: { name: 'scan', type: 'application/pdf' },
    });
  });

  it('refuses an .exe renamed .pdf, judged by content, and stores nothing', async () => {
    const { client } = await signedInAs(t);
    const res = await upload(client, institution(), { filename: 'licence.pdf', content: SAMPLE.exe });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toEqual({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: '文件类型不符合要求：只接受 PDF、PNG、JPG',
      params: { allowed: 'PDF、PNG、JPG' },
    });
  });

  it('refuses a file over 10 MB while it streams', async () => {
    const { client } = await signedInAs(t);
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(10 * 1024 * 1024, 1)]);
    const res = await upload(client, institution(), { filename: 'big.pdf', content: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'FILE_TOO_LARGE', message: '文件过大：不能超过 10 MB', params: { limit: '10 MB' } });
  });

  it('asks for the file, and explains bad fields before or after it', async () => {
    const { client } = await signedInAs(t);
    const none = await upload(client, institution());
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'FILE_REQUIRED']);
    const bad = await upload(client, { kind: 'vip', organizationId: 'nope' }, licence());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['kind', 'INVALID_CHOICE'],
      ['organizationId', 'INVALID'],
    ]);
    // Fields after the file are judged once it is stored; the blob is then removed again (see afterEach).
    const late = await post(client, [
      { name: 'file', ...licence() },
      ...fieldParts({ kind: 'vip', organizationId: hospital.id }),
    ]);
    expect(late.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['kind']);
    const unknownOrg = await upload(
      client,
      { kind: 'institution', organizationId: '00000000-0000-4000-8000-000000000000' },
      licence(),
    );
    expect(unknownOrg.json().error.fields).toEqual([
      { path: 'organizationId', code: 'INVALID_CHOICE', message: expect.any(String) },
    ]);
  });

  it('refuses a second file part and keeps neither', async () => {
    const { client } = await signedInAs(t);
    const res = await post(client, [
      ...fieldParts(institution()),
      { name: 'file', ...licence() },
      { name: 'file', ...licence() },
    ]);
    // @fastify/multipart's files limit (1) ends the stream; the platform error handler answers it generically.
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('allows one request under review per kind (ALREADY_PENDING), keeping no orphan file', async () => {
    const { client } = await signedInAs(t);
    const pro = { kind: 'professional', organizationId: hospital.id, title: '主治医师' };
    expect((await upload(client, pro, licence())).statusCode).toBe(201);
    const again = await upload(client, pro, licence());
    expect([again.statusCode, again.json().error]).toEqual([
      409,
      { code: 'ALREADY_PENDING', message: '您已有一条待审核的认证申请，请等待审核结果' },
    ]);
    expect((await upload(client, institution(), licence())).statusCode).toBe(201);
  });
});

describe('S0-14 reviewing certification requests', () => {
  it('approval makes the user a certified member of the organization and tells them', async () => {
    const { client, user } = await signedInAs(t);
    const cert = (await upload(client, institution(), licence())).json();
    const { client: staff, user: reviewer } = await signedInAs(t, 'staff');
    const queue = (await staff.get('/api/admin/certifications?status=pending&pageSize=100')).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(cert.id);
    expect(queue.total).toBe(queue.items.length);
    const reviewerDownload = await staff.get(`/api/certifications/${cert.id}/file`);
    expect(reviewerDownload.statusCode).toBe(200);
    t.clock.advance(60_000);
    const approved = await staff.post(`/api/admin/certifications/${cert.id}/approve`);
    expect(approved.json()).toEqual({
      ...cert,
      status: 'approved',
      decidedAt: '2026-03-02T02:01:00.000Z',
      abilities: { withdraw: 'FORBIDDEN', decide: 'WRONG_STATUS' },
    });
    const me = (await client.get('/api/me')).json().user;
    expect([me.certificationLevel, me.organization]).toEqual(['institution', { id: hospital.id, name: '许昌市中心医院' }]);
    expect(t.sent.at(-1)).toEqual({
      channel: 'email',
      to: user.email,
      subject: 'CaseArena 案例擂台：机构认证已通过',
      body: `${user.name}，您好：您的机构认证申请已通过审核。`,
    });
    const again = await staff.post(`/api/admin/certifications/${cert.id}/reject`, { reason: '重复审核' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const withdraw = await client.post(`/api/certifications/${cert.id}/withdraw`);
    expect([withdraw.statusCode, withdraw.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await auditOf(cert.id)).map((e) => [e.kind, e.actorId, e.data])).toEqual([
      ['certification.requested', user.id, { kind: 'institution', organizationId: hospital.id }],
      ['certification.approved', reviewer.id, { from: 'pending', to: 'approved' }],
    ]);
  });

  it('professional approval records the title; rejection gives the reason to the applicant', async () => {
    const { client, user } = await signedInAs(t);
    const pro = (
      await upload(client, { kind: 'professional', organizationId: hospital.id, title: '副主任医师' }, licence())
    ).json();
    const { client: admin, user: reviewer } = await signedInAs(t, 'admin');
    await admin.post(`/api/admin/certifications/${pro.id}/approve`);
    expect((await client.get('/api/me')).json().user).toMatchObject({ certificationLevel: 'professional', title: '副主任医师' });

    t.clock.advance(60_000);
    const inst = (await upload(client, institution(), licence())).json();
    const rejected = await admin.post(`/api/admin/certifications/${inst.id}/reject`, { reason: '执业许可证照片不清晰' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '执业许可证照片不清晰' });
    expect((await client.get('/api/certifications/mine')).json().items.map((c: { id: string }) => c.id)).toEqual([
      inst.id,
      pro.id,
    ]);
    expect((await client.get('/api/certifications/mine')).json().items[0].decisionReason).toBe('执业许可证照片不清晰');
    expect(t.sent.at(-1)).toEqual({
      channel: 'email',
      to: user.email,
      subject: 'CaseArena 案例擂台：机构认证未通过',
      body: `${user.name}，您好：您的机构认证申请未通过审核。原因：执业许可证照片不清晰。请修改后重新提交。`,
    });
    expect((await auditOf(inst.id)).at(-1)?.data).toEqual({ from: 'pending', to: 'rejected', reason: '执业许可证照片不清晰' });
    expect((await auditOf(inst.id)).at(-1)?.actorId).toBe(reviewer.id);
    expect((await client.get('/api/me')).json().user.certificationLevel).toBe('professional');
    const reapprove = await admin.post(`/api/admin/certifications/${inst.id}/approve`);
    expect([reapprove.statusCode, reapprove.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const noReason = await admin.post(
      `/api/admin/certifications/${(await upload(client, institution(), licence())).json().id}/reject`,
      {
        reason: '',
      },
    );
    expect(noReason.json().error.fields[0]).toMatchObject({ path: 'reason', code: 'TOO_SHORT' });
  });

  it('tells an applicant without an email address by SMS', async () => {
    const { client, user } = await signedInAs(t);
    await t.app.ctx.db.update(users).set({ email: null, phone: '13800138000' }).where(eq(users.id, user.id));
    const cert = (await upload(client, institution(), licence())).json();
    const { client: staff } = await signedInAs(t, 'staff');
    await staff.post(`/api/admin/certifications/${cert.id}/reject`, { reason: '单位名称与执照不符' });
    expect(t.sent.at(-1)).toMatchObject({ channel: 'sms', to: '13800138000', subject: 'CaseArena 案例擂台：机构认证未通过' });
  });

  it('lists the queue pending first, oldest first', async () => {
    const { client: staff } = await signedInAs(t, 'staff');
    const all = (await staff.get('/api/admin/certifications?pageSize=100')).json();
    const pendingFirst = all.items.map((c: { status: string }) => (c.status === 'pending' ? 0 : 1));
    expect(pendingFirst).toEqual([...pendingFirst].sort());
    const pendingDates = all.items
      .filter((c: { status: string }) => c.status === 'pending')
      .map((c: { createdAt: string }) => c.createdAt);
    expect(pendingDates).toEqual([...pendingDates].sort());
    const page = (await staff.get('/api/admin/certifications?page=2&pageSize=2')).json();
    expect([page.total, page.page, page.pageSize, page.items]).toEqual([all.total, 2, 2, all.items.slice(2, 4)]);
  });

  it('the applicant may withdraw a pending request, once; a reviewer may not withdraw it', async () => {
    const { client, user } = await signedInAs(t);
    const cert = (await upload(client, institution(), licence())).json();
    const { client: staff } = await signedInAs(t, 'staff');
    const byReviewer = await staff.post(`/api/certifications/${cert.id}/withdraw`);
    expect([byReviewer.statusCode, byReviewer.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const sentBefore = t.sent.length;
    expect((await client.post(`/api/certifications/${cert.id}/withdraw`)).json()).toMatchObject({ status: 'withdrawn' });
    expect(t.sent).toHaveLength(sentBefore);
    expect((await client.post(`/api/certifications/${cert.id}/withdraw`)).statusCode).toBe(409);
    const decide = await staff.post(`/api/admin/certifications/${cert.id}/approve`);
    expect([decide.statusCode, decide.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await auditOf(cert.id)).map((e) => [e.kind, e.actorId, e.data])).toEqual([
      ['certification.requested', user.id, { kind: 'institution', organizationId: hospital.id }],
      ['certification.withdrawn', user.id, { from: 'pending', to: 'withdrawn' }],
    ]);
    expect((await upload(client, institution(), licence())).statusCode).toBe(201);
  });

  it('permissions: strangers see nothing, users cannot review, anonymous must sign in', async () => {
    const { client: owner } = await signedInAs(t);
    const cert = (await upload(owner, institution(), licence())).json();
    const { client: stranger } = await signedInAs(t);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const res of [
      await stranger.get(`/api/certifications/${cert.id}/file`),
      await stranger.post(`/api/certifications/${cert.id}/withdraw`),
      await owner.get(`/api/certifications/${missing}/file`),
      await (await signedInAs(t, 'staff')).client.post(`/api/admin/certifications/${missing}/approve`),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await stranger.get('/api/certifications/mine')).json()).toEqual({ items: [] });
    for (const res of [
      await stranger.get('/api/admin/certifications'),
      await stranger.get('/api/admin/certifications?status=bogus'),
      await stranger.post(`/api/admin/certifications/${cert.id}/approve`),
      await owner.post(`/api/admin/certifications/${cert.id}/approve`),
      await owner.post(`/api/admin/certifications/${cert.id}/reject`, {}),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const anon = new Client(t.app);
    for (const res of [
      await anon.get('/api/certifications/mine'),
      await anon.get(`/api/certifications/${cert.id}/file`),
      await anon.post(`/api/certifications/${cert.id}/withdraw`),
      await anon.get('/api/admin/certifications'),
      await anon.post(`/api/admin/certifications/${cert.id}/approve`),
      await upload(anon, institution(), licence()),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await owner.get('/api/certifications/mine')).json().items[0].status).toBe('pending');
  });
});
