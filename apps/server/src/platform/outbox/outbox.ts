import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock/index.ts';
import type { Db, Queryable } from '../db/client.ts';
import type { AfterCommit } from '../db/tx.ts';
import type { Message, Transport } from '../mail/mail.ts';
import { outbox } from './outbox.tables.ts';

/** Delivery policy. Backoff doubles from `baseDelayMs` up to `maxDelayMs`; after `maxAttempts` a row is failed. */
export const OUTBOX_POLICY = {
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  /** How long a claim holds: a node that dies mid-delivery leaves the row to be taken again after this. */
  leaseMs: 5 * 60_000,
  batch: 20,
  pollMs: 5_000,
} as const;

/** The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … capped at one hour. */
export const backoffMs = (attempts: number) =>
  Math.min(OUTBOX_POLICY.maxDelayMs, OUTBOX_POLICY.baseDelayMs * 2 ** Math.max(0, attempts - 1));

export interface Outbox {
  /**
   * Writes the message in the caller's transaction, so it exists exactly when the change does (a rollback leaves
   * no row), and asks for delivery right after commit. Use it for every mail and SMS.
   */
  enqueue(tx: Queryable, afterCommit: AfterCommit, message: Message, at: Date): Promise<void>;
  /** Delivers every due message once (claimed in batches); returns how many were attempted. */
  deliverDue(): Promise<number>;
  /** Delivers these messages now if they are due and nobody holds them (after commit, or a staff retry). */
  deliver(ids: string[]): Promise<number>;
  /** Starts polling for due messages (retries, and rows left by a node that stopped before sending). */
  start(): void;
  /** Stops polling and waits for deliveries in flight, so their outcome is recorded before the database closes. */
  stop(): Promise<void>;
}

type Claimed = Pick<typeof outbox.$inferSelect, 'id' | 'channel' | 'recipient' | 'subject' | 'body' | 'attempts'>;

/**
 * The outbox worker, the same code on PGlite (one process) and PostgreSQL (any number of nodes). A row is claimed
 * with `FOR UPDATE SKIP LOCKED` and moved to `sending` in one statement, so two nodes never take the same row;
 * the outcome is written with compare-and-set on (status, attempts), so a claim that outlived its lease cannot
 * overwrite the newer claim's result. Delivery is at least once: only a node dying after the transport accepted a
 * message and before `sent` was recorded sends it again (after the lease); the message id goes to the transport
 * (SMTP Message-ID) so receivers can tell.
 */
export function createOutbox(deps: { db: Db; transport: Transport; clock: Clock; log: FastifyBaseLogger }): Outbox {
  const { db, transport, clock, log } = deps;
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  // Delivery right after commit happens only while started: a command-line context, or an app with its worker
  // off, only queues. `stopping` ends a pass between batches at shutdown.
  let active = false;
  let stopping = false;
  let polling = false;

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    return p.finally(() => inFlight.delete(p));
  };

  async function claim(ids: string[] | null): Promise<Claimed[]> {
    const now = clock.now();
    const due = or(
      and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
      and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now)),
    );
    const candidates = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(ids ? and(inArray(outbox.id, ids), due) : due)
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(OUTBOX_POLICY.batch)
      .for('update', { skipLocked: true });
    return db
      .update(outbox)
      .set({
        status: 'sending',
        attempts: sql`${outbox.attempts} + 1`,
        leaseUntil: new Date(now.getTime() + OUTBOX_POLICY.leaseMs),
      })
      .where(inArray(outbox.id, candidates))
      .returning({
        id: outbox.id,
        channel: outbox.channel,
        recipient: outbox.recipient,
        subject: outbox.subject,
        body: outbox.body,
        attempts: outbox.attempts,
      });
  }

  async function deliverOne(row: Claimed): Promise<void> {
    const mine = and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.attempts, row.attempts));
    try {
      await transport.deliver({ channel: row.channel, to: row.recipient, subject: row.subject, body: row.body }, { id: row.id });
    } catch (err) {
      const failed = row.attempts >= OUTBOX_POLICY.maxAttempts;
      const next = new Date(clock.now().getTime() + backoffMs(row.attempts));
      await db
        .update(outbox)
        .set({
          status: failed ? 'failed' : 'pending',
          nextAttemptAt: failed ? clock.now() : next,
          leaseUntil: null,
          lastError: String(err instanceof Error ? err.message : err).slice(0, 2000),
        })
        .where(mine);
      log.warn({ err, outboxId: row.id, attempts: row.attempts, failed }, 'message delivery failed');
      return;
    }
    await db.update(outbox).set({ status: 'sent', sentAt: clock.now(), leaseUntil: null, lastError: null }).where(mine);
  }

  async function pass(ids: string[] | null): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await claim(ids);
      // One message at a time: a transport is one connection; the batch bounds how long a claim is held unsent.
      for (const row of rows) await deliverOne(row);
      total += rows.length;
      if (ids || rows.length < OUTBOX_POLICY.batch || stopping) return total;
    }
  }

  const run = (ids: string[] | null) =>
    track(
      pass(ids).catch((err: unknown) => {
        // The database may be briefly unavailable; the rows stay due and the next poll takes them.
        log.error({ err }, 'outbox delivery pass failed');
        return 0;
      }),
    );

  const deliver = (ids: string[]) => (!active || ids.length === 0 ? Promise.resolve(0) : run(ids));

  return {
    async enqueue(tx, afterCommit, message, at) {
      const [row] = await tx
        .insert(outbox)
        .values({
          channel: message.channel,
          recipient: message.to,
          subject: message.subject,
          body: message.body,
          createdAt: at,
          nextAttemptAt: at,
        })
        .returning({ id: outbox.id });
      // Low latency: the message goes out as soon as the change is committed; if that fails, the poll retries it.
      if (row) afterCommit(async () => void (await deliver([row.id])));
    },
    deliverDue: () => run(null),
    deliver,
    start() {
      active = true;
      stopping = false;
      if (timer) return;
      const tick = () => {
        if (polling || !active) return;
        polling = true;
        void run(null).finally(() => {
          polling = false;
        });
      };
      timer = setInterval(tick, OUTBOX_POLICY.pollMs);
      timer.unref();
      tick(); // rows left by a previous process go out at start-up, not a poll interval later
    },
    async stop() {
      active = false;
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** Queues a message to a person by email when they have one, else by SMS (nothing when they have neither). */
export async function enqueueToPerson(
  outbox: Outbox,
  tx: Queryable,
  afterCommit: AfterCommit,
  to: { email: string | null; phone: string | null },
  message: { subject: string; body: string },
  at: Date,
): Promise<void> {
  if (to.email) await outbox.enqueue(tx, afterCommit, { channel: 'email', to: to.email, ...message }, at);
  else if (to.phone) await outbox.enqueue(tx, afterCommit, { channel: 'sms', to: to.phone, ...message }, at);
}
