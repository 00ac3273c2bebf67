import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, signIn } from '../../../test/factories.ts';
import { type FakeS3, testS3 } from '../../../test/fake-s3.ts';
import { buildMp4 } from '../../../test/mp4s.ts';
import { createUpload, headUpload, offsetOf, patchUpload, TUS } from '../../../test/tus.ts';

// Two nodes of one cluster: one database (PGlite here, PostgreSQL in CI) and one S3 bucket (s3rver), nothing else
// shared — each node has its own data directory, its own tus server and its own memory.
let s3: FakeS3;
let a: TestApp;
let b: TestApp;
const dirs = [
  fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-node-a-')),
  fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-node-b-')),
];

beforeAll(async () => {
  s3 = await testS3();
  const bucket = await s3.bucket();
  a = await startTestApp({ s3: bucket, dataDir: dirs[0] });
  b = await startTestApp({ s3: bucket, dataDir: dirs[1], database: a.database });
  for (const node of [a, b]) node.clock.set('2022-01-10T02:00:00.000Z');
}, 180_000);
afterAll(async () => {
  await b.close();
  await a.close();
  await s3.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}, 120_000);

const MB = 1024 * 1024;
const sha = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

describe('tus uploads on a cluster (S3 store, shared database)', () => {
  it('S0-5 an upload started on node A resumes and finishes on node B; either node serves the file', async () => {
    const { campaign } = await publishedCampaign(a);
    const org = await buildOrganization(a);
    const { user, client: onA } = await applicantOf(a, org.id);
    const onB = await signIn(b, user);
    const entry = (
      await onA.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: '急诊流程再造' })
    ).json();
    // 12 MB of video: more than one S3 part (the store's parts are 8 MB), so both nodes write parts of one upload.
    const mp4 = buildMp4({ width: 1920, height: 1080, seconds: 150 }, { mediaBytes: 12 * MB });
    const created = await createUpload(onA, { entryId: entry.id, slot: 'video', filename: '短视频.mp4', size: mp4.length });
    expect(created.statusCode).toBe(201);
    const url = created.headers.location as string;
    const first = await patchUpload(onA, url, mp4.subarray(0, 6 * MB), 0);
    expect([first.statusCode, offsetOf(first)]).toEqual([204, 6 * MB]);
    // Node B has never seen this upload: it learns the offset from the bucket.
    const head = await headUpload(onB, url);
    expect([head.statusCode, offsetOf(head)]).toEqual([200, 6 * MB]);
    const rest = await patchUpload(onB, url, mp4.subarray(6 * MB), 6 * MB);
    expect([rest.statusCode, offsetOf(rest)]).toEqual([200, mp4.length]);
    expect(rest.json()).toMatchObject({ complete: true, attachment: { slot: 'video', type: 'video/mp4', size: mp4.length } });
    const fileId = rest.json().attachment.fileId as string;
    for (const client of [onA, onB]) {
      const file = await client.get(`/api/files/${fileId}`);
      expect([file.statusCode, sha(file.rawPayload)]).toEqual([200, sha(mp4)]);
    }
    // Nothing of it went to either node's disk.
    expect(dirs.map((d) => fs.existsSync(path.join(d, 'files')))).toEqual([false, false]);
  }, 120_000);

  it('X-6 a connection to node A dropped mid-chunk: node B reports the offset the bucket holds and takes the rest', async () => {
    const { campaign } = await publishedCampaign(a);
    const { user, client: onA } = await applicantOf(a, (await buildOrganization(a)).id);
    const onB = await signIn(b, user);
    const entry = (
      await onA.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[1]?.id, title: '日间病房' })
    ).json();
    const mp4 = buildMp4({ width: 1920, height: 1080, seconds: 90 }, { mediaBytes: 6 * MB });
    const url = (await createUpload(onA, { entryId: entry.id, slot: 'video', filename: '病房.mp4', size: mp4.length })).headers
      .location as string;
    await a.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = a.app.server.address() as AddressInfo;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'PATCH',
      path: url,
      headers: {
        ...TUS,
        cookie: `ca_session=${onA.cookie('ca_session')}; ca_csrf=${onA.cookie('ca_csrf')}`,
        'x-csrf-token': onA.cookie('ca_csrf') as string,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'content-length': String(mp4.length),
      },
    });
    req.on('error', () => undefined);
    await new Promise<void>((resolve) => req.write(mp4.subarray(0, 2 * MB), () => resolve()));
    req.destroy();
    // Waits for a condition, not for time: node A has put what it received into the bucket.
    let held = 0;
    for (let i = 0; i < 400 && held === 0; i++) {
      held = offsetOf(await headUpload(onB, url));
      if (held === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(2 * MB);
    const rest = await patchUpload(onB, url, mp4.subarray(held), held);
    expect([rest.statusCode, offsetOf(rest)]).toEqual([200, mp4.length]);
    const file = await onA.get(`/api/files/${rest.json().attachment.fileId}`);
    expect(sha(file.rawPayload)).toBe(sha(mp4));
  }, 120_000);
});
