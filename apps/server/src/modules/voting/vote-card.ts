import type { TVoteCard } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { shanghaiDate, shanghaiMidnight } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../accounts/index.ts';
import { campaignAccess, campaigns, campaignThemes, loadCampaignPhases } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { certificationLevelOf, organizations } from '../orgs/index.ts';
import { countsVisible, loadVoteRules, voteWindows } from './vote-rules.ts';
import { voteAbility } from './voting.policy.ts';
import { readCount } from './voting.repo.ts';
import { voterDays, votes } from './voting.tables.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A passed entry of a published or closed campaign, with what the card shows; null for anything else. */
async function loadCardEntry(ctx: AppContext, entryId: string) {
  const [row] = await ctx.db
    .select({
      entryId: entries.id,
      campaignId: entries.campaignId,
      number: entries.number,
      title: entries.title,
      status: entries.status,
      themeId: entries.themeId,
      trackKey: entries.trackKey,
      organizationName: organizations.name,
      theme: { id: campaignThemes.id, code: campaignThemes.code, title: campaignThemes.title },
    })
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .where(and(eq(entries.id, entryId), eq(entries.status, 'passed'), sql`${campaigns.status} <> 'draft'`));
  return row ?? null;
}

/** The signed-in caller's facts for the card: account age, certification now, today's vote and used daily votes. */
async function voterToday(ctx: AppContext, actor: Actor, campaignId: string, entryId: string, day: string) {
  const [account] = await ctx.db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, actor.id));
  const [voted] = await ctx.db
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.campaignId, campaignId), eq(votes.entryId, entryId), eq(votes.voterId, actor.id), eq(votes.day, day)));
  const [used] = await ctx.db
    .select({ used: voterDays.used })
    .from(voterDays)
    .where(and(eq(voterDays.campaignId, campaignId), eq(voterDays.voterId, actor.id), eq(voterDays.day, day)));
  return {
    voter: { id: actor.id, createdAt: account?.createdAt ?? new Date(0), level: await certificationLevelOf(ctx.db, actor.id) },
    votedToday: voted !== undefined,
    usedToday: used?.used ?? 0,
  };
}

/**
 * An entry's public vote card (issue 9 item 4): title, hospital, theme, the count (null while the organizer hides
 * counts during the phase, except to the organizer's people) and, for a signed-in caller, whether they voted for it
 * today, when they may vote again and what their vote would weigh now. `abilities.vote` is the cast path's own
 * policy (`voteAbility`), so the button shows exactly when the vote would be taken. NOT_FOUND for an entry that is
 * not a passed entry of a published or closed campaign.
 */
export async function voteCard(ctx: AppContext, actor: Actor | null, entryId: string): Promise<TVoteCard> {
  const entry = await loadCardEntry(ctx, entryId);
  if (!entry) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const { campaignId } = entry;
  const [rules, phases, windows] = await Promise.all([
    loadVoteRules(ctx.db, campaignId),
    loadCampaignPhases(ctx.db, campaignId),
    voteWindows(ctx.db, campaignId),
  ]);
  const access = actor ? (await campaignAccess(ctx.db, actor, campaignId)).access : null;
  const day = shanghaiDate(now);
  const caller = actor ? await voterToday(ctx, actor, campaignId, entryId, day) : null;
  const vote = voteAbility({
    rules,
    phases,
    entry,
    voter: caller?.voter ?? null,
    now,
    votedToday: caller?.votedToday ?? false,
    usedToday: caller?.usedToday ?? 0,
  });
  const waitsForTomorrow = vote === 'ALREADY_VOTED_TODAY' || vote === 'DAILY_VOTE_CAP';
  return {
    entryId,
    campaignId,
    number: entry.number ?? '',
    title: entry.title,
    organizationName: entry.organizationName,
    theme: entry.theme,
    count: countsVisible(rules, phases, now, access) ? await readCount(ctx.db, entryId) : null,
    votedToday: caller?.votedToday ?? false,
    nextVoteAt: waitsForTomorrow ? new Date(shanghaiMidnight(day).getTime() + DAY_MS).toISOString() : null,
    myWeight: caller && rules ? rules.weights[caller.voter.level] : null,
    windows,
    abilities: { vote },
  };
}
