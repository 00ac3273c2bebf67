import type { OutboxStatus, TOutboxList } from '@casearena/contract';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit.ts';
import type { Actor, AppContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { inTransaction } from '../db/tx.ts';
import { AppError } from '../http/errors.ts';
import { outbox } from './outbox.tables.ts';

/** Counts per status and the newest 100 messages of one status (or all), without bodies. */
export async function listOutbox(db: Queryable, status: OutboxStatus | undefined): Promise<TOutboxList> {
  const grouped = await db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const g of grouped) counts[g.status] = g.n;
  const rows = await db
    .select()
    .from(outbox)
    .where(status ? eq(outbox.status, status) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(100);
  return {
    counts,
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      lastError: r.lastError,
    })),
  };
}

/**
 * Staff send a failed (or still waiting) message again: it becomes due now with a fresh count of attempts, the
 * retry is audited, and delivery is tried right after commit. A sent message or one being sent is WRONG_STATUS.
 */
export async function retryMessage(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const [current] = await tx.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND');
    const [row] = await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null })
      .where(and(eq(outbox.id, id), inArray(outbox.status, ['failed', 'pending'])))
      .returning({ id: outbox.id });
    if (!row) throw new AppError('WRONG_STATUS');
    await appendAudit(tx, {
      kind: 'outbox.retried',
      actorId: actor.id,
      subjectType: 'outbox',
      subjectId: id,
      data: { from: current.status },
      at: now,
    });
    afterCommit(async () => void (await ctx.outbox.deliver([id])));
  });
}
