import type { TEntry } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { findEntry } from './entries.repo.ts';
import { transitionEntry } from './transition-entry.ts';

/**
 * The applicant withdraws an entry that is not yet decided for good (draft, submitted, returned). A withdrawn entry
 * no longer counts towards one-per-theme (S0-6), so the hospital may start another; its number is not reused.
 */
export async function withdrawEntry(ctx: AppContext, actor: Actor, entry: TEntry, reason: string): Promise<TEntry> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await transitionEntry(tx, {
      entryId: entry.id,
      campaignId: entry.campaignId,
      from: ['draft', 'submitted', 'returned'],
      to: 'withdrawn',
      actorId: actor.id,
      at: now,
      set: { dueAt: null, correctionDeadline: null },
      data: { reason },
    });
  });
  return (await findEntry(ctx.db, entry.id)) as TEntry;
}
