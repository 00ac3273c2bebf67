import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, startTestApp, T0, type TestApp } from '../../../test/app.ts';
import { buildUser } from '../../../test/factories.ts';
import type { Tx } from '../db/client.ts';
import { auditEvents, auditHead } from './audit.tables.ts';
import { eventHash, GENESIS_HASH, verifyAudit } from './audit.ts';
import { type Checkpoint, checkpointFile, startAuditCheckpoints, verifyAnchored } from './checkpoints.ts';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-checkpoints-'));
const file = checkpointFile(dir);
const logged: Array<{ level: 'info' | 'error'; obj: Record<string, unknown>; msg: string }> = [];
const log = {
  info: (obj: object, msg: string) => logged.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
  error: (obj: object, msg: string) => logged.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const fileLines = (f = file) => fs.readFileSync(f, 'utf8').trimEnd().split('\n');
const head = async () => (await t.app.ctx.db.select().from(auditHead).where(eq(auditHead.id, 1)))[0];
const checkpointer = () => startAuditCheckpoints({ db: t.app.ctx.db, clock: t.clock, log, file, intervalMs: 300_000 });

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An attacker with superuser rights switches the append-only triggers off first (this transaction only). */
const TRIGGERS_OFF = 'SET LOCAL session_replication_role = replica';

/** Tampers in a rolled-back transaction; returns what verify says without and with the checkpoint file. */
async function tampered(tamper: (tx: Tx) => Promise<void>) {
  class Rollback extends Error {}
  let answers: { plain: unknown; anchored: unknown } | undefined;
  await t.app.ctx.db
    .transaction(async (tx) => {
      await tamper(tx);
      answers = { plain: await verifyAudit(tx), anchored: await verifyAnchored(tx, [file]) };
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  if (!answers) throw new Error('verify did not run');
  return answers;
}

describe('X-3 audit checkpoints: the chain anchored outside the database', () => {
  let first: Checkpoint;
  let second: Checkpoint;

  it('writes a checkpoint only when the head moved; each line links to the previous line; the log carries it', async () => {
    const c = checkpointer();
    expect(await c.checkpoint()).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    for (let i = 0; i < 3; i += 1) await buildUser(t);
    const h3 = await head();
    first = (await c.checkpoint()) as Checkpoint;
    expect(first).toEqual({ seq: 3, hash: h3?.hash, at: T0, prev: GENESIS_HASH });
    expect(await c.checkpoint()).toBeNull();
    expect(fileLines()).toEqual([JSON.stringify(first)]);
    await buildUser(t);
    second = (await c.checkpoint()) as Checkpoint;
    expect(second).toEqual({ seq: 4, hash: (await head())?.hash, at: T0, prev: sha256(JSON.stringify(first)) });
    expect(fileLines()).toEqual([JSON.stringify(first), JSON.stringify(second)]);
    expect(logged.filter((l) => l.level === 'info')).toEqual([
      { level: 'info', obj: { auditCheckpoint: { seq: 3, hash: first.hash, at: T0 } }, msg: 'audit checkpoint' },
      { level: 'info', obj: { auditCheckpoint: { seq: 4, hash: second.hash, at: T0 } }, msg: 'audit checkpoint' },
    ]);
    await c.stop();
    expect(fileLines()).toHaveLength(2);
    expect(await verifyAnchored(t.app.ctx.db, [file])).toEqual({ ok: true, events: 4, checkpoints: 2 });
  });

  it('takes one every interval (timer) and a last one at stop when the head moved', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const copy = path.join(dir, 'timer.jsonl');
      const c = startAuditCheckpoints({ db: t.app.ctx.db, clock: t.clock, log, file: copy, intervalMs: 300_000 });
      vi.advanceTimersByTime(300_000);
      // checkpoint() waits for the tick's checkpoint in progress, then finds nothing new.
      expect(await c.checkpoint()).toBeNull();
      expect(fileLines(copy).map((l) => JSON.parse(l).seq)).toEqual([4]);
      await buildUser(t);
      await c.stop();
      expect(fileLines(copy).map((l) => JSON.parse(l).seq)).toEqual([4, 5]);
      vi.advanceTimersByTime(600_000);
      await buildUser(t);
      expect(await verifyAnchored(t.app.ctx.db, [copy])).toEqual({ ok: true, events: 6, checkpoints: 2 });
      expect(fileLines(copy)).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a deleted newest event with the head rewound verifies without the checkpoint, and is caught with it', async () => {
    const answers = await tampered(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      await tx.execute(sql`DELETE FROM audit_events WHERE seq > 3`);
      await tx.execute(sql`UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_events WHERE seq = 3)`);
    });
    expect(answers.plain).toEqual({ ok: true, events: 3, checkpoints: 0 });
    expect(answers.anchored).toEqual({
      ok: false,
      events: 3,
      brokenAt: 4,
      reason: 'behind_checkpoint',
      checkpoint: { ...second, source: file, line: 2 },
    });
  });

  it('both audit tables truncated (triggers disabled) are caught by the checkpoint', async () => {
    const answers = await tampered(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER ALL`);
      await tx.execute(sql`ALTER TABLE audit_head DISABLE TRIGGER ALL`);
      await tx.execute(sql`TRUNCATE audit_events, audit_head`);
    });
    expect(answers.plain).toEqual({ ok: true, events: 0, checkpoints: 0 });
    expect(answers.anchored).toEqual({
      ok: false,
      events: 0,
      brokenAt: 1,
      reason: 'behind_checkpoint',
      checkpoint: { ...first, source: file, line: 1 },
    });
  });

  it("a middle event's actor altered and every later hash and the head recomputed is caught by the checkpoint", async () => {
    const answers = await tampered(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      const rows = await tx.select().from(auditEvents).orderBy(asc(auditEvents.seq));
      const other = rows[0]?.actorId;
      let prevHash = rows[0]?.hash ?? GENESIS_HASH;
      for (const row of rows.slice(1)) {
        const forged = { ...row, actorId: row.seq === 2 ? (other ?? null) : row.actorId, prevHash };
        prevHash = eventHash(forged);
        await tx
          .update(auditEvents)
          .set({ actorId: forged.actorId, prevHash: forged.prevHash, hash: prevHash })
          .where(eq(auditEvents.seq, row.seq));
      }
      await tx.update(auditHead).set({ hash: prevHash }).where(eq(auditHead.id, 1));
      const [altered] = await tx.select().from(auditEvents).where(eq(auditEvents.seq, 2));
      expect(altered?.actorId).toBe(other);
      expect(other).not.toBe(rows[1]?.actorId);
    });
    expect(answers.plain).toEqual({ ok: true, events: 6, checkpoints: 0 });
    expect(answers.anchored).toEqual({
      ok: false,
      events: 2,
      brokenAt: 3,
      reason: 'checkpoint_mismatch',
      checkpoint: { ...first, source: file, line: 1 },
    });
  });

  it('an edited checkpoint file is reported by file and line', async () => {
    const copy = path.join(dir, 'edited.jsonl');
    const [line1, line2] = fileLines();
    fs.writeFileSync(copy, `${line1?.replace(first.hash, 'a'.repeat(64))}\n${line2}\n`);
    expect(await verifyAnchored(t.app.ctx.db, [copy])).toEqual({ ok: false, source: copy, line: 2, reason: 'link_broken' });
    fs.writeFileSync(copy, `${line1}\nnot json\n`);
    expect(await verifyAnchored(t.app.ctx.db, [copy])).toEqual({ ok: false, source: copy, line: 2, reason: 'unreadable_line' });
  });

  it('the writer adds nothing to a damaged checkpoint file and logs why', async () => {
    const damaged = path.join(dir, 'damaged.jsonl');
    fs.writeFileSync(damaged, `${fileLines()[1]}\n`);
    const c = startAuditCheckpoints({ db: t.app.ctx.db, clock: t.clock, log, file: damaged, intervalMs: 300_000 });
    expect(await c.checkpoint()).toBeNull();
    expect(logged.at(-1)).toEqual({
      level: 'error',
      obj: { file: damaged, line: 1, reason: 'link_broken' },
      msg: 'audit checkpoint file is damaged; no checkpoint written',
    });
    await c.stop();
    expect(fileLines(damaged)).toHaveLength(1);
  });

  it('sends each checkpoint to an HTTP anchor (with its credentials, retrying one it refused) and to a file:// anchor', async () => {
    const received: unknown[] = [];
    const authorizations: Array<string | undefined> = [];
    const server = http.createServer((req, res) => {
      authorizations.push(req.headers.authorization);
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.statusCode = received.length === 1 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const own = path.join(dir, 'http.jsonl');
      const url = new URL(`http://anchor:s3cret@127.0.0.1:${(server.address() as AddressInfo).port}/anchor`);
      const c = startAuditCheckpoints({ db: t.app.ctx.db, clock: t.clock, log, file: own, intervalMs: 300_000, anchorUrl: url });
      const a = await c.checkpoint();
      expect(logged.at(-1)).toMatchObject({
        level: 'error',
        msg: 'audit checkpoint not delivered to AUDIT_ANCHOR_URL; will retry',
      });
      await buildUser(t);
      const b = await c.checkpoint();
      expect(received).toEqual([a, a, b]);
      expect(authorizations).toEqual(Array(3).fill(`Basic ${Buffer.from('anchor:s3cret').toString('base64')}`));
      await c.stop();

      const anchorFile = path.join(dir, 'anchor', 'copy.jsonl');
      const ownFile = path.join(dir, 'with-file-anchor.jsonl');
      const f = startAuditCheckpoints({
        db: t.app.ctx.db,
        clock: t.clock,
        log,
        file: ownFile,
        intervalMs: 300_000,
        anchorUrl: new URL(`file://${anchorFile}`),
      });
      await f.checkpoint();
      await f.stop();
      expect(fs.readFileSync(anchorFile, 'utf8')).toBe(fs.readFileSync(ownFile, 'utf8'));
      expect(fileLines(anchorFile)).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a log rewound and then appended anew is caught, and the writer refuses to checkpoint over it', async () => {
    await t.app.ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      await tx.execute(sql`DELETE FROM audit_events WHERE seq > 3`);
      await tx.execute(sql`UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_events WHERE seq = 3)`);
    });
    const res = await new Client(t.app).post('/api/auth/register', {
      email: 'anew@example.cn',
      password: 'abc12345',
      name: '重写',
    });
    expect(res.statusCode).toBe(201);
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 4, checkpoints: 0 });
    expect(await verifyAnchored(t.app.ctx.db, [file])).toEqual({
      ok: false,
      events: 3,
      brokenAt: 4,
      reason: 'checkpoint_mismatch',
      checkpoint: { ...second, source: file, line: 2 },
    });
    expect(await checkpointer().checkpoint()).toBeNull();
    expect(logged.at(-1)).toMatchObject({
      level: 'error',
      msg: 'audit chain no longer holds its last checkpoint (rewound or rewritten): run `audit verify`',
    });
    expect(fileLines()).toHaveLength(2);
  });
});
