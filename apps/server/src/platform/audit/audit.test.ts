import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser } from '../../../test/factories.ts';
import { auditEvents } from './audit.tables.ts';
import { canonicalJson, verifyAudit } from './audit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (let i = 0; i < 3; i += 1) await buildUser(t);
});
afterAll(() => t.close());

/** Runs a tampering step inside a transaction that is rolled back, so each test starts from the intact chain. */
async function whileTampered(tamper: string, check: () => Promise<void>) {
  class Rollback extends Error {}
  await t.app.ctx.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw(tamper));
      const result = await verifyAudit(tx);
      (globalThis as { __audit?: unknown }).__audit = result;
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  await check();
}
const lastResult = () => (globalThis as { __audit?: unknown }).__audit;

describe('X-3 audit log: append-only and hash-chained', () => {
  it('numbers events without gaps, links each to the previous hash, and verifies', async () => {
    const rows = await t.app.ctx.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 3 });
  });

  it('keeps the chain intact under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        new Client(t.app).post('/api/auth/register', { email: `c${i}@example.cn`, password: 'abc12345', name: `并发${i}` }),
      ),
    );
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 15 });
  });

  it('detects an altered event and names it', async () => {
    await whileTampered(`UPDATE audit_events SET data = '{"role":"admin","via":"email"}' WHERE seq = 2`, async () => {
      expect(lastResult()).toEqual({ ok: false, events: 1, brokenAt: 2, reason: 'hash_mismatch' });
    });
  });

  it('detects an altered actor even when the hash is recomputed naively', async () => {
    await whileTampered(`UPDATE audit_events SET hash = md5(hash) || md5(hash) WHERE seq = 1`, async () => {
      expect(lastResult()).toEqual({ ok: false, events: 0, brokenAt: 1, reason: 'hash_mismatch' });
    });
  });

  it('detects a deleted event in the middle', async () => {
    await whileTampered('DELETE FROM audit_events WHERE seq = 2', async () => {
      expect(lastResult()).toEqual({ ok: false, events: 1, brokenAt: 2, reason: 'missing_event' });
    });
  });

  it('detects the newest event deleted', async () => {
    await whileTampered('DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)', async () => {
      expect(lastResult()).toEqual({ ok: false, events: 14, brokenAt: 15, reason: 'head_mismatch' });
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
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 15 });
  });

  it('hashes jsonb independently of key order', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    const [row] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
    expect(row?.kind).toBe('user.registered');
  });
});
