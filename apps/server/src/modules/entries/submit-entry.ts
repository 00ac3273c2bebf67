import { countChars, ENTRY_LIMITS, type TEntry } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignPhases, campaignThemes } from '../campaigns/campaigns.tables.ts';
import { findEntry } from './entries.repo.ts';
import { entries } from './entries.tables.ts';
import { assertSubmissionOpen } from './phase.ts';

/**
 * Submits a draft: submission must be open (S0-7), the consent given (S0-9), the text within limits, and the
 * version current. The entry gets its number, e.g. 2022-T03-0042 — the year the submission phase ends, the
 * theme code, and a sequence per theme taken under the theme's row lock so two submissions never share one.
 */
export async function submitEntry(ctx: AppContext, actor: Actor, entry: TEntry, input: { version: number }): Promise<TEntry> {
  const now = ctx.clock.now();
  if (countChars(entry.summary) > ENTRY_LIMITS.summary) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'summary', code: 'CJK_TOO_LONG', params: { max: ENTRY_LIMITS.summary, count: countChars(entry.summary) } },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    await assertSubmissionOpen(tx, entry.campaignId, now);
    const [theme] = await tx.select().from(campaignThemes).where(eq(campaignThemes.id, entry.theme.id)).for('update');
    if (!theme) throw new AppError('NOT_FOUND');
    const [lastSubmissionDay] = await tx
      .select({ endsAt: sql<Date>`max(${campaignPhases.endsAt})` })
      .from(campaignPhases)
      .where(and(eq(campaignPhases.campaignId, entry.campaignId), sql`'canSubmit' = any(${campaignPhases.capabilities})`));
    const year = shanghaiDate(new Date(lastSubmissionDay?.endsAt ?? now)).slice(0, 4);
    const number = `${year}-${theme.code}-${String(theme.nextNumber).padStart(4, '0')}`;
    const [row] = await tx
      .update(entries)
      .set({ status: 'submitted', number, consentAt: now, submittedAt: now, updatedAt: now })
      .where(and(eq(entries.id, entry.id), eq(entries.version, input.version), eq(entries.status, 'draft')))
      .returning({ id: entries.id });
    if (!row) {
      const [current] = await tx
        .select({ version: entries.version, status: entries.status })
        .from(entries)
        .where(eq(entries.id, entry.id));
      if (current?.status !== 'draft') throw new AppError('WRONG_STATUS');
      throw new AppError('STALE_VERSION', { current: current.version, yours: input.version });
    }
    await tx
      .update(campaignThemes)
      .set({ nextNumber: theme.nextNumber + 1 })
      .where(eq(campaignThemes.id, theme.id));
    await appendAudit(tx, {
      kind: 'entry.submitted',
      actorId: actor.id,
      subjectType: 'entry',
      subjectId: entry.id,
      campaignId: entry.campaignId,
      data: { number, consent: true },
      at: now,
    });
  });
  return (await findEntry(ctx.db, entry.id)) as TEntry;
}
