import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../src/platform/clock/index.ts';
import { applicantOf } from './entries.ts';
import { buildOrganization, buildUser, PASSWORD, signIn, type TestUser } from './factories.ts';
import { testS3 } from './fake-s3.ts';
import { buildMp4 } from './mp4s.ts';
import { multipart, SAMPLE } from './multipart.ts';
import {
  freshPostgresDatabase,
  HttpClient,
  killAll,
  runCli,
  type SpawnedServer,
  spawnServer,
  tempDir,
  tus,
  withSetupApp,
} from './spawned-server.ts';

// The real server (src/server.ts) in a child process, killed with SIGKILL and started again on the same data: the
// embedded PGlite directory in the PGlite run, a database of its own on DATABASE_URL's server (and an S3 bucket when
// S3_ENDPOINT is set) in the PostgreSQL run. Nothing is finished, flushed or released at the kill.
const PG = process.env.DATABASE_URL;
const S3 = PG ? process.env.S3_ENDPOINT : undefined;
const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const NO_TRANSPORT = 'message (no transport configured)';

const dataDir = tempDir('kill9');
let database: { url: string; drop(): Promise<void> } | undefined;
let env: Record<string, string>;
let server: SpawnedServer | undefined;
let staff: TestUser;
let applicant: TestUser;
let uploader: TestUser;
let hospitalId: string;
let entryId: string;

beforeAll(async () => {
  database = PG ? await freshPostgresDatabase(PG) : undefined;
  env = { DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) };
  if (PG && process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  if (S3) {
    const bucket = await (await testS3()).bucket();
    Object.assign(env, {
      S3_ENDPOINT: bucket.endpoint as string,
      S3_BUCKET: bucket.bucket,
      S3_REGION: bucket.region,
      S3_ACCESS_KEY_ID: bucket.accessKeyId as string,
      S3_SECRET_ACCESS_KEY: bucket.secretAccessKey as string,
      S3_FORCE_PATH_STYLE: '1',
    });
  }
  // Accounts, a hospital, and a live call with a draft entry, written before the server first starts.
  await withSetupApp({ databaseUrl: database?.url, dataDir }, async (t) => {
    staff = await buildUser(t, { role: 'staff', name: '认证审核员' });
    applicant = await buildUser(t, { name: '认证申请人' });
    const hospital = await buildOrganization(t);
    hospitalId = hospital.id;
    const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
    const staffClient = await signIn(t, staff);
    const today = shanghaiDate(t.clock.now());
    const draft = await staffClient.post('/api/campaigns', {
      templateKey: 'seed-000',
      organizerId: organizer.id,
      opensOn: today,
    });
    if (draft.statusCode !== 201 && draft.statusCode !== 200) throw new Error(`campaign: ${draft.body}`);
    const campaign = await staffClient.post(`/api/campaigns/${draft.json().id}/publish`);
    if (campaign.statusCode !== 200) throw new Error(`publish: ${campaign.body}`);
    const member = await applicantOf(t, hospital.id);
    uploader = member.user;
    const entry = await member.client.post(`/api/campaigns/${campaign.json().id}/entries`, {
      themeId: campaign.json().themes[0].id,
      title: '断电之后的上传',
    });
    if (entry.statusCode !== 201) throw new Error(`entry: ${entry.body}`);
    entryId = entry.json().id;
  });
}, 180_000);

