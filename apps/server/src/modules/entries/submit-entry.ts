import { checkAnswers, countChars, ENTRY_LIMITS } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { addWorkingDays, formatShanghai } from '../../platform/clock/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, formFields, loadCampaignPhases, takeEntryNumber } from '../campaigns/index.ts';
import { assertDepartmentLimit } from './department-limit.ts';
import { assertEligible, organizationFacts } from './eligibility.ts';
import { whyNotSubmitEntry } from './entries.policy.ts';
import { entrySearchColumns } from './entry-search.ts';
import type { EntryWrite } from './entry-write.ts';
import { assertSubmissionOpen } from './phase.ts';
import { assertNotDuplicateCase } from './similarity.ts';
import { transitionEntry } from './transition-entry.ts';

/**
 * Submits a draft, or resubmits a corrected entry after a return: submission must be open (S0-7), the consent
 * given (S0-9), the text within limits, the version current. A first submission gets its number, e.g.
 * 2022-T03-0042 — the year the submission phase ends, the theme code, a sequence per theme taken under the theme's
 * row lock so two submissions never share one; a resubmission keeps it. Screening is due the campaign's working
 * days later (S0-8: from the template's `screening.workingDays`, 2 for seed 000).
 * Every required field, section and attachment of the entry's form version must be there, each missing one named;
 * the organization must still be eligible; a returned entry may be resubmitted only before its correction deadline
 * (S3-5). Everything is checked on the entry as locked in the caller's transaction (the route has asked whyNotEdit
 * on it), so a concurrent save, withdrawal or sweep is either seen or waits.
 */
export async function submitEntry(w: EntryWrite & { version: number }): Promise<void> {
  const { tx, entry } = w;
  const now = w.ctx.clock.now();
  if (countChars(entry.summary) > ENTRY_LIMITS.summary) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      { path: 'summary', code: 'CJK_TOO_LONG', params: { max: ENTRY_LIMITS.summary, count: countChars(entry.summary) } },
    ]);
  }
  // Time first: a late applicant hears about the deadline, not about fields to fill in. The rule is the policy's
  // (the same answer GET /api/entries/:id reports as `abilities.submit`).
  const refusal = whyNotSubmitEntry(w.relation, entry, await loadCampaignPhases(tx, entry.campaignId), now);
  if (refusal === 'CORRECTION_CLOSED' && entry.correctionDeadline)
    throw new AppError('CORRECTION_CLOSED', { deadline: formatShanghai(new Date(entry.correctionDeadline)) });
  if (refusal === 'PHASE_CLOSED') await assertSubmissionOpen(tx, entry.campaignId, now); // names the deadline
  if (refusal) throw new AppError(refusal);
  const fields = await formFields(tx, entry.campaignId, entry.formVersion);
  const problems = checkAnswers(fields, entry.answers, 'submit', entry.attachments).map((p) => ({
    ...p,
    path: `answers.${p.path}`,
  }));
  if (!entry.summary.trim()) problems.unshift({ path: 'summary', code: 'REQUIRED' });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', undefined, problems);
  const [campaign] = await tx
    .select({
      rules: campaigns.eligibilityRules,
      entryRules: campaigns.entryRules,
      screeningWorkingDays: campaigns.screeningWorkingDays,
    })
    .from(campaigns)
    .where(eq(campaigns.id, entry.campaignId));
  if (!campaign) throw new AppError('NOT_FOUND');
  assertEligible(campaign.rules, await organizationFacts(tx, entry.organization.id));
  await assertNotDuplicateCase(tx, { ...entry, organizationId: entry.organization.id });
  await assertDepartmentLimit(tx, campaign.entryRules, entry);
  let number = entry.number;
  if (!number) {
    number = await takeEntryNumber(tx, { campaignId: entry.campaignId, themeId: entry.theme.id, at: now });
  }
  await transitionEntry({
    tx,
    afterCommit: w.afterCommit,
    actor: w.actor,
    entryId: entry.id,
    campaignId: entry.campaignId,
    from: ['draft', 'returned'],
    to: 'submitted',
    at: now,
    version: w.version,
    set: {
      number,
      consentAt: now,
      submittedAt: now,
      dueAt: addWorkingDays(now, campaign.screeningWorkingDays),
      correctionDeadline: null,
      ...entrySearchColumns({ title: entry.title, number, organizationName: entry.organization.name }),
    },
    data: { number, consent: true, resubmission: entry.status === 'returned' },
  });
}
