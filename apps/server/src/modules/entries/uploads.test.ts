import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, buildPptx, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { buildMp4 } from '../../../test/mp4s.ts';
import { createUpload, headUpload, offsetOf, patchUpload, TUS, uploadFile } from '../../../test/tus.ts';
import { uploads } from './entries.tables.ts';
import { expireAbandonedUploads } from './uploads.ts';

let t: TestApp;
let dataDir: string;
let campaignId: string;
let themeIds: string[];
let themeIndex = 0;

beforeAll(async () => {
  // A files directory of its own: the tests look at what the upload store keeps on disk.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-uploads-'));
  t = await startTestApp({ dataDir });
  t.clock.set('2022-01-10T02:00:00.000Z'); // during submission
  const setup = await publishedCampaign(t);
  campaignId = setup.campaign.id;
  themeIds = setup.campaign.themes.map((th) => th.id);
}, 180_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

/** A draft entry of a fresh hospital and its applicant's client. */
async function draft(): Promise<{ client: Client; entryId: string }> {
  const org = await buildOrganization(t);
  const { client } = await applicantOf(t, org.id);
  const entry = (
    await client.post(`/api/campaigns/${campaignId}/entries`, { themeId: themeIds[themeIndex++ % 10], title: '日间手术中心建设' })
  ).json();
  return { client, entryId: entry.id };
}

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const storedBytes = (id: string) => path.join(dataDir, 'files', 'uploads', id);
const idOf = (location: string) => location.split('/').pop() as string;

describe('attachments by the tus protocol (S0-4, S0-5, X-6)', () => {
  it('S0-4 takes a PPTX in chunks and reports slides, the copyright page and animated slides', async () => {
    const { client, entryId } = await draft();
    const ppt = await buildPptx({ slides: 17, animated: 2 });
    const created = await createUpload(client, { entryId, slot: 'ppt', filename: '案例.pptx', size: ppt.length });
    expect([created.statusCode, created.headers['tus-resumable']]).toEqual([201, '1.0.0']);
    expect(created.headers.location).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
    const url = created.headers.location as string;
    const first = await patchUpload(client, url, ppt.subarray(0, 1024), 0);
    expect([first.statusCode, offsetOf(first)]).toEqual([204, 1024]);
    const done = await patchUpload(client, url, ppt.subarray(1024), 1024);
    expect([done.statusCode, offsetOf(done)]).toEqual([200, ppt.length]);
    expect(done.json()).toMatchObject({ complete: true, offset: ppt.length, size: ppt.length });
    const entry = (await client.get(`/api/entries/${entryId}`)).json();
    expect(entry.attachments).toEqual([
      expect.objectContaining({
        slot: 'ppt',
        name: '案例.pptx',
        size: ppt.length,
        type: 'application/zip',
        pptx: { slides: 17, copyrightPage: true, animatedSlides: 2 },
      }),
    ]);
    const file = await client.get(`/api/files/${entry.attachments[0].fileId}`);
    expect([file.statusCode, file.rawPayload.equals(ppt)]).toEqual([200, true]);
    // The bytes moved from the upload store into storage: nothing of the upload is left behind.
    expect(fs.existsSync(storedBytes(idOf(url)))).toBe(false);
    // After the finish, HEAD still answers the whole length, so a client that lost the last answer is done too.
    const head = await headUpload(client, url);
    expect([head.statusCode, offsetOf(head), head.headers['upload-length']]).toEqual([200, ppt.length, String(ppt.length)]);
  });

  it('X-6 a connection dropped mid-chunk: HEAD gives the offset the store holds, and the resumed file is exact', async () => {
    const { client, entryId } = await draft();
    // A presentation with a picture that does not compress, so the file is big enough to cut in the middle.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await buildPptx({ slides: 30 }));
    zip.file('ppt/media/image1.png', randomBytes(400_000));
    const ppt = await zip.generateAsync({ type: 'nodebuffer' });
    const url = (await createUpload(client, { entryId, slot: 'ppt', filename: 'big.pptx', size: ppt.length })).headers
      .location as string;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // A PATCH announcing the whole file, of which 100 kB are sent before the connection dies.
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'PATCH',
      path: url,
      headers: {
        ...TUS,
        cookie: `ca_session=${client.cookie('ca_session')}; ca_csrf=${client.cookie('ca_csrf')}`,
        'x-csrf-token': client.cookie('ca_csrf') as string,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'content-length': String(ppt.length),
      },
    });
    req.on('error', () => undefined);
    req.write(ppt.subarray(0, 100_000));
    // Waits for a condition, not for time: the store has those bytes on disk.
    for (
      let i = 0;
      i < 600 && (fs.existsSync(storedBytes(idOf(url))) ? fs.statSync(storedBytes(idOf(url))).size : 0) < 100_000;
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    const head = await headUpload(client, url);
    const held = offsetOf(head);
    expect([head.statusCode, held, held === fs.statSync(storedBytes(idOf(url))).size]).toEqual([200, 100_000, true]);
    // A client that resends from 0 is told where the server stands.
    const wrong = await patchUpload(client, url, ppt.subarray(0, 1000), 0);
    expect([wrong.statusCode, wrong.json().error.code, wrong.json().error.params]).toEqual([
      409,
      'UPLOAD_OFFSET_MISMATCH',
      { offset: held },
    ]);
    const rest = await patchUpload(client, url, ppt.subarray(held), held);
    expect(rest.json()).toMatchObject({ complete: true, attachment: { slot: 'ppt', pptx: { slides: 30 } } });
    const file = await client.get(`/api/files/${rest.json().attachment.fileId}`);
    expect(sha(file.rawPayload)).toBe(sha(ppt));
    // Another user can neither see nor continue someone's upload.
    const { client: stranger } = await applicantOf(t, (await buildOrganization(t)).id);
    expect((await headUpload(stranger, url)).statusCode).toBe(404);
    expect((await patchUpload(stranger, url, Buffer.from('x'), held)).statusCode).toBe(404);
  }, 120_000);

  it('refuses an .exe renamed .pptx on its first PATCH with 415 and a zh-CN message, and keeps nothing of it', async () => {
    const { client, entryId } = await draft();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200_000, 1)]);
    const url = (await createUpload(client, { entryId, slot: 'ppt', filename: '案例.pptx', size: exe.length })).headers
      .location as string;
    const res = await patchUpload(client, url, exe, 0);
    expect([res.statusCode, res.json().error.message]).toEqual([415, '文件类型不符合要求：只接受 PPTX、PPT']);
    expect(fs.existsSync(storedBytes(idOf(url)))).toBe(false);
    expect((await headUpload(client, url)).statusCode).toBe(404);
  });

  it('S0-4 refuses a Word file or a renamed ZIP in the PPT slot by looking inside when the last byte arrives', async () => {
    const { client, entryId } = await draft();
    const JSZip = (await import('jszip')).default;
    const docx = new JSZip();
    docx.file(
      '[Content_Types].xml',
      '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    docx.file('word/document.xml', '<w:document/>');
    const res = await uploadFile(client, entryId, 'ppt', await docx.generateAsync({ type: 'nodebuffer' }), '案例.pptx');
    expect([res.statusCode, res.json().error.code, res.json().error.message]).toEqual([
      422,
      'FILE_CONTENT_INVALID',
      '文件内容无法识别为 PPTX、PPT：这是 Word 文档，不是演示文稿',
    ]);
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plain = await uploadFile(client, entryId, 'ppt', await zip.generateAsync({ type: 'nodebuffer' }), '案例.pptx');
    expect([plain.statusCode, plain.json().error.code]).toEqual([422, 'FILE_CONTENT_INVALID']);
    expect((await client.get(`/api/entries/${entryId}`)).json().attachments).toEqual([]);
  });

  it('S0-4 S0-5 refuses a file over the slot’s limit before a byte is sent, and bytes past the declared length', async () => {
    const { client, entryId } = await draft();
    const big = await createUpload(client, { entryId, slot: 'ppt', filename: '案例.pptx', size: 30 * MB + 1 });
    expect([big.statusCode, big.json().error.message]).toEqual([413, '文件过大：不能超过 30 MB']);
    const video = await createUpload(client, { entryId, slot: 'video', filename: '短视频.mp4', size: 700 * MB + 1 });
    expect([video.statusCode, video.json().error.message]).toEqual([413, '文件过大：不能超过 700 MB']);
    const empty = await createUpload(client, { entryId, slot: 'ppt', filename: '案例.pptx', size: 0 });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'FILE_REQUIRED']);
    // A 700 MB video may start; its bytes are held to the declared length as they stream.
    const ok = await createUpload(client, { entryId, slot: 'video', filename: '短视频.mp4', size: 700 * MB });
    expect(ok.statusCode).toBe(201);
    // Declared 1,000 bytes, sent 5,000: refused, nothing of the request kept.
    const small = (await createUpload(client, { entryId, slot: 'ppt', filename: 'a.pptx', size: 1000 })).headers
      .location as string;
    const over = await patchUpload(client, small, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4996)]), 0);
    expect([over.statusCode, over.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(offsetOf(await headUpload(client, small))).toBe(0);
  });

  it('S0-5 takes an MP4 in the video slot and refuses it in the PPT slot', async () => {
    const { client, entryId } = await draft();
    const mp4 = buildMp4({ width: 1920, height: 1080, seconds: 60 });
    expect((await uploadFile(client, entryId, 'video', mp4, '短视频.mp4')).json()).toMatchObject({
      complete: true,
      attachment: { slot: 'video', type: 'video/mp4', pptx: null },
    });
    const wrong = await uploadFile(client, entryId, 'ppt', mp4, '案例.pptx');
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
  });

  it('only the entry’s editor creates uploads, only while it can be edited; a slot the form lacks is refused', async () => {
    const { client, entryId } = await draft();
    const { client: stranger } = await applicantOf(t, (await buildOrganization(t)).id);
    const foreign = await createUpload(stranger, { entryId, slot: 'ppt', filename: 'a.pptx', size: 10 });
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const noSlot = await createUpload(client, { entryId, slot: 'poster', filename: 'a.pdf', size: 10 });
    expect([noSlot.statusCode, noSlot.json().error.fields]).toEqual([
      400,
      [{ path: 'slot', code: 'INVALID_CHOICE', message: '请选择有效的选项' }],
    ]);
    const noMeta = await client.request({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '10' } });
    expect([noMeta.statusCode, noMeta.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { ...TUS, 'upload-length': '10' } });
    expect(anonymous.statusCode).toBe(403); // CSRF first: a request without the double-submit token
    // Once the entry is withdrawn it can no longer take files.
    const current = (await client.get(`/api/entries/${entryId}`)).json();
    expect((await client.post(`/api/entries/${entryId}/withdraw`, { reason: '重复申报' })).statusCode).toBe(200);
    const late = await createUpload(client, { entryId, slot: 'ppt', filename: 'a.pptx', size: 10 });
    expect([late.statusCode, late.json().error.code, current.status]).toEqual([409, 'WRONG_STATUS', 'draft']);
  });

  it(`caps an entry at 3 unfinished uploads; a day later the abandoned ones are dropped with their bytes`, async () => {
    const { client, entryId } = await draft();
    const pdfHead = Buffer.from('PK\u0003\u0004 partial zip bytes');
    const urls: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await createUpload(client, { entryId, slot: 'ppt', filename: `v${i}.pptx`, size: 5000 });
      expect(res.statusCode).toBe(201);
      urls.push(res.headers.location as string);
    }
    await patchUpload(client, urls[0] as string, pdfHead, 0);
    expect(fs.existsSync(storedBytes(idOf(urls[0] as string)))).toBe(true);
    const fourth = await createUpload(client, { entryId, slot: 'ppt', filename: 'v3.pptx', size: 5000 });
    expect([fourth.statusCode, fourth.json().error.code, fourth.json().error.params]).toEqual([
      409,
      'UPLOADS_OPEN_LIMIT',
      { max: 3 },
    ]);
    // Cancelling one (tus termination) frees a place.
    expect((await client.request({ method: 'DELETE', url: urls[2] as string, headers: TUS })).statusCode).toBe(204);
    const freed = await createUpload(client, { entryId, slot: 'ppt', filename: 'v4.pptx', size: 5000 });
    expect(freed.statusCode).toBe(201);
    urls.push(freed.headers.location as string);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    try {
      // Every unfinished upload of this file's tests was started at the same instant, a day and a second ago.
      const unfinished = await t.app.ctx.db.select({ id: uploads.id }).from(uploads).where(isNull(uploads.fileId));
      expect(unfinished.map((u) => u.id)).toEqual(
        expect.arrayContaining([urls[0], urls[1], urls[3]].map((u) => idOf(u as string))),
      );
      expect(await expireAbandonedUploads(t.app.ctx)).toBe(unfinished.length);
      expect(await t.app.ctx.db.select({ id: uploads.id }).from(uploads).where(isNull(uploads.fileId))).toEqual([]);
      expect((await headUpload(client, urls[0] as string)).statusCode).toBe(404);
      expect(fs.existsSync(storedBytes(idOf(urls[0] as string)))).toBe(false);
      expect((await createUpload(client, { entryId, slot: 'ppt', filename: 'v5.pptx', size: 5000 })).statusCode).toBe(201);
    } finally {
      t.clock.set('2022-01-10T02:00:00.000Z');
    }
  });
});
