import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser } from '../../../test/factories.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { auditEvents, auditHead } from './audit.tables.ts';
import { canonicalJson, eventHash, type VerifyResult, verifyAudit } from './audit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (let i = 0; i < 3; i += 1) await buildUser(t);
});
afterAll(() => t.close());

/**
 * What an attacker with superuser rights does before touching the log: switch the append-only triggers off, here
 * for one transaction only. Tampering without it is refused (see "append-only in the database" below).
 */
const TRIGGERS_OFF = 'SET LOCAL session_replication_role = replica';

/** Tampers inside a transaction that is rolled back, so each test starts from the intact chain; returns verify's answer. */
async function verifyWhileTampered(tamper: string | ((tx: Tx) => Promise<void>)): Promise<VerifyResult> {
  class Rollback extends Error {}
  let result: VerifyResult | undefined;
  await t.app.ctx.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      if (typeof tamper === 'string') await tx.execute(sql.raw(tamper));
      else await tamper(tx);
      result = await verifyAudit(tx);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  if (!result) throw new Error('verify did not run');
  return result;
}

/** The database error a statement ends with (drizzle wraps it), or a failure when it is not refused. */
async function refusal(db: Queryable, statement: string): Promise<{ code: string; message: string }> {
  try {
    await db.execute(sql.raw(statement));
  } catch (err) {
    for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
      const c = e as { code?: unknown; message: string };
      if (typeof c.code === 'string') return { code: c.code, message: c.message };
    }
    throw err;
  }
  throw new Error(`not refused: ${statement}`);
}

const headSeq = async () => (await t.app.ctx.db.select().from(auditHead).where(eq(auditHead.id, 1)))[0]?.seq;

