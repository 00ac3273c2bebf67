import type { TVoteVoid, TVoteVoidInput } from '@casearena/contract';
import { and, eq, inArray, isNull, max, notInArray, or } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { flaggedVoteIds } from './dashboard.ts';
import { loadStandings, rankStandings } from './fraud-facts.ts';
import { VOTE_VOID_TRANSITIONS, type VoteVoidStatus } from './transition-vote-void.ts';
import { votes, voteVoids } from './voting.tables.ts';

/** A plan resolves to at most this many votes (a larger brushing is voided in several plans). */
export const MAX_VOID_VOTES = 20_000;

export type VoidRow = typeof voteVoids.$inferSelect;
type PreviewEntry = TVoteVoid['preview'][number];
interface StoredPreview {
  votes: number;
  weight: number;
  entries: PreviewEntry[];
}

/**
 * Each touched entry's count and rank in its theme before and after voiding these votes (the leaderboard's order:
 * weight, votes, who reached the total first, number), as the rows stand now.
 */
async function previewOf(
  db: Queryable,
  campaignId: string,
  removed: ReadonlyArray<{ id: string; entryId: string; themeId: string; weight: number }>,
): Promise<StoredPreview> {
  const byEntry = new Map<string, { votes: number; weight: number }>();
  for (const v of removed) {
    const row = byEntry.get(v.entryId) ?? { votes: 0, weight: 0 };
    row.votes += 1;
    row.weight += v.weight;
    byEntry.set(v.entryId, row);
  }
  const entryIds = [...byEntry.keys()];
  const before = await loadStandings(db, campaignId, [...new Set(removed.map((v) => v.themeId))]);
  // The tie-break after the void: when each entry's last still-counted vote came.
  const last = await db
    .select({ entryId: votes.entryId, at: max(votes.castAt) })
    .from(votes)
    .where(
      and(
        inArray(votes.entryId, entryIds),
        isNull(votes.voidId),
        notInArray(
          votes.id,
          removed.map((v) => v.id),
        ),
      ),
    )
    .groupBy(votes.entryId);
  const lastAt = new Map(last.map((r) => [r.entryId, r.at]));
  const after = before.map((s) => {
    const minus = byEntry.get(s.entryId);
    if (!minus) return s;
    return { ...s, votes: s.votes - minus.votes, weight: s.weight - minus.weight, lastVoteAt: lastAt.get(s.entryId) ?? null };
  });
  const rankBefore = rankStandings(before);
  const rankAfter = rankStandings(after);
  const afterById = new Map(after.map((s) => [s.entryId, s]));
  const entries = before
    .filter((s) => byEntry.has(s.entryId))
    .map((s) => {
      const a = afterById.get(s.entryId) ?? s;
      return {
        entryId: s.entryId,
        themeId: s.themeId,
        number: s.number,
        title: s.title,
        votes: { before: s.votes, after: a.votes },
        weight: { before: s.weight, after: a.weight },
        rank: { before: rankBefore.get(s.entryId) ?? 0, after: rankAfter.get(s.entryId) ?? 0 },
      };
    })
    .sort((x, y) => (x.themeId < y.themeId ? -1 : x.themeId > y.themeId ? 1 : x.rank.before - y.rank.before));
  return { votes: removed.length, weight: removed.reduce((s, v) => s + v.weight, 0), entries };
}

/** Whether the caller may apply or revert a void now: managers only, along the status table. */
export function voidAbilities(canManage: boolean, status: VoteVoidStatus): TVoteVoid['abilities'] {
  const may = (to: VoteVoidStatus) =>
    !canManage ? 'FORBIDDEN' : (VOTE_VOID_TRANSITIONS[status] as readonly VoteVoidStatus[]).includes(to) ? true : 'WRONG_STATUS';
  return { apply: may('applied'), revert: may('reverted') };
}

export function presentVoid(row: VoidRow, canManage: boolean): TVoteVoid {
  const preview = row.preview as StoredPreview;
  return {
    id: row.id,
    campaignId: row.campaignId,
    status: row.status,
    reason: row.reason,
    selection: row.selection,
    votes: preview.votes,
    weight: preview.weight,
    preview: preview.entries,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
    revertedAt: row.revertedAt?.toISOString() ?? null,
    abilities: voidAbilities(canManage, row.status),
  };
}

/**
 * Voiding, step 1: the plan (issue 9 item 5). Nothing changes yet. The selection — vote ids, voter ids (all their
 * still-counted votes in the campaign), the detector's finding keys — resolves now to still-counted votes of this
 * campaign (others' ids select nothing); the plan keeps exactly those and the preview of every touched entry's
 * count and rank. VALIDATION_FAILED when a finding key is unknown or nothing is selected. The caller is a manager
 * of the campaign (checked by the route).
 */
export async function planVoid(ctx: AppContext, actor: Actor, campaignId: string, input: TVoteVoidInput): Promise<TVoteVoid> {
  const now = ctx.clock.now();
  const selection = { voteIds: input.voteIds ?? [], voterIds: input.voterIds ?? [], flagKeys: input.flagKeys ?? [] };
  const flagged = await flaggedVoteIds(ctx, campaignId, selection.flagKeys);
  if (flagged.unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'flagKeys', code: 'INVALID' }]);
  }
  const ids = [...new Set([...selection.voteIds, ...flagged.voteIds])];
  const rows = await ctx.db
    .select({ id: votes.id, entryId: votes.entryId, themeId: votes.themeId, weight: votes.weight })
    .from(votes)
    .where(
      and(
        eq(votes.campaignId, campaignId),
        isNull(votes.voidId),
        or(
          ids.length ? inArray(votes.id, ids) : undefined,
          selection.voterIds.length ? inArray(votes.voterId, selection.voterIds) : undefined,
        ),
      ),
    )
    .limit(MAX_VOID_VOTES + 1);
  if (rows.length === 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'voteIds', code: 'REQUIRED' }]);
  if (rows.length > MAX_VOID_VOTES) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'voteIds', code: 'OUT_OF_RANGE', params: { max: MAX_VOID_VOTES } },
    ]);
  }
  const preview = await previewOf(ctx.db, campaignId, rows);
  const [plan] = await ctx.db
    .insert(voteVoids)
    .values({
      campaignId,
      status: 'planned',
      reason: input.reason,
      selection,
      voteIds: rows.map((r) => r.id).sort(),
      preview,
      createdBy: actor.id,
      createdAt: now,
    })
    .returning();
  if (!plan) throw new AppError('INTERNAL');
  return presentVoid(plan, true);
}
