import { checkAnswers, type TCreateEntryInput, type TEntry } from '@casearena/contract';
import { and, eq, ne, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes, findForm } from '../campaigns/index.ts';
import { answerErrors, partnerIdsOf } from './answers.ts';
import { assertEligible, organizationFacts, trackFor } from './eligibility.ts';
import { findEntry } from './entries.repo.ts';
import { entries, entryVersions } from './entries.tables.ts';
import { entrySearchColumns } from './entry-search.ts';
import { assertSubmissionOpen } from './phase.ts';

/**
 * Starts a draft entry for the applicant's organization in a theme of a published campaign while submission is
 * open, under the campaign's current form version. The organization must be eligible (S0-1, S2-1); one entry per
 * organization per theme (S0-6; a branch is its own organization) — DUPLICATE_ENTRY; at most N per organization
 * when the campaign says so (S1-4). The entry joins its track (S1-2).
 */
export async function createEntry(ctx: AppContext, actor: Actor, campaignId: string, input: TCreateEntryInput): Promise<TEntry> {
  const now = ctx.clock.now();
  if (!actor.organizationId) throw new AppError('ORGANIZATION_REQUIRED');
  const organizationId = actor.organizationId;
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await assertSubmissionOpen(tx, campaignId, now);
      const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId));
      if (!campaign) throw new AppError('NOT_FOUND');
      const [theme] = await tx
        .select({ id: campaignThemes.id })
        .from(campaignThemes)
        .where(and(eq(campaignThemes.id, input.themeId), eq(campaignThemes.campaignId, campaignId)));
      if (!theme) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'themeId', code: 'INVALID_CHOICE' }]);
      const org = await organizationFacts(tx, organizationId);
      assertEligible(campaign.eligibilityRules, org);
      if (campaign.entryRules.maxPerOrganization !== null) {
        const [count] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(entries)
          .where(
            and(eq(entries.campaignId, campaignId), eq(entries.organizationId, organizationId), ne(entries.status, 'withdrawn')),
          );
        if ((count?.n ?? 0) >= campaign.entryRules.maxPerOrganization)
          throw new AppError('NOT_ELIGIBLE', { rule: 'maxPerOrganization', max: campaign.entryRules.maxPerOrganization });
      }
      const form = await findForm(tx, campaignId);
      const answers = input.answers ?? {};
      answerErrors(checkAnswers(form?.fields ?? [], answers, 'draft'));
      const [row] = await tx
        .insert(entries)
        .values({
          campaignId,
          themeId: theme.id,
          organizationId,
          authorId: actor.id,
          title: input.title,
          summary: input.summary ?? '',
          answers,
          partnerIds: partnerIdsOf(form?.fields ?? [], answers, organizationId),
          formVersion: form?.version ?? 1,
          trackKey: trackFor(campaign.tracks, org),
          // S0-6: the unique index binds this entry only where the campaign enforces one per organization and theme.
          onePerOrgTheme: campaign.entryRules.onePerOrganizationPerTheme,
          status: 'draft',
          createdAt: now,
          updatedAt: now,
          ...entrySearchColumns({ title: input.title, number: null, organizationName: org.name }),
        })
        .returning({ id: entries.id });
      if (!row) throw new AppError('INTERNAL');
      await tx.insert(entryVersions).values({
        entryId: row.id,
        version: 1,
        title: input.title,
        summary: input.summary ?? '',
        answers,
        savedBy: actor.id,
        savedAt: now,
      });
      await appendAudit(tx, {
        kind: 'entry.created',
        actorId: actor.id,
        subjectType: 'entry',
        subjectId: row.id,
        campaignId,
        data: { themeId: theme.id, organizationId },
        at: now,
      });
      return row.id;
    });
    return (await findEntry(ctx.db, id)) as TEntry;
  } catch (err) {
    // S0-6 is decided by the database's unique index, so two tabs racing cannot both create one.
    if (uniqueViolation(err) === 'entries_one_per_org_theme_key') throw new AppError('DUPLICATE_ENTRY');
    throw err;
  }
}
