import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../src/platform/clock/index.ts';
import { applicantOf } from './entries.ts';
import { buildOrganization, buildUser, PASSWORD, signIn, type TestUser } from './factories.ts';
import { testS3 } from './fake-s3.ts';
import { buildMp4 } from './mp4s.ts';
import {
  freshPostgresDatabase,
  HttpClient,
  killAll,
  type SpawnedServer,
  spawnServer,
  tempDir,
  tus,
  withSetupApp,
} from './spawned-server.ts';

// Two nodes of one cluster as two real server processes (src/server.ts): one PostgreSQL database, one Redis, one S3
// bucket, and nothing else shared — each its own process, memory, tus server and data directory. Needs PostgreSQL
// and an S3 endpoint (CI's PostgreSQL run starts s3rver and sets S3_ENDPOINT); PGlite is one process by design.
const PG = process.env.DATABASE_URL;
const S3 = process.env.S3_ENDPOINT;
const why = !PG ? 'DATABASE_URL is not set' : !S3 ? 'S3_ENDPOINT is not set' : null;
if (why) console.log(`cluster-processes.test.ts skipped: ${why} (two server processes need PostgreSQL and an S3 store)`);

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const dirs = [tempDir('proc-setup'), tempDir('proc-node-a'), tempDir('proc-node-b')];
let database: { url: string; drop(): Promise<void> } | undefined;
let a: SpawnedServer;
let b: SpawnedServer;
let applicant: TestUser;
const entryIds: string[] = [];

describe.skipIf(why !== null)('tus uploads across two server processes (PostgreSQL + S3)', () => {
  beforeAll(async () => {
    database = await freshPostgresDatabase(PG as string);
    const bucket = await (await testS3()).bucket();
    const shared: Record<string, string> = {
      DATABASE_URL: database.url,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      S3_ENDPOINT: bucket.endpoint as string,
      S3_BUCKET: bucket.bucket,
      S3_REGION: bucket.region,
      S3_ACCESS_KEY_ID: bucket.accessKeyId as string,
      S3_SECRET_ACCESS_KEY: bucket.secretAccessKey as string,
      S3_FORCE_PATH_STYLE: '1',
    };
    await withSetupApp({ databaseUrl: database.url, dataDir: dirs[0] as string }, async (t) => {
      const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
      const staff = await signIn(t, await buildUser(t, { role: 'staff' }));
      const draft = await staff.post('/api/campaigns', {
        templateKey: 'seed-000',
        organizerId: organizer.id,
        opensOn: shanghaiDate(t.clock.now()),
      });
      const campaign = (await staff.post(`/api/campaigns/${draft.json().id}/publish`)).json();
      const member = await applicantOf(t, (await buildOrganization(t)).id);
      applicant = member.user;
      // One entry per theme and hospital: two themes, one entry for each upload case.
      for (const [i, title] of ['急诊流程再造', '日间病房'].entries()) {
        const entry = await member.client.post(`/api/campaigns/${campaign.id}/entries`, {
          themeId: campaign.themes[i].id,
          title,
        });
        if (entry.statusCode !== 201) throw new Error(`entry: ${entry.body}`);
        entryIds.push(entry.json().id);
      }
    });
    [a, b] = await Promise.all([
      spawnServer('node-a', { ...shared, DATA_DIR: dirs[1] as string }),
      spawnServer('node-b', { ...shared, DATA_DIR: dirs[2] as string }),
    ]);
  }, 240_000);

  afterAll(async () => {
    await killAll();
    await database?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('S0-5 an upload started on process A, offset read on process B, finished on B: the attachment is on the entry and A serves identical bytes', async () => {
    const onA = await new HttpClient(a.baseUrl).login(applicant.email, PASSWORD);
    const onB = onA.on(b.baseUrl);
    const entryId = entryIds[0] as string;
    // 12 MB: more than one S3 part (8 MB), so both processes write parts of the one upload.
    const mp4 = buildMp4({ width: 1920, height: 1080, seconds: 150 }, { mediaBytes: 12 * MB });
    const created = await tus.create(onA, { entryId, slot: 'video', filename: '短视频.mp4', size: mp4.length });
    expect(created.status, created.text()).toBe(201);
    const url = new URL(created.headers.get('location') as string, a.baseUrl).pathname;
    const first = await tus.patch(onA, url, mp4.subarray(0, 6 * MB), 0);
    expect([first.status, tus.offset(first)]).toEqual([204, 6 * MB]);
    const head = await tus.head(onB, url);
    expect([head.status, tus.offset(head)]).toEqual([200, 6 * MB]);
    const rest = await tus.patch(onB, url, mp4.subarray(6 * MB), 6 * MB);
    expect([rest.status, tus.offset(rest)], rest.text()).toEqual([200, mp4.length]);
    const { fileId } = rest.json().attachment as { fileId: string };
    // The entry, read on A, carries the attachment B finished.
    const entry = (await onA.get(`/api/entries/${entryId}`)).json();
    expect(entry.attachments.map((x: { slot: string; fileId: string; size: number }) => [x.slot, x.fileId, x.size])).toEqual([
      ['video', fileId, mp4.length],
    ]);
    for (const node of [onA, onB]) {
      const file = await node.get(`/api/files/${fileId}`);
      expect([file.status, file.body.length, sha(file.body)]).toEqual([200, mp4.length, sha(mp4)]);
    }
    // Nothing went to either process's disk: the files are in the bucket.
    expect([dirs[1], dirs[2]].map((d) => fs.existsSync(`${d}/files`))).toEqual([false, false]);
  }, 240_000);
});
