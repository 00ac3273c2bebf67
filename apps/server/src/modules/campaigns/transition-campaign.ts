import { CAMPAIGN_TRANSITIONS, type CampaignStatus, type FieldErrorCode, type TCampaign } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findForm } from './campaign-forms.ts';
import { findCampaign } from './campaigns.repo.ts';
import { campaignPhases, campaigns, campaignThemes } from './campaigns.tables.ts';

const AUDIT_KIND = { published: 'campaign.published', closed: 'campaign.closed' } as const;

type Finding = { path: string; code: FieldErrorCode; params?: Record<string, string> };

/**
 * Whether a call can run (issue 8 item 5). Problems refuse publishing: no themes, a form without fields, no phase
 * that takes submissions. Warnings do not: a phase that is already over (a call published late, or an archive of a
 * past one). Read with the caller's connection or in the publishing transaction.
 */
export async function publishCheck(db: Queryable, id: string, now: Date): Promise<{ problems: Finding[]; warnings: Finding[] }> {
  const problems: Finding[] = [];
  const warnings: Finding[] = [];
  const themes = await db.select({ id: campaignThemes.id }).from(campaignThemes).where(eq(campaignThemes.campaignId, id));
  if (themes.length === 0) problems.push({ path: 'themes', code: 'REQUIRED' });
  const phases = await db
    .select()
    .from(campaignPhases)
    .where(eq(campaignPhases.campaignId, id))
    .orderBy(asc(campaignPhases.position));
  if (phases.length === 0) problems.push({ path: 'phases', code: 'REQUIRED' });
  else if (!phases.some((p) => p.capabilities.includes('canSubmit')))
    problems.push({ path: 'phases', code: 'SUBMISSION_PHASE_MISSING' });
  phases.forEach((p, i) => {
    if (p.endsAt < now) warnings.push({ path: `phases.${i}.end`, code: 'PHASE_ENDED', params: { label: p.label } });
  });
  const form = await findForm(db, id);
  if (!form || form.fields.length === 0) problems.push({ path: 'form', code: 'REQUIRED' });
  return { problems, warnings };
}

/**
 * The one writer of a campaign's status: checks the edge against CAMPAIGN_TRANSITIONS, writes with
 * compare-and-set (a concurrent change gives WRONG_STATUS), audits in the same transaction.
 */
export async function transitionCampaign(
  ctx: AppContext,
  input: { actor: Actor; id: string; from: CampaignStatus; to: Exclude<CampaignStatus, 'draft'> },
): Promise<TCampaign> {
  const now = ctx.clock.now();
  if (!(CAMPAIGN_TRANSITIONS[input.from] as readonly CampaignStatus[]).includes(input.to)) throw new AppError('WRONG_STATUS');
  await ctx.db.transaction(async (tx) => {
    if (input.to === 'published') {
      const { problems } = await publishCheck(tx, input.id, now);
      if (problems.length > 0) throw new AppError('CAMPAIGN_INCOMPLETE', undefined, problems);
    }
    const stamp = input.to === 'published' ? { publishedAt: now } : { closedAt: now };
    const [row] = await tx
      .update(campaigns)
      .set({ status: input.to, ...stamp })
      .where(and(eq(campaigns.id, input.id), eq(campaigns.status, input.from)))
      .returning({ id: campaigns.id });
    if (!row) throw new AppError('WRONG_STATUS');
    await appendAudit(tx, {
      kind: AUDIT_KIND[input.to],
      actorId: input.actor.id,
      subjectType: 'campaign',
      subjectId: input.id,
      campaignId: input.id,
      data: { from: input.from, to: input.to },
      at: now,
    });
  });
  return (await findCampaign(ctx.db, input.id, now)) as TCampaign;
}
