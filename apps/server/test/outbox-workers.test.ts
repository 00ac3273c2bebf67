import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/clock/index.ts';
import { type Database, openDatabase } from '../src/platform/db/client.ts';
import { inTransaction } from '../src/platform/db/tx.ts';
import type { Transport } from '../src/platform/mail/mail.ts';
import { outbox } from '../src/platform/outbox/outbox.tables.ts';
import { createOutbox, OUTBOX_POLICY } from '../src/platform/outbox/outbox.ts';
import { T0 } from './app.ts';

/**
 * Two nodes on one database. On PostgreSQL (DATABASE_URL) each worker has its own connection pool, as two app
 * processes would; on PGlite both share the one embedded database (one process is all PGlite allows).
 */
const url = process.env.DATABASE_URL;
const name = `ca_test_${randomBytes(6).toString('hex')}`;
let nodes: Database[] = [];

async function openNodes(): Promise<Database[]> {
  if (!url) {
    const one = await openDatabase({ dataDir: 'memory://' });
    return [one, one];
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const a = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
  const b = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
  return [a, b];
}

beforeAll(async () => {
  nodes = await openNodes();
});
afterAll(async () => {
  for (const node of new Set(nodes)) await node.close();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

describe('the outbox on several nodes', () => {
  it('two workers on the same database deliver each message exactly once, both taking part', async () => {
    const clock = fixedClock(T0);
    const log = pino({ level: 'silent' });
    const total = OUTBOX_POLICY.batch * 3;
    const [dbA, dbB] = nodes as [Database, Database];
    await inTransaction(dbA.db, async (tx) => {
      // Queued with no prompt after commit, so only the two workers below deliver them.
      const queueOnly = createOutbox({ db: dbA.db, transport: { deliver: async () => {} }, clock, log });
      for (let i = 0; i < total; i += 1) {
        await queueOnly.enqueue(
          tx,
          () => {},
          { channel: 'sms', to: `1380000${String(i).padStart(4, '0')}`, subject: 's', body: 'b' },
          clock.now(),
        );
      }
    });

    const deliveredBy = { a: [] as string[], b: [] as string[] };
    // A holds its first message until B has delivered one: both are provably working at the same time.
    let bDeliveredOne = () => {};
    const bStarted = new Promise<void>((resolve) => {
      bDeliveredOne = resolve;
    });
    const transportA: Transport = {
      async deliver(_m, meta) {
        if (deliveredBy.a.length === 0) await bStarted;
        deliveredBy.a.push(meta?.id ?? '');
      },
    };
    const transportB: Transport = {
      async deliver(_m, meta) {
        deliveredBy.b.push(meta?.id ?? '');
        bDeliveredOne();
        await new Promise((r) => setImmediate(r));
      },
    };
    const workerA = createOutbox({ db: dbA.db, transport: transportA, clock, log });
    const workerB = createOutbox({ db: dbB.db, transport: transportB, clock, log });
    workerA.start();
    workerB.start();
    await Promise.all([workerA.deliverDue(), workerB.deliverDue()]);
    await Promise.all([workerA.stop(), workerB.stop()]);

    const all = [...deliveredBy.a, ...deliveredBy.b];
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(deliveredBy.a.length).toBeGreaterThan(0);
    expect(deliveredBy.b.length).toBeGreaterThan(0);
    const rows = await dbA.db.select({ id: outbox.id, status: outbox.status, attempts: outbox.attempts }).from(outbox);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => `${r.status}/${r.attempts}`))).toEqual(new Set(['sent/1']));
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(all));
  });

  it('a node that dies mid-delivery leaves its claim to lapse: another node sends the message after the lease, and the late outcome of the dead claim changes nothing', async () => {
    const clock = fixedClock(T0);
    const log = pino({ level: 'silent' });
    const [dbA, dbB] = nodes as [Database, Database];
    const to = '13900000001';
    let hung = () => {};
    let entered = () => {};
    const holding = new Promise<void>((resolve) => {
      entered = resolve;
    });
    // Node A takes the message and never comes back from its mail server (a node frozen or killed mid-send).
    const dying = createOutbox({
      db: dbA.db,
      clock,
      log,
      transport: {
        deliver: () => {
          entered();
          return new Promise<void>((resolve) => {
            hung = resolve;
          });
        },
      },
    });
    const sentByB: string[] = [];
    const survivor = createOutbox({
      db: dbB.db,
      clock,
      log,
      transport: { deliver: async (m) => void sentByB.push(m.to) },
    });
    await inTransaction(dbA.db, (tx, afterCommit) =>
      dying.enqueue(tx, afterCommit, { channel: 'sms', to, subject: 's', body: 'b' }, clock.now()),
    );
    const stuck = dying.deliverDue();
    await holding;
    const row = async () =>
      (await dbA.db.select().from(outbox).where(eq(outbox.recipient, to))).map((r) => [r.status, r.attempts]);
    expect(await row()).toEqual([['sending', 1]]);
    expect(await survivor.deliverDue()).toBe(0); // the claim still holds
    clock.advance(OUTBOX_POLICY.leaseMs);
    expect(await survivor.deliverDue()).toBe(1);
    expect(sentByB).toEqual([to]);
    expect(await row()).toEqual([['sent', 2]]);
    hung(); // the dead claim finally returns: its compare-and-set on (sending, attempt 1) matches nothing
    await stuck;
    expect(await row()).toEqual([['sent', 2]]);
  });
});
