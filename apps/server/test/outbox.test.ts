import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { registerUser } from '../src/modules/accounts/index.ts';
import { fixedClock } from '../src/platform/clock/index.ts';
import type { Database } from '../src/platform/db/client.ts';
import { inTransaction } from '../src/platform/db/tx.ts';
import type { Message, Transport } from '../src/platform/mail/mail.ts';
import { outbox } from '../src/platform/outbox/outbox.tables.ts';
import { backoffMs, OUTBOX_POLICY } from '../src/platform/outbox/outbox.ts';
import { Client, T0 } from './app.ts';
import { openTestDatabase } from './db.ts';

/** A transport under the test's control: records what it delivered and fails while `failing` says so. */
function controlledTransport() {
  const delivered: Array<Message & { id: string }> = [];
  const state = { failing: 0, calls: 0, gate: null as Promise<void> | null, entered: () => {} };
  const transport: Transport = {
    async deliver(m, meta) {
      state.calls += 1;
      state.entered();
      if (state.gate) await state.gate;
      if (state.failing > 0) {
        state.failing -= 1;
        throw new Error('smtp: 421 try again later');
      }
      delivered.push({ ...m, id: meta?.id ?? '' });
    },
  };
  return { transport, delivered, state };
}

let database: Database;
const clock = fixedClock(T0);

async function appOn(transport: Transport, options: { outboxWorker?: boolean } = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    database,
    clock,
    transport,
    logger: false,
    serveWeb: false,
    authRateLimit: 1000,
    rateLimitNamespace: randomUUID(),
    config: { dataDir: '/tmp/casearena-test-files' },
    ...options,
  });
  await app.ready();
  return app;
}

async function newUser(app: FastifyInstance, role: 'user' | 'staff' = 'user') {
  const email = `o-${randomUUID().slice(0, 8)}@example.cn`;
  await registerUser(app.ctx, { email, password: 'Passw0rd-test', name: '发件测试', role });
  return email;
}

async function signIn(app: FastifyInstance, email: string) {
  const c = new Client(app);
  const res = await c.post('/api/auth/login', { identifier: email, password: 'Passw0rd-test' });
  if (res.statusCode !== 200) throw new Error(res.body);
  return c;
}

