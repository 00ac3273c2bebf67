import type { TAwardRule, TResultRule } from '@casearena/contract';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Queryable } from '../../platform/db/client.ts';
import { campaigns, campaignThemes, loadCampaignPhases, whyNotVote } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { judgingRounds, roundResults } from '../judging/index.ts';
import { stageFinalists, stages } from '../stage/index.ts';
import { popularityOf } from '../voting/index.ts';
import type { Label, SourceFacts, SourceRows } from './awards-engine.ts';
import { roundOf } from './awards-engine.ts';

/**
 * The facts every rule's problem is decided on, read cheaply (no result rows): the campaign's judging rounds (frozen
 * when status frozen with result rows; the tiers of the rule each froze with), its stages (frozen when state
 * frozen) and whether voting has ended (the campaign's voting phases per ctx.clock; none: no voting phase).
 */
export async function loadSourceFacts(db: Queryable, campaignId: string, now: Date): Promise<SourceFacts> {
  const rounds = await db
    .select({ id: judgingRounds.id, ordinal: judgingRounds.ordinal, label: judgingRounds.label, status: judgingRounds.status })
    .from(judgingRounds)
    .where(eq(judgingRounds.campaignId, campaignId))
    .orderBy(asc(judgingRounds.ordinal));
  const factsRounds: SourceFacts['rounds'] = [];
  for (const r of rounds) {
    const [one] =
      r.status === 'frozen'
        ? await db
            .select({ rule: sql<TResultRule | null>`${roundResults.breakdown}->'rule'` })
            .from(roundResults)
            .where(eq(roundResults.roundId, r.id))
            .limit(1)
        : [];
    const rule = one?.rule ?? null;
    const tiers =
      rule && 'tiers' in rule ? rule.tiers.map((t) => ({ key: t.key, label: (t.label as Label | undefined) ?? null })) : [];
    factsRounds.push({ id: r.id, ordinal: r.ordinal, label: r.label, frozen: one !== undefined, tiers });
  }
  const stageRows = await db
    .select({
      id: stages.id,
      themeId: stages.themeId,
      trackKey: stages.trackKey,
      label: stages.label,
      state: stages.state,
      awards: stages.awards,
    })
    .from(stages)
    .where(eq(stages.campaignId, campaignId))
    .orderBy(asc(stages.createdAt));
  const phases = await loadCampaignPhases(db, campaignId);
  const hasVoting = phases?.phases.some((p) => p.capabilities.includes('canVote')) ?? false;
  const voting = !phases || !hasVoting ? 'none' : whyNotVote(phases, now) === 'PHASE_CLOSED' ? 'ended' : 'running';
  return {
    rounds: factsRounds,
    stages: stageRows.map(({ state, ...s }) => ({ ...s, frozen: state === 'frozen' })),
    voting,
  };
}

/**
 * The rows the rules without a problem read: the campaign's themes, tracks and entries (id, number, theme, track,
 * hospital, whether it counts as submitted), the result rows of the rounds the rules name, the finalists of the
 * stages, and voting's popularity ranking when a popularity rule is computed (through voting's index.ts).
 */
export async function loadSourceRows(
  ctx: Pick<AppContext, 'clock'> & Partial<AppContext>,
  db: Queryable,
  campaignId: string,
  rules: readonly TAwardRule[],
  facts: SourceFacts,
  blocked: ReadonlySet<string>,
): Promise<SourceRows> {
  const live = rules.filter((r) => !blocked.has(r.key));
  const [campaign] = await db.select({ tracks: campaigns.tracks }).from(campaigns).where(eq(campaigns.id, campaignId));
  const themes = await db
    .select({ id: campaignThemes.id, position: campaignThemes.position })
    .from(campaignThemes)
    .where(eq(campaignThemes.campaignId, campaignId));
  // The big reads (100,000 entries and result rows) come back as one JSON text each: one value through the driver
  // instead of a row object per entry, several times faster on PGlite.
  const entryRows = await jsonRows<[string, string | null, string, string | null, string, boolean]>(
    db,
    sql`select coalesce(json_agg(json_build_array(${entries.id}, ${entries.number}, ${entries.themeId}, ${entries.trackKey},
          ${entries.organizationId}, ${entries.status} in ('submitted', 'returned', 'passed')))::text, '[]') as j
        from ${entries} where ${entries.campaignId} = ${campaignId}`,
  );
  const roundIds = new Set<string>();
  for (const r of live)
    if (r.kind === 'tiers' || r.kind === 'most_tier' || r.kind === 'quota') {
      const round = roundOf(r, facts.rounds, r.kind !== 'quota');
      if (typeof round !== 'string') roundIds.add(round.id);
    }
  const results: SourceRows['results'] = [];
  for (const roundId of roundIds) {
    const part = await jsonRows<[string, number | null, number | null, string | null]>(
      db,
      sql`select coalesce(json_agg(json_build_array(${roundResults.entryId}, ${roundResults.score}::float8, ${roundResults.rank},
            ${roundResults.tier}))::text, '[]') as j
          from ${roundResults} where ${roundResults.roundId} = ${roundId}`,
    );
    for (const [entryId, score, rank, tier] of part) results.push({ roundId, entryId, score, rank, tier });
  }
  const stageIds = live.some((r) => r.kind === 'medals') ? facts.stages.map((s) => s.id) : [];
  const finalists =
    stageIds.length === 0
      ? []
      : await db
          .select({
            stageId: stageFinalists.stageId,
            entryId: stageFinalists.entryId,
            rank: stageFinalists.rank,
            final: stageFinalists.final,
            award: stageFinalists.award,
          })
          .from(stageFinalists)
          .where(and(inArray(stageFinalists.stageId, stageIds)));
  const popularity = live.some((r) => r.kind === 'popularity')
    ? // voting's read model asks ctx.db: give it the caller's transaction (one connection on PGlite).
      (await popularityOf({ ...(ctx as AppContext), db: db as Db }, campaignId)).groups
    : [];
  return {
    themes,
    tracks: (campaign?.tracks ?? []).map((t) => ({ key: t.key, label: t.label })),
    entries: entryRows.map(([id, number, themeId, trackKey, organizationId, counted]) => ({
      id,
      number,
      themeId,
      trackKey,
      organizationId,
      counted,
    })),
    results,
    finalists,
    popularity,
  };
}

/** One `select … as j` whose j is a JSON array text, parsed. */
async function jsonRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: Array<{ j: string }> };
  return JSON.parse(result.rows[0]?.j ?? '[]') as T[];
}
