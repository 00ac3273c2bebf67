import type { TCreateEntryInput, TEntry } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignThemes } from '../campaigns/campaigns.tables.ts';
import { findEntry } from './entries.repo.ts';
import { entries, entryVersions } from './entries.tables.ts';
import { assertSubmissionOpen } from './phase.ts';

/**
 * Starts a draft entry for the applicant's organization in a theme of a published campaign while submission is
 * open. One entry per organization per theme (S0-6; a branch is its own organization) — DUPLICATE_ENTRY.
 */
export async function createEntry(ctx: AppContext, actor: Actor, campaignId: string, input: TCreateEntryInput): Promise<TEntry> {
  const now = ctx.clock.now();
  if (!actor.organizationId) throw new AppError('ORGANIZATION_REQUIRED');
  const organizationId = actor.organizationId;
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await assertSubmissionOpen(tx, campaignId, now);
      const [theme] = await tx
        .select({ id: campaignThemes.id })
        .from(campaignThemes)
        .where(and(eq(campaignThemes.id, input.themeId), eq(campaignThemes.campaignId, campaignId)));
      if (!theme) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'themeId', code: 'INVALID_CHOICE' }]);
      const [row] = await tx
        .insert(entries)
        .values({
          campaignId,
          themeId: theme.id,
          organizationId,
          authorId: actor.id,
          title: input.title,
          summary: input.summary ?? '',
          status: 'draft',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: entries.id });
      if (!row) throw new AppError('INTERNAL');
      await tx.insert(entryVersions).values({
        entryId: row.id,
        version: 1,
        title: input.title,
        summary: input.summary ?? '',
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
    if (uniqueViolation(err) === 'entries_one_per_org_theme_key') throw new AppError('DUPLICATE_ENTRY');
    throw err;
  }
}
