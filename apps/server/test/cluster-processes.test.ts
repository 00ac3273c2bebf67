import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../src/platform/clock/index.ts';
import { TUS_LOCK_NAMESPACE, tusLockKey } from '../src/platform/storage/shared-locker.ts';
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
let admin: pg.Client | undefined;
/** The applicant's one session (signed in once: sign-in is rate limited per address), on A and on B. */
let onA: HttpClient;
let onB: HttpClient;

/** The server processes holding the tus lock of an upload (PostgreSQL session advisory locks, any node's). */
const holders = async (id: string) =>
  (
    await (admin as pg.Client).query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 2
         and database = (select oid from pg_database where datname = current_database())
         and classid::bigint = $1 and objid::bigint = $2`,
      [TUS_LOCK_NAMESPACE >>> 0, tusLockKey(id) >>> 0],
    )
  ).rows.map((r) => r.pid);

/** Waits for a condition (never for a time), failing after `ms` with both servers' output. */
async function until(what: string, probe: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:${a.output()}${b.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A PATCH from offset 0 announcing all of `bytes`, of which only the first `first` are written for now. */
async function slowPatch(node: SpawnedServer, client: HttpClient, url: string, bytes: Buffer, first: number) {
  const req = http.request(`${node.baseUrl}${url}`, {
    method: 'PATCH',
    headers: {
      ...tus.headers,
      ...client.cookieHeader(),
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'content-length': String(bytes.length),
    },
  });
  const answer = new Promise<{ status: number; offset: number } | { error: string }>((resolve) => {
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, offset: Number(res.headers['upload-offset']) });
    });
  });
  await new Promise<void>((resolve) => req.write(bytes.subarray(0, first), () => resolve()));
  return { req, answer };
}

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
      for (const [i, title] of ['急诊流程再造', '日间病房', '门诊流程'].entries()) {
        const entry = await member.client.post(`/api/campaigns/${campaign.id}/entries`, {
          themeId: campaign.themes[i].id,
          title,
        });
        if (entry.statusCode !== 201) throw new Error(`entry: ${entry.body}`);
        entryIds.push(entry.json().id);
      }
    });
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    [a, b] = await Promise.all([
      spawnServer('node-a', { ...shared, DATA_DIR: dirs[1] as string }),
      spawnServer('node-b', { ...shared, DATA_DIR: dirs[2] as string }),
    ]);
    onA = await new HttpClient(a.baseUrl).login(applicant.email, PASSWORD);
    onB = onA.on(b.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await killAll();
    await admin?.end();
    await database?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it('S0-5 an upload started on process A, offset read on process B, finished on B: the attachment is on the entry and A serves identical bytes', async () => {
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

  it("S0-5 concurrent PATCHes of one upload at offset 0 on processes A and B: B is refused at the offset A kept, and the file is exactly the first client's", async () => {
    // Two clients with different bytes of the same length: x is the file, y differs in its last KB.
    const x = buildMp4({ width: 1920, height: 1080, seconds: 90 }, { mediaBytes: 3 * MB });
    const y = Buffer.from(x);
    y.fill(0xff, y.length - 1024);
    const created = await tus.create(onA, {
      entryId: entryIds[1] as string,
      slot: 'video',
      filename: '病房.mp4',
      size: x.length,
    });
    expect(created.status, created.text()).toBe(201);
    const url = new URL(created.headers.get('location') as string, a.baseUrl).pathname;
    const id = url.split('/').pop() as string;

    // Client 1 on process A: the first MB of x, then the connection stays open (a slow network); A holds the lock.
    const first = await slowPatch(a, onA, url, x, MB);
    await until("process A's lock", async () => (await holders(id)).length === 1);
    // Client 2 on process B, all of y at offset 0: B asks A (NOTIFY) to release, A stops reading and keeps what it
    // got, and B is refused at that offset.
    const second = await tus.patch(onB, url, y, 0);
    const held = tus.offset(await tus.head(onB, url));
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(MB);
    expect([second.status, second.json().error.code, second.json().error.params]).toEqual([
      409,
      'UPLOAD_OFFSET_MISMATCH',
      { offset: held },
    ]);
    expect(await first.answer).toEqual({ status: 204, offset: held });
    first.req.destroy();
    await until('the lock to be free', async () => (await holders(id)).length === 0);

    // Client 1 resumes on B from that offset: the file is exactly x, never a mix with y.
    const rest = await tus.patch(onB, url, x.subarray(held), held);
    expect([rest.status, tus.offset(rest)], rest.text()).toEqual([200, x.length]);
    const file = await onA.get(`/api/files/${rest.json().attachment.fileId}`);
    expect([file.status, file.body.length, sha(file.body)]).toEqual([200, x.length, sha(x)]);
  }, 240_000);

  it('X-6 the process holding an upload mid-PATCH is SIGKILLed: its lock goes with its session, and B resumes the upload to identical bytes', async () => {
    const mp4 = buildMp4({ width: 1920, height: 1080, seconds: 150 }, { mediaBytes: 12 * MB });
    const created = await tus.create(onA, {
      entryId: entryIds[2] as string,
      slot: 'video',
      filename: '门诊.mp4',
      size: mp4.length,
    });
    expect(created.status, created.text()).toBe(201);
    const url = new URL(created.headers.get('location') as string, a.baseUrl).pathname;
    const id = url.split('/').pop() as string;
    const sent = 9 * MB;
    const cut = await slowPatch(a, onA, url, mp4, sent);
    await until("process A's lock", async () => (await holders(id)).length === 1);
    expect(await a.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await cut.answer).toEqual({ error: 'ECONNRESET' });
    // PostgreSQL ends the dead process's sessions, and their advisory locks with them; nothing waits for a lease.
    await until('the dead holder to lose the lock', async () => (await holders(id)).length === 0);

    const head = await tus.head(onB, url);
    expect(head.status).toBe(200);
    const held = tus.offset(head);
    expect(held).toBeLessThanOrEqual(sent);
    const rest = await tus.patch(onB, url, mp4.subarray(held), held);
    expect([rest.status, tus.offset(rest)], rest.text()).toEqual([200, mp4.length]);
    const file = await onB.get(`/api/files/${rest.json().attachment.fileId}`);
    expect([file.status, file.body.length, sha(file.body)]).toEqual([200, mp4.length, sha(mp4)]);
  }, 240_000);
});