describe('X-3 audit log: hash-chained', () => {
  it('numbers events without gaps, links each to the previous hash, and verifies', async () => {
    const rows = await t.app.ctx.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 3, checkpoints: 0 });
  });

  it('keeps the chain intact under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        new Client(t.app).post('/api/auth/register', { email: `c${i}@example.cn`, password: 'abc12345', name: `并发${i}` }),
      ),
    );
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 15, checkpoints: 0 });
  });

  it('detects an altered event and names it', async () => {
    const result = await verifyWhileTampered(`UPDATE audit_events SET data = '{"role":"admin","via":"email"}' WHERE seq = 2`);
    expect(result).toEqual({ ok: false, events: 1, brokenAt: 2, reason: 'hash_mismatch' });
  });

  it('detects an altered actor whose hash was left as it was', async () => {
    const result = await verifyWhileTampered(async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET actor_id = (SELECT actor_id FROM audit_events WHERE seq = 3) WHERE seq = 1`);
      const [first] = await tx.select().from(auditEvents).where(eq(auditEvents.seq, 1));
      const [third] = await tx.select().from(auditEvents).where(eq(auditEvents.seq, 3));
      expect(first?.actorId).toBe(third?.actorId);
    });
    expect(result).toEqual({ ok: false, events: 0, brokenAt: 1, reason: 'hash_mismatch' });
  });

  it('detects an altered actor whose own hash was recomputed: the next event no longer links to it', async () => {
    const result = await verifyWhileTampered(async (tx) => {
      const [first] = await tx.select().from(auditEvents).where(eq(auditEvents.seq, 1));
      const [third] = await tx.select().from(auditEvents).where(eq(auditEvents.seq, 3));
      if (!first || !third?.actorId || first.actorId === third.actorId) throw new Error('events 1 and 3 need two actors');
      const forged = { ...first, actorId: third.actorId };
      await tx
        .update(auditEvents)
        .set({ actorId: forged.actorId, hash: eventHash(forged) })
        .where(eq(auditEvents.seq, 1));
    });
    expect(result).toEqual({ ok: false, events: 1, brokenAt: 2, reason: 'chain_broken' });
  });

  it('detects a deleted event in the middle', async () => {
    expect(await verifyWhileTampered('DELETE FROM audit_events WHERE seq = 2')).toEqual({
      ok: false,
      events: 1,
      brokenAt: 2,
      reason: 'missing_event',
    });
  });

  it('detects the newest event deleted while the head still names it', async () => {
    expect(await verifyWhileTampered('DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)')).toEqual({
      ok: false,
      events: 14,
      brokenAt: 15,
      reason: 'head_mismatch',
    });
  });

  it('is not undone by a rolled-back change: the event goes with it', async () => {
    const before = await t.app.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const res = await new Client(t.app).post('/api/auth/register', {
      email: 'c0@example.cn',
      password: 'abc12345',
      name: '重复',
    });
    expect(res.statusCode).toBe(409);
    const after = await t.app.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after).toEqual(before);
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 15, checkpoints: 0 });
  });

  it('hashes jsonb independently of key order', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    const [row] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
    expect(row?.kind).toBe('user.registered');
  });
});

describe('X-3 audit log: append-only in the database (migration 0006)', () => {
  const appendOnly = (op: string, table: string) => ({
    code: 'CA001',
    message: `audit log is append-only: ${op} on ${table} refused`,
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events', async () => {
    const db = t.app.ctx.db;
    expect(await refusal(db, `UPDATE audit_events SET actor_id = NULL WHERE seq = 2`)).toEqual(
      appendOnly('UPDATE', 'audit_events'),
    );
    expect(await refusal(db, 'DELETE FROM audit_events WHERE seq = 15')).toEqual(appendOnly('DELETE', 'audit_events'));
    expect(await refusal(db, 'TRUNCATE audit_events')).toEqual(appendOnly('TRUNCATE', 'audit_events'));
  });

  it('refuses DELETE and TRUNCATE of the head, and truncating both tables at once', async () => {
    const db = t.app.ctx.db;
    expect(await refusal(db, 'DELETE FROM audit_head')).toEqual(appendOnly('DELETE', 'audit_head'));
    expect(await refusal(db, 'TRUNCATE audit_head')).toEqual(appendOnly('TRUNCATE', 'audit_head'));
    expect((await refusal(db, 'TRUNCATE audit_events, audit_head')).code).toBe('CA001');
  });

  it('refuses a head moved backwards, moved past the newest event, or given another hash', async () => {
    const db = t.app.ctx.db;
    const forward = (from: number, to: number) => ({
      code: 'CA001',
      message: `audit head may only move forward onto the newest event (seq ${from} -> ${to})`,
    });
    expect(await refusal(db, 'UPDATE audit_head SET seq = 14, hash = (SELECT hash FROM audit_events WHERE seq = 14)')).toEqual(
      forward(15, 14),
    );
    expect(await refusal(db, 'UPDATE audit_head SET seq = 16')).toEqual(forward(15, 16));
    expect(await refusal(db, `UPDATE audit_head SET hash = md5('x') || md5('y')`)).toEqual(forward(15, 15));
    expect(await refusal(db, `INSERT INTO audit_head (id, seq, hash) VALUES (2, 15, md5('x') || md5('y'))`)).toEqual({
      code: 'CA001',
      message: 'audit head may only start at the genesis',
    });
    expect(await verifyAudit(db)).toEqual({ ok: true, events: 15, checkpoints: 0 });
  });

  it('a change whose audit append the database refuses answers 503 AUDIT_UNAVAILABLE and saves nothing (head rewound)', async () => {
    // A superuser rewound the head without deleting the event: the next append's seq is taken.
    await t.app.ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      await tx.execute(sql`UPDATE audit_head SET seq = 14, hash = (SELECT hash FROM audit_events WHERE seq = 14)`);
    });
    const res = await new Client(t.app, { 'accept-language': 'zh-CN' }).post('/api/auth/register', {
      email: 'after-rewind@example.cn',
      password: 'abc12345',
      name: '回退之后',
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'AUDIT_UNAVAILABLE', message: '审计日志拒绝记录此操作，操作未保存；请联系平台管理员' },
    });
    const saved = await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM users WHERE email = 'after-rewind@example.cn'`);
    expect((saved as unknown as { rows: unknown[] }).rows).toEqual([{ n: 0 }]);
    await t.app.ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      await tx.execute(sql`UPDATE audit_head SET seq = 15, hash = (SELECT hash FROM audit_events WHERE seq = 15)`);
    });
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 15, checkpoints: 0 });
  });

  it('an event slipped in ahead of the head (INSERT is allowed) makes the next append refused with 503, not a gap', async () => {
    const [newest] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.seq, 15));
    if (!newest) throw new Error('event 15 missing');
    await t.app.ctx.db.insert(auditEvents).values({ ...newest, seq: 17, prevHash: newest.hash, hash: 'f'.repeat(64) });
    const res = await new Client(t.app, { 'accept-language': 'en' }).post('/api/auth/register', {
      email: 'after-insert@example.cn',
      password: 'abc12345',
      name: '插入之后',
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
    expect(await headSeq()).toBe(15);
    await t.app.ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw(TRIGGERS_OFF));
      await tx.execute(sql`DELETE FROM audit_events WHERE seq = 17`);
    });
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 15, checkpoints: 0 });
  });
});
