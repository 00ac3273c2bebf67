import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, buildPptx, publishedCampaign, uploadFile } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';

let t: TestApp;
let campaignId: string;
let themeIds: string[];
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // during submission
  const setup = await publishedCampaign(t);
  campaignId = setup.campaign.id;
  themeIds = setup.campaign.themes.map((th) => th.id);
});
afterAll(() => t.close());

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

describe('attachments: resumable uploads with sniffing and limits (S0-4, S0-5, X-6)', () => {
  it('S0-4 takes a PPTX in chunks and reports slides, the copyright page and animated slides', async () => {
    const { client, entryId } = await draft();
    const ppt = await buildPptx({ slides: 17, animated: 2 });
    const done = await uploadFile(client, entryId, 'ppt', ppt, '案例.pptx', 1024);
    expect(done.statusCode).toBe(200);
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
    // A PPT without the template's copyright page is still taken; the screener sees it is missing.
    const second = await draft();
    await uploadFile(second.client, second.entryId, 'ppt', await buildPptx({ copyright: false }));
    expect((await second.client.get(`/api/entries/${second.entryId}`)).json().attachments[0].pptx.copyrightPage).toBe(false);
  });

  it('X-6 a dropped connection resumes where the server stopped; a wrong offset says where that is', async () => {
    const { client, entryId } = await draft();
    const ppt = await buildPptx({ slides: 40 });
    const created = (
      await client.post(`/api/entries/${entryId}/uploads`, { slot: 'ppt', name: 'big.pptx', size: ppt.length })
    ).json();
    const half = Math.floor(ppt.length / 2);
    expect((await client.patchRaw(`/api/uploads/${created.id}`, ppt.subarray(0, half), 0)).json().offset).toBe(half);
    // The client lost the answer and sends the first half again: refused, with the offset to resume from.
    const again = await client.patchRaw(`/api/uploads/${created.id}`, ppt.subarray(0, half), 0);
    expect([again.statusCode, again.json().error.code, again.json().error.params]).toEqual([
      409,
      'UPLOAD_OFFSET_MISMATCH',
      { offset: half },
    ]);
    expect((await client.get(`/api/uploads/${created.id}`)).json()).toMatchObject({ offset: half, complete: false });
    const rest = await client.patchRaw(`/api/uploads/${created.id}`, ppt.subarray(half), half);
    expect(rest.json()).toMatchObject({ complete: true, attachment: { slot: 'ppt', pptx: { slides: 40 } } });
    // Another user cannot see or continue someone's upload.
    const { client: stranger } = await applicantOf(t, (await buildOrganization(t)).id);
    expect((await stranger.get(`/api/uploads/${created.id}`)).statusCode).toBe(404);
  });

  it('refuses an .exe renamed .pptx on its first chunk with a zh-CN message, and keeps nothing of it', async () => {
    const { client, entryId } = await draft();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200_000, 1)]);
    const created = (
      await client.post(`/api/entries/${entryId}/uploads`, { slot: 'ppt', name: '案例.pptx', size: exe.length })
    ).json();
    const res = await client.patchRaw(`/api/uploads/${created.id}`, exe, 0);
    expect([res.statusCode, res.json().error.message]).toEqual([415, '文件类型不符合要求：只接受 PPTX、PPT']);
    expect((await client.get(`/api/uploads/${created.id}`)).json().offset).toBe(0);
  });

  it('S0-4 refuses a Word file or a renamed ZIP in the PPT slot by looking inside', async () => {
    const { client, entryId } = await draft();
    const JSZip = (await import('jszip')).default;
    const docx = new JSZip();
    docx.file(
      '[Content_Types].xml',
      '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    docx.file('word/document.xml', '<w:document/>');
    const res = await uploadFile(client, entryId, 'ppt', await docx.generateAsync({ type: 'nodebuffer' }), '案例.pptx');
    expect([res.statusCode, res.json().error.message]).toEqual([
      422,
      '文件内容无法识别为 PPTX、PPT：这是 Word 文档，不是演示文稿',
    ]);
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plain = await uploadFile(client, entryId, 'ppt', await zip.generateAsync({ type: 'nodebuffer' }), '案例.pptx');
    expect(plain.json().error.code).toBe('FILE_CONTENT_INVALID');
    expect((await client.get(`/api/entries/${entryId}`)).json().attachments).toEqual([]);
  });

  it('S0-4 S0-5 refuses a file over the slot’s limit before a byte is sent, and a chunk that runs past the size', async () => {
    const { client, entryId } = await draft();
    const big = await client.post(`/api/entries/${entryId}/uploads`, { slot: 'ppt', name: '案例.pptx', size: 30 * MB + 1 });
    expect([big.statusCode, big.json().error.message]).toEqual([413, '文件过大：不能超过 30 MB']);
    const video = await client.post(`/api/entries/${entryId}/uploads`, { slot: 'video', name: '短视频.mp4', size: 700 * MB + 1 });
    expect([video.statusCode, video.json().error.message]).toEqual([413, '文件过大：不能超过 700 MB']);
    // A 700 MB video is allowed to start; its chunks are checked as they stream.
    const ok = await client.post(`/api/entries/${entryId}/uploads`, { slot: 'video', name: '短视频.mp4', size: 700 * MB });
    expect(ok.statusCode).toBe(201);
    // Declared 1,000 bytes, sent 5,000: refused while streaming, nothing of the chunk kept.
    const small = (await client.post(`/api/entries/${entryId}/uploads`, { slot: 'ppt', name: 'a.pptx', size: 1000 })).json();
    const over = await client.patchRaw(
      `/api/uploads/${small.id}`,
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4996)]),
      0,
    );
    expect([over.statusCode, over.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect((await client.get(`/api/uploads/${small.id}`)).json().offset).toBe(0);
  });

  it('S0-5 takes an MP4 in the video slot and refuses it in the PPT slot', async () => {
    const { client, entryId } = await draft();
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(3000, 7)]);
    expect((await uploadFile(client, entryId, 'video', mp4, '短视频.mp4')).json()).toMatchObject({
      complete: true,
      attachment: { slot: 'video', type: 'video/mp4', pptx: null },
    });
    const wrong = await uploadFile(client, entryId, 'ppt', mp4, '案例.pptx');
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
  });

  it('only the entry’s organization uploads, only while it can be edited; a slot the form lacks is refused', async () => {
    const { client, entryId } = await draft();
    const { client: stranger } = await applicantOf(t, (await buildOrganization(t)).id);
    expect((await stranger.post(`/api/entries/${entryId}/uploads`, { slot: 'ppt', name: 'a.pptx', size: 10 })).statusCode).toBe(
      404,
    );
    const noSlot = await client.post(`/api/entries/${entryId}/uploads`, { slot: 'poster', name: 'a.pdf', size: 10 });
    expect([noSlot.statusCode, noSlot.json().error.fields]).toEqual([
      400,
      [{ path: 'slot', code: 'INVALID_CHOICE', message: '请选择有效的选项' }],
    ]);
    await uploadFile(client, entryId, 'ppt', await buildPptx());
    const removed = await client.delete(`/api/entries/${entryId}/attachments/ppt`);
    expect([removed.statusCode, removed.json().attachments]).toEqual([200, []]);
  });
});
