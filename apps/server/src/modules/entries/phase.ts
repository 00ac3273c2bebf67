import { and, asc, eq } from 'drizzle-orm';
import { formatShanghai } from '../../platform/clock/index.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignPhases, campaigns } from '../campaigns/campaigns.tables.ts';

/**
 * Refuses unless a phase that allows submission is running now (S0-7: deadlines enforced on the server, in
 * Asia/Shanghai). The refusal names the submission deadline so the applicant knows what happened.
 */
export async function assertSubmissionOpen(db: Queryable, campaignId: string, now: Date): Promise<void> {
  const [campaign] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign || campaign.status === 'draft') throw new AppError('NOT_FOUND');
  const phases = await db
    .select()
    .from(campaignPhases)
    .where(and(eq(campaignPhases.campaignId, campaignId)))
    .orderBy(asc(campaignPhases.position));
  const submission = phases.filter((p) => p.capabilities.includes('canSubmit'));
  const open = submission.some((p) => p.startsAt <= now && now <= p.endsAt);
  if (campaign.status === 'published' && open) return;
  const last = submission.at(-1);
  throw new AppError('PHASE_CLOSED', { deadline: last ? formatShanghai(last.endsAt) : '—' });
}
