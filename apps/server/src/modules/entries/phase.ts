import { formatShanghai } from '../../platform/clock/index.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadCampaignPhases, whyNotSubmit } from '../campaigns/index.ts';

/**
 * Refuses unless a phase that allows submission is running now (S0-7: deadlines enforced on the server, in
 * Asia/Shanghai). The refusal names the submission deadline so the applicant knows what happened.
 */
export async function assertSubmissionOpen(db: Queryable, campaignId: string, now: Date): Promise<void> {
  const campaign = await loadCampaignPhases(db, campaignId);
  if (!campaign || campaign.status === 'draft') throw new AppError('NOT_FOUND');
  if (whyNotSubmit(campaign, now) === null) return;
  const last = campaign.phases.filter((p) => p.capabilities.includes('canSubmit')).at(-1);
  throw new AppError('PHASE_CLOSED', { deadline: last ? formatShanghai(last.endsAt) : '—' });
}
