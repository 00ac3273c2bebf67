import type { TVoteCount } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import type { VotableEntryFacts } from './voting.policy.ts';
import { voteCounts, votes } from './voting.tables.ts';

/**
 * The facts the vote policy needs of an entry, or null when nobody outside may know it exists: no such entry, or its
 * campaign is still a draft (NOT_FOUND, as everywhere: not found and forbidden look the same).
 */
export async function loadVotableEntry(db: Queryable, entryId: string): Promise<VotableEntryFacts | null> {
  const [row] = await db
    .select({
      campaignId: entries.campaignId,
      status: entries.status,
      themeId: entries.themeId,
      trackKey: entries.trackKey,
      campaignStatus: campaigns.status,
    })
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .where(eq(entries.id, entryId));
  if (!row || row.campaignStatus === 'draft') return null;
  return { campaignId: row.campaignId, status: row.status, themeId: row.themeId, trackKey: row.trackKey };
}

/** An entry's count as the vote_counts row holds it (zeros before its first vote). */
export async function readCount(db: Queryable, entryId: string): Promise<TVoteCount> {
  const [row] = await db
    .select({ weight: voteCounts.weight, votes: voteCounts.votes, voidedVotes: voteCounts.voidedVotes })
    .from(voteCounts)
    .where(eq(voteCounts.entryId, entryId));
  return { entryId, weight: row?.weight ?? 0, votes: row?.votes ?? 0, voidedVotes: row?.voidedVotes ?? 0 };
}

/**
 * The vote a voter cast under an idempotency key, as its receipt without the count: a retry that arrives after the
 * phase closed (or the entry left the ballot) still answers the vote it repeats.
 */
export async function findVoteByKey(db: Queryable, voterId: string, idempotencyKey: string) {
  const [row] = await db
    .select({
      voteId: votes.id,
      entryId: votes.entryId,
      weight: votes.weight,
      level: votes.level,
      castAt: votes.castAt,
      day: votes.day,
    })
    .from(votes)
    .where(and(eq(votes.voterId, voterId), eq(votes.idempotencyKey, idempotencyKey)));
  return row ?? null;
}
