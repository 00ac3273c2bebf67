import type { TEntryJudgingResults } from '@casearena/contract';
import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { entries } from '../entries/index.ts';
import { judgingAccess } from './judging.policy.ts';
import { judgingRounds, roundResults } from './judging.tables.ts';
import type { FrozenBreakdown } from './result-facts.ts';
import { judgeLines } from './results-ranking.ts';

const NOBODY: ReadonlySet<string> = new Set();

/**
 * GET /api/entries/:entryId/judging-results (issue 10 items 5 and 6): the entry's frozen results round by round —
 * score, rank in its theme/track, tier and whether it advanced, the published formula and its breakdown per
 * criterion and per sheet. The entry's applicants (its organization, a joint applicant) see only published rounds,
 * the judges as 评委 1, 2, … without names in a blind round; the organizer's staff also see frozen rounds not yet
 * published. Nothing to show — nothing published, or the caller neither applicant nor organizer — is NOT_FOUND.
 */
export async function entryJudgingResults(db: Queryable, actor: Actor, entryId: string): Promise<TEntryJudgingResults> {
  const [entry] = await db
    .select({ campaignId: entries.campaignId, organizationId: entries.organizationId, partnerIds: entries.partnerIds })
    .from(entries)
    .where(eq(entries.id, entryId));
  if (!entry) throw new AppError('NOT_FOUND');
  const applicant =
    actor.organizationId !== null &&
    (actor.organizationId === entry.organizationId || entry.partnerIds.includes(actor.organizationId));
  const staff = (await judgingAccess(db, actor, entry.campaignId)).access !== null;
  if (!applicant && !staff) throw new AppError('NOT_FOUND');

  const rows = await db
    .select({
      r: roundResults,
      label: judgingRounds.label,
      ordinal: judgingRounds.ordinal,
      blind: judgingRounds.blind,
      publishedAt: judgingRounds.resultsPublishedAt,
    })
    .from(roundResults)
    .innerJoin(judgingRounds, eq(judgingRounds.id, roundResults.roundId))
    .where(and(eq(roundResults.entryId, entryId), staff ? undefined : isNotNull(judgingRounds.resultsPublishedAt)))
    .orderBy(asc(judgingRounds.ordinal), asc(judgingRounds.id));
  if (rows.length === 0) throw new AppError('NOT_FOUND');

  const groupSizes = await db
    .select({ roundId: roundResults.roundId, groupKey: sql<string>`${roundResults.breakdown}->>'groupKey'`, n: count() })
    .from(roundResults)
    .where(
      inArray(
        roundResults.roundId,
        rows.map((x) => x.r.roundId),
      ),
    )
    .groupBy(roundResults.roundId, sql`${roundResults.breakdown}->>'groupKey'`);
  const sizeOf = new Map(groupSizes.map((g) => [`${g.roundId}/${g.groupKey}`, Number(g.n)]));

  return {
    entryId,
    rounds: rows.map(({ r, label, ordinal, blind, publishedAt }) => {
      const b = r.breakdown as FrozenBreakdown;
      const tier = 'tiers' in b.rule ? b.rule.tiers.find((t) => t.key === r.tier) : undefined;
      // Applicants never learn who scored in a blind round; organizer staff always see the names.
      const hide = () => blind && !staff;
      return {
        roundId: r.roundId,
        label,
        ordinal,
        score: r.score,
        rank: r.rank,
        groupSize: sizeOf.get(`${r.roundId}/${b.groupKey}`) ?? 0,
        tier: r.tier,
        tierLabel: tier?.label ?? null,
        advanced: r.advanced,
        formula: b.formula,
        sheets: b.sheets,
        perCriterion: b.perCriterion,
        perJudge: judgeLines(b.perJudge, hide, NOBODY),
        publishedAt: publishedAt?.toISOString() ?? null,
      };
    }),
  };
}
