import type { TPopularity } from '@casearena/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { rankPopularity } from './popularity.ts';
import { loadVoteRules, rulesOrOff } from './vote-rules.ts';
import { voteCounts } from './voting.tables.ts';

/**
 * The campaign's popularity ranking as it stands now (the route has checked that the caller is the organizer's
 * staff). It reads only the campaign's themes and tracks, its passed entries with their hospitals, and vote_counts
 * (counted votes: voided ones are out of `weight`/`votes`); nothing of expert judging, which never reads it either
 * (S0-11). A campaign without voting has no groups.
 */
export async function popularityOf(ctx: AppContext, campaignId: string): Promise<TPopularity> {
  const { db } = ctx;
  const asOf = ctx.clock.now().toISOString();
  const rules = await loadVoteRules(db, campaignId);
  const proportion = rulesOrOff(rules).popularityProportion;
  if (!rules?.enabled) return { campaignId, proportion, asOf, groups: [] };
  const [campaign] = await db.select({ tracks: campaigns.tracks }).from(campaigns).where(eq(campaigns.id, campaignId));
  const themes = await db
    .select({ id: campaignThemes.id, code: campaignThemes.code, title: campaignThemes.title })
    .from(campaignThemes)
    .where(
      and(
        eq(campaignThemes.campaignId, campaignId),
        rules.themeIds.length > 0 ? inArray(campaignThemes.id, rules.themeIds) : undefined,
      ),
    )
    .orderBy(asc(campaignThemes.position));
  const rows = await db
    .select({
      entryId: entries.id,
      number: entries.number,
      title: entries.title,
      organizationId: entries.organizationId,
      organizationName: organizations.name,
      themeId: entries.themeId,
      trackKey: entries.trackKey,
      weight: voteCounts.weight,
      votes: voteCounts.votes,
      lastVoteAt: voteCounts.lastVoteAt,
    })
    .from(entries)
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .leftJoin(voteCounts, eq(voteCounts.entryId, entries.id))
    .where(
      and(
        eq(entries.campaignId, campaignId),
        eq(entries.status, 'passed'),
        rules.trackKeys.length > 0 ? inArray(entries.trackKey, rules.trackKeys) : undefined,
      ),
    );
  const groups = rankPopularity({
    themes,
    tracks: (campaign?.tracks ?? []).filter((t) => rules.trackKeys.length === 0 || rules.trackKeys.includes(t.key)),
    proportion: rules.popularityProportion,
    entries: rows.map((r) => ({
      ...r,
      number: r.number ?? '',
      weight: r.weight ?? 0,
      votes: r.votes ?? 0,
      lastVoteAt: r.lastVoteAt ?? null,
    })),
  });
  return { campaignId, proportion: rules.popularityProportion, asOf, groups };
}
