import type { TVoteCountEvent, TVoteVoid } from '@casearena/contract';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCampaignAbility } from '../campaigns/index.ts';
import { announceCounts } from './live.ts';
import { transitionVoteVoid } from './transition-vote-void.ts';
import { presentVoid, type VoidRow } from './void-votes.ts';
import { voteCounts, votes, voteVoids } from './voting.tables.ts';

/** Locks the void, then checks the caller manages its campaign (on the locked row; NOT_FOUND for another's draft). */
async function lockVoid(tx: Tx, actor: Actor, campaignId: string, voidId: string): Promise<VoidRow> {
  const [row] = await tx
    .select()
    .from(voteVoids)
    .where(and(eq(voteVoids.id, voidId), eq(voteVoids.campaignId, campaignId)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  await assertCampaignAbility(tx, actor, row.campaignId, 'manage');
  return row;
}

/** The counts rows of these entries, locked in entry order (as every writer of counts takes them). */
async function lockCounts(tx: Tx, entryIds: readonly string[]) {
  if (entryIds.length === 0) return;
  await tx
    .select({ entryId: voteCounts.entryId })
    .from(voteCounts)
    .where(inArray(voteCounts.entryId, [...entryIds]))
    .orderBy(asc(voteCounts.entryId))
    .for('update');
}

/**
 * Moves the figures of the marked (or unmarked) votes between counted and voided, per entry, and sets each entry's
 * last_vote_at to its last still-counted vote (the ranking's tie-break).
 */
async function moveCounts(tx: Tx, moved: ReadonlyArray<{ entryId: string; weight: number }>, sign: 1 | -1) {
  const byEntry = new Map<string, { votes: number; weight: number }>();
  for (const v of moved) {
    const row = byEntry.get(v.entryId) ?? { votes: 0, weight: 0 };
    row.votes += 1;
    row.weight += v.weight;
    byEntry.set(v.entryId, row);
  }
  for (const [entryId, d] of [...byEntry].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await tx
      .update(voteCounts)
      .set({
        weight: sql`${voteCounts.weight} - ${sign * d.weight}`,
        votes: sql`${voteCounts.votes} - ${sign * d.votes}`,
        voidedWeight: sql`${voteCounts.voidedWeight} + ${sign * d.weight}`,
        voidedVotes: sql`${voteCounts.voidedVotes} + ${sign * d.votes}`,
        lastVoteAt: sql`(select max(${votes.castAt}) from ${votes} where ${votes.entryId} = ${entryId} and ${votes.voidId} is null)`,
      })
      .where(eq(voteCounts.entryId, entryId));
  }
  return [...byEntry.keys()];
}

/** After commit: every open page hears the new figures of the touched entries (live.ts). */
function announceAfter(ctx: AppContext, entryIds: readonly string[]) {
  return async () => {
    if (entryIds.length === 0) return;
    const rows = await ctx.db
      .select({
        entryId: voteCounts.entryId,
        campaignId: voteCounts.campaignId,
        themeId: voteCounts.themeId,
        weight: voteCounts.weight,
        votes: voteCounts.votes,
        voidedVotes: voteCounts.voidedVotes,
      })
      .from(voteCounts)
      .where(inArray(voteCounts.entryId, [...entryIds]));
    announceCounts(ctx, rows satisfies TVoteCountEvent[]);
  };
}

async function answer(ctx: AppContext, voidId: string): Promise<TVoteVoid> {
  const [row] = await ctx.db.select().from(voteVoids).where(eq(voteVoids.id, voidId));
  return presentVoid(row as VoidRow, true);
}

/**
 * Voiding, step 2: apply exactly the previewed votes, all or nothing, in one transaction: the void locked, then its
 * entries' counts; each vote marked with the void's id only if it still counts — when any was voided meanwhile
 * (another void), nothing is applied and PLAN_STALE { count } says how many entries changed; a new plan previews
 * them again. Votes that arrived since the preview do not make it stale (voting goes on while organizers look); the
 * answer shows the figures as applied. Counts move into voided_* in the same transaction; the writer audits with
 * the reason; the new counts go to open pages after commit.
 */
export async function applyVoid(input: {
  ctx: AppContext;
  actor: Actor;
  campaignId: string;
  voidId: string;
}): Promise<TVoteVoid> {
  const { ctx, actor } = input;
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const plan = await lockVoid(tx, actor, input.campaignId, input.voidId);
    if (plan.status !== 'planned') throw new AppError('WRONG_STATUS');
    const planned = plan.voteIds;
    const entryRows = planned.length
      ? await tx.selectDistinct({ entryId: votes.entryId }).from(votes).where(inArray(votes.id, planned))
      : [];
    await lockCounts(
      tx,
      entryRows.map((r) => r.entryId),
    );
    const marked = planned.length
      ? await tx
          .update(votes)
          .set({ voidId: plan.id })
          .where(and(inArray(votes.id, planned), isNull(votes.voidId)))
          .returning({ entryId: votes.entryId, weight: votes.weight })
      : [];
    if (marked.length !== planned.length) {
      const changed = await tx
        .selectDistinct({ entryId: votes.entryId })
        .from(votes)
        .where(and(inArray(votes.id, planned), ne(votes.voidId, plan.id)));
      // The entries whose votes another void took meanwhile (the rolled-back marks of this one are not counted).
      throw new AppError('PLAN_STALE', { count: Math.max(1, changed.length) });
    }
    const touched = await moveCounts(tx, marked, 1);
    await transitionVoteVoid({
      tx,
      afterCommit,
      actor,
      id: plan.id,
      campaignId: plan.campaignId,
      from: plan.status,
      to: 'applied',
      at: now,
      reason: plan.reason,
      data: { votes: marked.length, weight: marked.reduce((s, v) => s + v.weight, 0), entries: touched.length },
    });
    afterCommit(announceAfter(ctx, touched));
  });
  return answer(ctx, input.voidId);
}

/**
 * Undoing an applied void: its votes count again (their once-a-day rows were never deleted), the counts move back
 * from voided_*, the writer audits with the reason for reverting, open pages hear the new counts after commit.
 */
export async function revertVoid(input: {
  ctx: AppContext;
  actor: Actor;
  campaignId: string;
  voidId: string;
  reason: string;
}): Promise<TVoteVoid> {
  const { ctx, actor } = input;
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const plan = await lockVoid(tx, actor, input.campaignId, input.voidId);
    if (plan.status !== 'applied') throw new AppError('WRONG_STATUS');
    const entryRows = await tx.selectDistinct({ entryId: votes.entryId }).from(votes).where(eq(votes.voidId, plan.id));
    await lockCounts(
      tx,
      entryRows.map((r) => r.entryId),
    );
    const restored = await tx
      .update(votes)
      .set({ voidId: null })
      .where(eq(votes.voidId, plan.id))
      .returning({ entryId: votes.entryId, weight: votes.weight });
    const touched = await moveCounts(tx, restored, -1);
    await transitionVoteVoid({
      tx,
      afterCommit,
      actor,
      id: plan.id,
      campaignId: plan.campaignId,
      from: plan.status,
      to: 'reverted',
      at: now,
      reason: input.reason,
      data: {
        votes: restored.length,
        weight: restored.reduce((s, v) => s + v.weight, 0),
        entries: touched.length,
        voidReason: plan.reason,
      },
    });
    afterCommit(announceAfter(ctx, touched));
  });
  return answer(ctx, input.voidId);
}
