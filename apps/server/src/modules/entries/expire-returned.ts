import { SYSTEM_REASONS } from '@casearena/contract';
import { and, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { users } from '../accounts/index.ts';
import { notify } from '../notifications/index.ts';
import { entries, screeningDecisions } from './entries.tables.ts';
import { queueNotice } from './screen-entry.ts';
import { transitionEntry } from './transition-entry.ts';

/**
 * S3-5: an entry still returned when its correction deadline has passed is excluded from review. Runs on a timer
 * (see `startEntrySweeps`) and is safe to run on several nodes at once: each entry is claimed with
 * `FOR UPDATE SKIP LOCKED` and changed through the one writer, so a second sweeper skips it. Returns how many it
 * excluded.
 */
export async function expireReturnedEntries(ctx: AppContext, batch = 100): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  for (;;) {
    const done = await inTransaction(ctx.db, async (tx, afterCommit) => {
      const due = await tx
        .select({
          id: entries.id,
          campaignId: entries.campaignId,
          title: entries.title,
          number: entries.number,
          authorId: entries.authorId,
          deadline: entries.correctionDeadline,
          email: users.email,
          phone: users.phone,
          locale: users.locale,
        })
        .from(entries)
        .innerJoin(users, eq(users.id, entries.authorId))
        .where(and(eq(entries.status, 'returned'), lt(entries.correctionDeadline, now)))
        .limit(batch)
        .for('update', { of: entries, skipLocked: true });
      for (const e of due) {
        const reasons = SYSTEM_REASONS.correctionExpired['zh-CN'];
        await transitionEntry({
          tx,
          afterCommit,
          // The applicant did not act: the sweep did (X-3, docs/security.md).
          actor: 'system:correction-sweep',
          entryId: e.id,
          campaignId: e.campaignId,
          from: ['returned'],
          to: 'excluded',
          kind: 'entry.expired',
          at: now,
          set: { correctionDeadline: null },
          data: { reasons, correctionDeadline: e.deadline?.toISOString() ?? null, automatic: true },
        });
        await tx.insert(screeningDecisions).values({
          entryId: e.id,
          decision: 'exclude',
          reasons,
          suggestions: '',
          correctionDeadline: e.deadline,
          decidedBy: null,
          decidedAt: now,
        });
        const message = { template: 'entry.expired', params: { title: e.title, number: e.number } } as const;
        await notify(tx, {
          userId: e.authorId,
          kind: 'entry.excluded',
          ...message,
          locale: e.locale,
          link: `/entries/${e.id}`,
          at: now,
        });
        const notice = { to: { email: e.email, phone: e.phone, locale: e.locale }, message };
        await queueNotice(ctx, tx, afterCommit, notice, now);
      }
      return due.length;
    });
    total += done;
    if (done < batch) return total;
  }
}
