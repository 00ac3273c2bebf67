import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { users } from '../accounts/index.ts';
import { entries } from '../entries/index.ts';
import type { VoteFact } from './detector.ts';
import { voteCounts, votes } from './voting.tables.ts';

export type LevelledVoteFact = VoteFact & { level: 'none' | 'professional' | 'institution' };

/** Every vote of a campaign (voided ones marked) with its voter's account age: the dashboard's and detector's input. */
export async function loadVoteFacts(db: Queryable, campaignId: string): Promise<LevelledVoteFact[]> {
  const rows = await db
    .select({
      voteId: votes.id,
      voterId: votes.voterId,
      entryId: votes.entryId,
      themeId: votes.themeId,
      at: votes.castAt,
      ip: votes.ip,
      deviceId: votes.deviceId,
      voterCreatedAt: users.createdAt,
      weight: votes.weight,
      level: votes.level,
      voidId: votes.voidId,
    })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.voterId))
    .where(eq(votes.campaignId, campaignId))
    .orderBy(asc(votes.castAt), asc(votes.id));
  return rows.map(({ voidId, ...r }) => ({ ...r, voided: voidId !== null }));
}

/** One entry's standing in its theme. */
export interface Standing {
  entryId: string;
  themeId: string;
  number: string | null;
  title: string;
  weight: number;
  votes: number;
  lastVoteAt: Date | null;
}

/**
 * The passed entries of the themes given (and any entry with a count), with their counts: what the theme
 * leaderboard ranks. Read in the caller's transaction when it is about to change them.
 */
export async function loadStandings(db: Queryable, campaignId: string, themeIds: readonly string[]): Promise<Standing[]> {
  if (themeIds.length === 0) return [];
  const rows = await db
    .select({
      entryId: entries.id,
      themeId: entries.themeId,
      number: entries.number,
      title: entries.title,
      weight: voteCounts.weight,
      votes: voteCounts.votes,
      lastVoteAt: voteCounts.lastVoteAt,
    })
    .from(entries)
    .leftJoin(voteCounts, eq(voteCounts.entryId, entries.id))
    .where(
      and(
        eq(entries.campaignId, campaignId),
        sql`${entries.themeId} in ${themeIds}`,
        sql`(${entries.status} = 'passed' or ${voteCounts.entryId} is not null)`,
      ),
    );
  return rows.map((r) => ({ ...r, weight: r.weight ?? 0, votes: r.votes ?? 0 }));
}

/**
 * The theme leaderboard's order: weight desc, votes desc, who reached the total first (last_vote_at asc, no vote
 * last), entry number asc. Answers each entry's rank (1-based) within its theme.
 */
export function rankStandings(standings: readonly Standing[]): Map<string, number> {
  const byTheme = new Map<string, Standing[]>();
  for (const s of standings) byTheme.set(s.themeId, [...(byTheme.get(s.themeId) ?? []), s]);
  const ranks = new Map<string, number>();
  for (const list of byTheme.values()) {
    list.sort(compareStandings);
    for (const [i, s] of list.entries()) ranks.set(s.entryId, i + 1);
  }
  return ranks;
}

function compareStandings(a: Standing, b: Standing): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  if (a.votes !== b.votes) return b.votes - a.votes;
  const at = a.lastVoteAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bt = b.lastVoteAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at - bt;
  const an = a.number ?? '';
  const bn = b.number ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}
