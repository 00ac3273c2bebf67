import type { TLeaderboard, TVoteRules } from '@casearena/contract';
import { and, asc, count, desc, eq, gt, inArray, notExists, type SQL, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignAccess, campaignThemes, loadCampaignPhases } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { countsVisible, isOrganizerStaff, loadVoteRules } from './vote-rules.ts';
import { voteCounts } from './voting.tables.ts';

export interface LeaderboardPage {
  limit: number;
  offset: number;
}

/**
 * The stated order of every ranking (leaderboard and popularity): the weighted total, highest first; then more
 * (counted) votes; then the earlier `last_vote_at` (the entry that reached its total first); then the entry number.
 * The last key is unique, so the order is total and a rank is a position.
 */
export const RANKING_ORDER = [
  desc(voteCounts.weight),
  desc(voteCounts.votes),
  sql`${voteCounts.lastVoteAt} asc nulls last`,
  asc(entries.number),
];

const rowColumns = {
  entryId: entries.id,
  number: entries.number,
  title: entries.title,
  organizationName: organizations.name,
};

/** The passed entries of one theme that the rules put on the ballot (the theme itself is checked by the caller). */
function votableOfTheme(campaignId: string, themeId: string, rules: TVoteRules): SQL | undefined {
  return and(
    eq(entries.campaignId, campaignId),
    eq(entries.themeId, themeId),
    eq(entries.status, 'passed'),
    rules.trackKeys.length > 0 ? inArray(entries.trackKey, rules.trackKeys) : undefined,
  );
}

/**
 * A theme's public leaderboard (issue 9 item 4), one page at a time, fast for 10,000 entries. Entries with counted
 * votes come first, read from vote_counts in RANKING_ORDER along its (campaign, theme, weight desc) index; after
 * them the votable entries without any counted vote, in number order (their weight and votes are 0; the tie-break
 * then ends at the number). While counts are hidden from the caller (`countsShown: false`), every row comes in
 * number order with `rank`, `weight` and `votes` all 0: the order itself would tell the standings. A theme the rules
 * leave off the ballot, or a campaign without voting, has no rows. NOT_FOUND: no such campaign or theme in it, or a
 * draft campaign to anyone but its organizer's people.
 */
export async function leaderboard(
  ctx: AppContext,
  actor: Actor | null,
  campaignId: string,
  themeId: string,
  page: LeaderboardPage,
): Promise<TLeaderboard> {
  const { db } = ctx;
  const { campaign, access } = await campaignAccess(db, actor, campaignId);
  if (campaign.status === 'draft' && !isOrganizerStaff(access)) throw new AppError('NOT_FOUND');
  const [theme] = await db
    .select({ id: campaignThemes.id })
    .from(campaignThemes)
    .where(and(eq(campaignThemes.id, themeId), eq(campaignThemes.campaignId, campaignId)));
  if (!theme) throw new AppError('NOT_FOUND');
  const [rules, phases] = await Promise.all([loadVoteRules(db, campaignId), loadCampaignPhases(db, campaignId)]);
  const countsShown = countsVisible(rules, phases, ctx.clock.now(), access);
  const onBallot = rules?.enabled === true && (rules.themeIds.length === 0 || rules.themeIds.includes(themeId));
  if (!rules || !onBallot) return { campaignId, themeId, countsShown, rows: [] };
  const votable = votableOfTheme(campaignId, themeId, rules);
  const present = <R extends { number: string | null }>(r: R) => ({ ...r, number: r.number ?? '' });

  if (!countsShown) {
    const rows = await db
      .select(rowColumns)
      .from(entries)
      .innerJoin(organizations, eq(organizations.id, entries.organizationId))
      .where(votable)
      .orderBy(asc(entries.number))
      .limit(page.limit)
      .offset(page.offset);
    return { campaignId, themeId, countsShown, rows: rows.map((r) => ({ ...present(r), rank: 0, weight: 0, votes: 0 })) };
  }

  const counted = and(eq(voteCounts.campaignId, campaignId), eq(voteCounts.themeId, themeId), gt(voteCounts.votes, 0));
  const ranked = await db
    .select({ ...rowColumns, weight: voteCounts.weight, votes: voteCounts.votes })
    .from(voteCounts)
    .innerJoin(entries, and(eq(entries.id, voteCounts.entryId), votable))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .where(counted)
    .orderBy(...RANKING_ORDER)
    .limit(page.limit)
    .offset(page.offset);
  const rows = ranked.map((r, i) => ({ ...present(r), rank: page.offset + i + 1 }));
  if (rows.length === page.limit) return { campaignId, themeId, countsShown, rows };

  // The page runs past the counted entries: how many there are, then the uncounted ones in number order.
  let countedTotal = page.offset + rows.length;
  if (rows.length === 0 && page.offset > 0) {
    const [n] = await db
      .select({ n: count() })
      .from(voteCounts)
      .innerJoin(entries, and(eq(entries.id, voteCounts.entryId), votable))
      .where(counted);
    countedTotal = n?.n ?? 0;
  }
  const uncounted = await db
    .select(rowColumns)
    .from(entries)
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .where(
      and(
        votable,
        notExists(
          db
            .select({ one: sql`1` })
            .from(voteCounts)
            .where(and(eq(voteCounts.entryId, entries.id), gt(voteCounts.votes, 0))),
        ),
      ),
    )
    .orderBy(asc(entries.number))
    .limit(page.limit - rows.length)
    .offset(Math.max(0, page.offset - countedTotal));
  const first = countedTotal + Math.max(0, page.offset - countedTotal) + 1;
  return {
    campaignId,
    themeId,
    countsShown,
    rows: [...rows, ...uncounted.map((r, i) => ({ ...present(r), rank: first + i, weight: 0, votes: 0 }))],
  };
}
