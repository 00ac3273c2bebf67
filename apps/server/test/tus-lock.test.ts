import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ERRORS } from '@tus/utils';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedLocker, TUS_LOCK_NAMESPACE, tusLockKey } from '../src/platform/storage/shared-locker.ts';
import { startTestApp, type TestApp } from './app.ts';
import { applicantOf, publishedCampaign } from './entries.ts';
import { buildOrganization, signIn } from './factories.ts';
import { type FakeS3, testS3 } from './fake-s3.ts';
import { buildMp4 } from './mp4s.ts';
import { createUpload, headUpload, offsetOf, patchUpload, TUS } from './tus.ts';

// The shared tus locker is PostgreSQL's (advisory locks, LISTEN/NOTIFY); the embedded PGlite run keeps tus's
// MemoryLocker, one process, and has nothing here to test.
const url = process.env.DATABASE_URL;
if (!url) console.info('tus-lock.test.ts skipped: the shared tus locker needs PostgreSQL (set DATABASE_URL)');

const MB = 1024 * 1024;
const sha = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
const noSignal = () => new AbortController().signal;

/** Waits for a condition, not for time (the machine is shared; no assertion on how long). */
async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!url)('tus locks shared by the nodes of a cluster (PostgreSQL advisory locks)', () => {
  let admin: pg.Client;
  const lockers: SharedLocker[] = [];
  const locker = (options: Partial<ConstructorParameters<typeof SharedLocker>[0]> = {}) => {
    const l = new SharedLocker({ connectionString: url as string, ...options });
    lockers.push(l);
    return l;
  };
  /** The backends holding the advisory lock of an upload id, as PostgreSQL sees them. */
  const holders = async (id: string) =>
    (
      await admin.query<{ pid: number }>(
        `select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 2
           and classid::bigint = $1 and objid::bigint = $2`,
        [TUS_LOCK_NAMESPACE >>> 0, tusLockKey(id) >>> 0],
      )
    ).rows.map((r) => r.pid);

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    for (const l of lockers) await l.close();
    await admin.end();
  });

  it('X-6 a second node asking for a held upload makes the holder release it (tus requestRelease), then holds it', async () => {
    const [a, b] = [locker(), locker()];
    const id = randomUUID();
    const onA = a.newLock(id);
    let asked = 0;
    await onA.lock(noSignal(), async () => {
      asked += 1;
      await onA.unlock();
    });
    const [heldByA] = await holders(id);
    expect(heldByA).toBeTypeOf('number');
    const onB = b.newLock(id);
    await onB.lock(noSignal(), () => {});
    expect(asked).toBe(1);
    const now = await holders(id);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(heldByA);
    await onB.unlock();
    expect(await holders(id)).toEqual([]);
  }, 60_000);

  it('a holder that does not release keeps the lock: the waiter is refused with ERR_LOCK_TIMEOUT; unlock frees it', async () => {
    const a = locker();
    const b = locker({ acquireLockTimeoutMs: 1_000 });
    const id = randomUUID();
    const onA = a.newLock(id);
    let asked = 0;
    await onA.lock(noSignal(), () => {
      asked += 1;
    });
    await expect(b.newLock(id).lock(noSignal(), () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    // Asked (over NOTIFY, from the other pool) and asked once: the holder's requestRelease is not repeated.
    expect(asked).toBe(1);
    expect(await holders(id)).toHaveLength(1);
    await onA.unlock();
    expect(await holders(id)).toEqual([]);
    const again = b.newLock(id);
    await again.lock(noSignal(), () => {});
    expect(await holders(id)).toHaveLength(1);
    await again.unlock();
    await expect(again.unlock()).rejects.toThrow('Releasing an unlocked lock!');
  }, 60_000);

  it('an aborted waiter stops waiting and takes nothing with it', async () => {
    const [a, b] = [locker(), locker()];
    const id = randomUUID();
    const onA = a.newLock(id);
    await onA.lock(noSignal(), () => {});
    const [holder] = await holders(id);
    const abort = new AbortController();
    const waiting = b.newLock(id).lock(abort.signal, () => {});
    setTimeout(() => abort.abort(), 200);
    await expect(waiting).rejects.toBe(ERRORS.ABORTED);
    expect(await holders(id)).toEqual([holder]);
    await onA.unlock();
    expect(await holders(id)).toEqual([]);
  }, 60_000);

  it('a holder whose connection dies (node crash, pg_terminate_backend) frees the lock and is told to stop', async () => {
    const [a, b] = [locker(), locker()];
    const id = randomUUID();
    const onA = a.newLock(id);
    let asked = 0;
    await onA.lock(noSignal(), () => {
      asked += 1;
    });
    const [pid] = await holders(id);
    expect(pid).toBeTypeOf('number');
    await admin.query('select pg_terminate_backend($1)', [pid]);
    const onB = b.newLock(id);
    await onB.lock(noSignal(), () => {});
    await until(async () => asked === 1, 'the holder to be told');
    expect(asked).toBe(1);
    // Its unlock after the loss is quiet (tus calls it in a finally), and does not free B's lock.
    await onA.unlock();
    expect((await holders(id)).length).toBe(1);
    await onB.unlock();
    expect(await holders(id)).toEqual([]);
  }, 60_000);

  it('a holder whose process hangs (no heartbeat) loses the lock to idle_session_timeout', async () => {
    // A node whose event loop is stuck sends no heartbeat; PostgreSQL ends its silent session after the timeout.
    const stuck = locker({ heartbeatMs: 600_000, idleSessionTimeoutMs: 1_000 });
    const b = locker();
    const id = randomUUID();
    await stuck.newLock(id).lock(noSignal(), () => {});
    const [pid] = await holders(id);
    const onB = b.newLock(id);
    await onB.lock(noSignal(), () => {});
    const now = await holders(id);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(pid);
    await onB.unlock();
  }, 60_000);

  it('a holder that heartbeats keeps its lock past idle_session_timeout', async () => {
    const alive = locker({ heartbeatMs: 200, idleSessionTimeoutMs: 1_000 });
    const b = locker({ acquireLockTimeoutMs: 2_500 });
    const id = randomUUID();
    const held = alive.newLock(id);
    await held.lock(noSignal(), () => {});
    const [pid] = await holders(id);
    await expect(b.newLock(id).lock(noSignal(), () => {})).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    expect(await holders(id)).toEqual([pid]);
    await held.unlock();
  }, 60_000);

  it('two requests on one node serialize too (each lock has a session of its own)', async () => {
    const a = locker();
    const id = randomUUID();
    const first = a.newLock(id);
    let asked = 0;
    await first.lock(noSignal(), async () => {
      asked += 1;
      await first.unlock();
    });
    const second = a.newLock(id);
    await second.lock(noSignal(), () => {});
    expect(asked).toBe(1);
    expect(await holders(id)).toHaveLength(1);
    await second.unlock();
    expect(await holders(id)).toEqual([]);
  }, 60_000);

  describe('two nodes behind a load balancer', () => {
    let s3: FakeS3;
    let a: TestApp;
    let b: TestApp;
    const dirs = [
      fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-lock-a-')),
      fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-lock-b-')),
    ];
    beforeAll(async () => {
      s3 = await testS3();
      const bucket = await s3.bucket();
      a = await startTestApp({ s3: bucket, dataDir: dirs[0] });
      b = await startTestApp({ s3: bucket, dataDir: dirs[1], database: a.database });
      for (const node of [a, b]) node.clock.set('2022-01-10T02:00:00.000Z');
    }, 180_000);
    afterAll(async () => {
      await b?.close();
      await a?.close();
      await s3?.close();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }, 120_000);

    it('S0-5 concurrent PATCHes of one upload on two nodes never both write: the second is refused at the offset the first kept', async () => {
      const { campaign } = await publishedCampaign(a);
      const { user, client: onA } = await applicantOf(a, (await buildOrganization(a)).id);
      const onB = await signIn(b, user);
      const entry = (
        await onA.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: '门诊流程' })
      ).json();
      // Two clients with different bytes of the same length: x is the file, y differs near its end.
      const x = buildMp4({ width: 1920, height: 1080, seconds: 90 }, { mediaBytes: 3 * MB });
      const y = Buffer.from(x);
      y.fill(0xff, y.length - 1024);
      const created = await createUpload(onA, { entryId: entry.id, slot: 'video', filename: '门诊.mp4', size: x.length });
      expect(created.statusCode).toBe(201);
      const uploadUrl = created.headers.location as string;
      const id = uploadUrl.split('/').pop() as string;

      // Client 1 on node A: the first MB of x, then the connection stays open (a slow network).
      await a.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = a.app.server.address() as AddressInfo;
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: uploadUrl,
        headers: {
          ...TUS,
          cookie: `ca_session=${onA.cookie('ca_session')}; ca_csrf=${onA.cookie('ca_csrf')}`,
          'x-csrf-token': onA.cookie('ca_csrf') as string,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': '0',
          'content-length': String(x.length),
        },
      });
      req.on('error', () => undefined);
      const answerA = new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
      await new Promise<void>((resolve) => req.write(x.subarray(0, MB), () => resolve()));
      // Node A's PATCH holds the upload's lock in PostgreSQL.
      await until(async () => (await holders(id)).length === 1, "node A's lock");

      // Client 2 on node B, all of y from offset 0. Without a shared lock B would find offset 0 in the bucket (A
      // keeps its bytes until its part is complete) and write y; with it, A is asked to release, stops reading
      // after tus's drain delay, keeps what it got, and B is refused at that offset.
      const second = await patchUpload(onB, uploadUrl, y, 0);
      const held = offsetOf(await headUpload(onB, uploadUrl));
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThanOrEqual(MB);
      expect([second.statusCode, second.json().error.code, second.json().error.params]).toEqual([
        409,
        'UPLOAD_OFFSET_MISMATCH',
        { offset: held },
      ]);
      // Client 1 is told where it stands (the offset it kept) and the connection closes.
      const resA = await answerA;
      expect([resA.statusCode, Number(resA.headers['upload-offset'])]).toEqual([204, held]);
      req.destroy();
      expect(await holders(id)).toEqual([]);

      // Client 1 resumes (on B this time) from that offset: the file is exactly x, never a mix with y.
      const rest = await patchUpload(onB, uploadUrl, x.subarray(held), held);
      expect([rest.statusCode, offsetOf(rest)]).toEqual([200, x.length]);
      const file = await onA.get(`/api/files/${rest.json().attachment.fileId}`);
      expect(file.rawPayload.length).toBe(x.length);
      expect(sha(file.rawPayload)).toBe(sha(x));
      expect(await holders(id)).toEqual([]);
    }, 180_000);

    it('X-6 a holder that never lets go: after tus’s 30 s wait the request is refused with 409 and the offset, not a 500', async () => {
      const { campaign } = await publishedCampaign(a);
      const { client: onA } = await applicantOf(a, (await buildOrganization(a)).id);
      const entry = (
        await onA.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: '住院流程' })
      ).json();
      const x = buildMp4({ width: 1920, height: 1080, seconds: 90 }, { mediaBytes: 64 * 1024 });
      const created = await createUpload(onA, { entryId: entry.id, slot: 'video', filename: '住院.mp4', size: x.length });
      const uploadUrl = created.headers.location as string;
      const id = uploadUrl.split('/').pop() as string;
      // A stuck holder elsewhere in the cluster: asked to release, it does nothing.
      const stuck = locker().newLock(id);
      let asked = 0;
      await stuck.lock(noSignal(), () => {
        asked += 1;
      });
      const refused = await patchUpload(onA, uploadUrl, x, 0);
      expect([refused.statusCode, refused.json().error]).toEqual([
        409,
        { code: 'UPLOAD_OFFSET_MISMATCH', message: '上传进度不一致（服务器已收到 0 字节），将从断点继续', params: { offset: 0 } },
      ]);
      expect(asked).toBe(1);
      await stuck.unlock();
      const done = await patchUpload(onA, uploadUrl, x, 0);
      expect([done.statusCode, offsetOf(done)]).toEqual([200, x.length]);
      expect(await holders(id)).toEqual([]);
    }, 180_000);
  });
});