afterAll(async () => {
  await killAll();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

/** Waits for a condition (never for a time): polls until `probe` returns a value, or fails after `ms`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:${server?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type OutboxItem = { id: string; recipient: string; subject: string; status: string; attempts: number; sentAt: string | null };

/** What the first run left when it was killed, for the tests below to check after the restart. */
let crash: {
  queued: OutboxItem;
  deliveredBeforeKill: number;
  exit: unknown;
  cut: string;
  upload: { url: string; bytes: Buffer; sent: number };
};
let asStaff: HttpClient;
let asUploader: HttpClient;
const mailsTo = async (email: string): Promise<OutboxItem[]> =>
  ((await asStaff.get('/api/admin/outbox')).json().items as OutboxItem[]).filter((i) => i.recipient === email);
const delivered = (email: string) => server?.logLines().filter((l) => l.msg === NO_TRANSPORT && l.to === email) ?? [];

describe(`kill -9 of a real server process (${PG ? `PostgreSQL${S3 ? ' + S3' : ''}` : 'PGlite'})`, () => {
  // One SIGKILL with two things in flight, as a real crash would find them: a decision committed whose mail is still
  // queued, and an upload whose PATCH is mid-body. One kill and one restart serve both (a server start is the slow
  // part of these tests).
  beforeAll(async () => {
    // OUTBOX_WORKER=0: this run commits and queues but never delivers, so the kill always falls before delivery.
    server = await spawnServer('kill9', { ...env, OUTBOX_WORKER: '0' });
    const asApplicant = await new HttpClient(server.baseUrl).login(applicant.email, PASSWORD);
    const form = multipart({ kind: 'institution', organizationId: hospitalId }, [
      { name: 'file', filename: '医疗机构执业许可证.png', content: SAMPLE.png, type: 'image/png' },
    ]);
    const filed = await asApplicant.request('POST', '/api/certifications', { headers: form.headers, body: form.payload });
    expect(filed.status, filed.text()).toBe(201);
    asStaff = await new HttpClient(server.baseUrl).login(staff.email, PASSWORD);
    const approved = await asStaff.post(`/api/admin/certifications/${filed.json().id}/approve`);
    expect([approved.status, approved.json().status]).toEqual([200, 'approved']);
    const queued = await mailsTo(applicant.email);
    expect(queued).toHaveLength(1);

    asUploader = await new HttpClient(server.baseUrl).login(uploader.email, PASSWORD);
    const bytes = buildMp4({ width: 1920, height: 1080, seconds: 150 }, { mediaBytes: S3 ? 12 * MB : 6 * MB });
    const created = await tus.create(asUploader, { entryId, slot: 'video', filename: '断电.mp4', size: bytes.length });
    expect(created.status, created.text()).toBe(201);
    const url = new URL(created.headers.get('location') as string, server.baseUrl).pathname;
    // One PATCH announcing the whole file, of which only the first `sent` bytes are ever written.
    const sent = S3 ? 9 * MB : 3 * MB;
    const req = http.request(`${server.baseUrl}${url}`, {
      method: 'PATCH',
      headers: {
        ...tus.headers,
        ...asUploader.cookieHeader(),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'content-length': String(bytes.length),
      },
    });
    const cut = new Promise<string>((resolve) => {
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
    });
    await new Promise<void>((resolve) => req.write(bytes.subarray(0, sent), () => resolve()));
    if (!S3) {
      // The file store writes as it receives: kill once part of the body is on disk, so the resume starts mid-file.
      const file = path.join(dataDir, 'files', 'uploads', url.split('/').pop() as string);
      await until('bytes on disk', async () =>
        (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0 ? true : undefined,
      );
    }

    const exit = await server.kill();
    crash = {
      queued: queued[0] as OutboxItem,
      deliveredBeforeKill: delivered(applicant.email).length,
      exit,
      cut: await cut,
      upload: { url, bytes, sent },
    };
    // Started again with the worker on (the default): its start-up pass takes the row the dead process left.
    await server.start({ OUTBOX_WORKER: '' });
  }, 300_000);

  it('X-3 a certification decision committed, the server SIGKILLed before its mail went out: after the restart the mail goes out exactly once', async () => {
    expect(crash.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crash.queued).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
    expect(crash.deliveredBeforeKill).toBe(0);
    const sent = await until('the mail to be sent', async () => {
      const [row] = await mailsTo(applicant.email);
      return row?.status === 'sent' ? row : undefined;
    });
    expect(sent).toMatchObject({ id: crash.queued.id, status: 'sent', attempts: 1, subject: crash.queued.subject });
    expect((await mailsTo(applicant.email)).length).toBe(1);
    expect(delivered(applicant.email).map((l) => l.subject)).toEqual([crash.queued.subject]);
  }, 120_000);

  it(`X-6 a tus PATCH cut by SIGKILL mid-body: after the restart HEAD reports at most what was sent and the upload resumes to identical bytes (${S3 ? 'S3' : 'file'} store)`, async () => {
    const { url, bytes, sent } = crash.upload;
    expect(crash.cut).toMatch(/^(ECONNRESET|EPIPE)$/);
    const head = await tus.head(asUploader, url);
    expect(head.status).toBe(200);
    const held = tus.offset(head);
    expect(held).toBeLessThanOrEqual(sent);
    if (!S3) expect(held).toBeGreaterThan(0);
    const rest = await tus.patch(asUploader, url, bytes.subarray(held), held);
    expect([rest.status, tus.offset(rest)], rest.text()).toEqual([200, bytes.length]);
    expect(rest.json()).toMatchObject({ complete: true, attachment: { slot: 'video', size: bytes.length } });
    const file = await asUploader.get(`/api/files/${rest.json().attachment.fileId}`);
    expect([file.status, file.body.length, sha(file.body)]).toEqual([200, bytes.length, sha(bytes)]);
  }, 120_000);

  it('X-3 after the kill the audit chain verifies (casearena audit verify)', async () => {
    if (!server) throw new Error('the server of the previous tests is not running');
    // PGlite admits one process per data directory: the CLI reads it once the server has stopped.
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const verified = await runCli(['audit', 'verify'], env);
    expect(verified.code, verified.output).toBe(0);
    expect(verified.output).toContain('审计日志完整');
  }, 180_000);
});
