import type { EntryWrite } from './entry-write.ts';
import { transitionEntry } from './transition-entry.ts';

/**
 * The applicant withdraws an entry that is not yet decided for good (draft, submitted, returned); the route has
 * asked whyNotWithdraw on the locked entry. A withdrawn entry no longer counts towards one-per-theme (S0-6), so the
 * hospital may start another; its number is not reused.
 */
export async function withdrawEntry(w: EntryWrite & { reason: string }): Promise<void> {
  await transitionEntry({
    tx: w.tx,
    afterCommit: w.afterCommit,
    actor: w.actor,
    entryId: w.entry.id,
    campaignId: w.entry.campaignId,
    from: ['draft', 'submitted', 'returned'],
    to: 'withdrawn',
    at: w.ctx.clock.now(),
    set: { dueAt: null, correctionDeadline: null },
    data: { reason: w.reason },
  });
}