const rowsTo = (recipient: string) => database.db.select().from(outbox).where(eq(outbox.recipient, recipient));
const askReset = (app: FastifyInstance, email: string) =>
  new Client(app).post('/api/auth/password-reset/request', { identifier: email });

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('the outbox: mail and SMS survive failures and crashes', () => {
  it('a message whose delivery fails is kept with its error, retried after the backoff and sent once', async () => {
    const { transport, delivered, state } = controlledTransport();
    const app = await appOn(transport);
    const email = await newUser(app);
    state.failing = 1;
    expect((await askReset(app, email)).statusCode).toBe(202); // the change stands although the send failed
    const [waiting] = await rowsTo(email);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp: 421 try again later', sentAt: null });
    expect(waiting?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    expect(await app.ctx.outbox.deliverDue()).toBe(0); // not due yet
    clock.advance(backoffMs(1));
    expect(await app.ctx.outbox.deliverDue()).toBe(1);
    expect(await app.ctx.outbox.deliverDue()).toBe(0);
    expect(delivered.filter((m) => m.to === email)).toHaveLength(1);
    expect(delivered.at(-1)).toMatchObject({ channel: 'email', to: email, subject: 'CaseArena 案例擂台：重置密码验证码' });
    const [sent] = await rowsTo(email);
    expect([sent?.status, sent?.attempts, sent?.lastError, sent?.sentAt?.toISOString()]).toEqual([
      'sent',
      2,
      null,
      clock.now().toISOString(),
    ]);
    expect(delivered.at(-1)?.id).toBe(sent?.id);
    await app.close();
  });

  it(`gives up after ${OUTBOX_POLICY.maxAttempts} attempts (failed); staff see it by status and retry it, and it is sent`, async () => {
    const { transport, delivered, state } = controlledTransport();
    const app = await appOn(transport);
    const email = await newUser(app);
    state.failing = Number.MAX_SAFE_INTEGER;
    await askReset(app, email);
    for (let attempt = 1; attempt < OUTBOX_POLICY.maxAttempts; attempt += 1) {
      clock.advance(backoffMs(attempt));
      expect(await app.ctx.outbox.deliverDue()).toBe(1);
    }
    const [dead] = await rowsTo(email);
    expect([dead?.status, dead?.attempts]).toEqual(['failed', OUTBOX_POLICY.maxAttempts]);
    clock.advance(OUTBOX_POLICY.maxDelayMs);
    expect(await app.ctx.outbox.deliverDue()).toBe(0); // a failed message is never retried by itself

    const staff = await signIn(app, await newUser(app, 'staff'));
    const list = await staff.get('/api/admin/outbox?status=failed');
    expect(list.statusCode).toBe(200);
    expect(list.json().counts.failed).toBe(1);
    expect(list.json().items).toEqual([
      {
        id: dead?.id,
        channel: 'email',
        recipient: email,
        subject: 'CaseArena 案例擂台：重置密码验证码',
        status: 'failed',
        attempts: OUTBOX_POLICY.maxAttempts,
        createdAt: dead?.createdAt.toISOString(),
        nextAttemptAt: dead?.nextAttemptAt.toISOString(),
        sentAt: null,
        lastError: 'smtp: 421 try again later',
      },
    ]);
    expect(JSON.stringify(list.json())).not.toContain('验证码是'); // bodies (one-time codes) are not shown

    state.failing = 0;
    const retried = await staff.post(`/api/admin/outbox/${dead?.id}/retry`);
    expect([retried.statusCode, retried.json().counts.failed]).toEqual([200, 0]);
    expect(delivered.filter((m) => m.to === email)).toHaveLength(1);
    const [sent] = await rowsTo(email);
    expect([sent?.status, sent?.attempts]).toEqual(['sent', 1]);
    const again = await staff.post(`/api/admin/outbox/${dead?.id}/retry`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    await app.close();
  });

  it('only platform staff see or retry the outbox: 401 anonymous, 403 a user, 404 unknown, 400 a malformed id', async () => {
    const app = await appOn(controlledTransport().transport);
    const user = await signIn(app, await newUser(app));
    const staff = await signIn(app, await newUser(app, 'staff'));
    expect((await new Client(app).get('/api/admin/outbox')).statusCode).toBe(401);
    expect([(await user.get('/api/admin/outbox')).json().error.code]).toEqual(['FORBIDDEN']);
    expect((await user.post(`/api/admin/outbox/${randomUUID()}/retry`)).statusCode).toBe(403);
    expect((await staff.post(`/api/admin/outbox/${randomUUID()}/retry`)).json().error.code).toBe('NOT_FOUND');
    expect((await staff.post('/api/admin/outbox/not-an-id/retry')).statusCode).toBe(400);
    expect((await staff.get('/api/admin/outbox?status=lost')).statusCode).toBe(400);
    const me = (await staff.get('/api/me')).json();
    expect(me.abilities).toContain('manageOutbox');
    expect((await user.get('/api/me')).json().abilities).not.toContain('manageOutbox');
    await app.close();
  });

  it('a change committed just before the node stops is delivered by the next node on the same database', async () => {
    const first = controlledTransport();
    // This node commits and stops before it delivers anything (the worker is off: a crash after commit).
    const dying = await appOn(first.transport, { outboxWorker: false });
    const email = await newUser(dying);
    expect((await askReset(dying, email)).statusCode).toBe(202);
    await dying.close();
    expect(first.state.calls).toBe(0);
    expect((await rowsTo(email)).map((r) => [r.status, r.attempts])).toEqual([['pending', 0]]);

    const next = controlledTransport();
    const app = await appOn(next.transport); // its worker takes due messages at start-up
    await app.close(); // and stopping waits for that delivery
    expect(next.delivered.filter((m) => m.to === email).map((m) => m.subject)).toEqual(['CaseArena 案例擂台：重置密码验证码']);
    expect((await rowsTo(email)).map((r) => r.status)).toEqual(['sent']);
  });

  it('a rolled-back transaction leaves no outbox row and sends nothing', async () => {
    const { transport, state } = controlledTransport();
    const app = await appOn(transport);
    const to = `rollback-${randomUUID()}@example.cn`;
    await expect(
      inTransaction(app.ctx.db, async (tx, afterCommit) => {
        await app.ctx.outbox.enqueue(tx, afterCommit, { channel: 'email', to, subject: '不应发送', body: '…' }, clock.now());
        throw new Error('the change is refused after the message was queued');
      }),
    ).rejects.toThrow('the change is refused');
    expect(await rowsTo(to)).toEqual([]);
    expect(state.calls).toBe(0);
    await app.close();
  });

  it('closing the app waits for a delivery in flight, so its outcome is recorded before the database closes', async () => {
    const { transport, delivered, state } = controlledTransport();
    let release = () => {};
    state.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const entered = new Promise<void>((resolve) => {
      state.entered = resolve;
    });
    const app = await appOn(transport);
    const email = await newUser(app);
    const request = askReset(app, email);
    await entered; // the transport holds the message
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    release();
    await closing;
    expect((await request).statusCode).toBe(202);
    expect(delivered.filter((m) => m.to === email)).toHaveLength(1);
    expect((await rowsTo(email)).map((r) => r.status)).toEqual(['sent']);
  });
});
