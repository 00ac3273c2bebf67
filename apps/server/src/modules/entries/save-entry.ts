import { checkAnswers, type TSaveEntryInput } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formFields } from '../campaigns/index.ts';
import { answerErrors, mergeAnswers, partnerIdsOf } from './answers.ts';
import { entries, entryVersions } from './entries.tables.ts';
import { entrySearchColumns } from './entry-search.ts';
import type { EntryWrite } from './entry-write.ts';

/**
 * Saves the applicant's text (drafts, and returned entries being corrected). The save names the version it
 * was edited from; if the entry changed since (another tab, a colleague), it is refused with STALE_VERSION and the
 * current text stays for the user to compare — never silently overwritten. Each save is kept as a version.
 * Answers are checked against the form version the entry was written under, for shape and limits only: a draft may
 * be incomplete (required fields are asked for on submission). The route has asked whyNotEdit on the entry as
 * locked in the caller's transaction; the answers merge into that copy.
 */
export async function saveEntry(w: EntryWrite & { input: TSaveEntryInput }): Promise<void> {
  const { tx, entry, input, actor } = w;
  const now = w.ctx.clock.now();
  const next = input.version + 1;
  const title = input.title ?? entry.title;
  const summary = input.summary ?? entry.summary;
  const answers = mergeAnswers(entry.answers, input.answers);
  const fields = await formFields(tx, entry.campaignId, entry.formVersion);
  answerErrors(checkAnswers(fields, answers, 'draft'));
  const [row] = await tx
    .update(entries)
    .set({
      title,
      summary,
      answers,
      partnerIds: partnerIdsOf(fields, answers, entry.organization.id),
      version: next,
      updatedAt: now,
      ...entrySearchColumns({ title, number: entry.number, organizationName: entry.organization.name }),
    })
    .where(and(eq(entries.id, entry.id), eq(entries.version, input.version), inArray(entries.status, ['draft', 'returned'])))
    .returning({ id: entries.id });
  if (!row) {
    const [current] = await tx
      .select({ version: entries.version, status: entries.status })
      .from(entries)
      .where(eq(entries.id, entry.id));
    if (current && current.status !== 'draft' && current.status !== 'returned') throw new AppError('WRONG_STATUS');
    throw new AppError('STALE_VERSION', { current: current?.version ?? 0, yours: input.version });
  }
  await tx
    .insert(entryVersions)
    .values({ entryId: entry.id, version: next, title, summary, answers, savedBy: actor.id, savedAt: now });
  await appendAudit(tx, {
    kind: 'entry.saved',
    actorId: actor.id,
    subjectType: 'entry',
    subjectId: entry.id,
    campaignId: entry.campaignId,
    data: { version: next },
    at: now,
  });
}
