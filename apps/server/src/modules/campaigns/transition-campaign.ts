import { CAMPAIGN_TRANSITIONS, type CampaignStatus, type FieldErrorCode } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findForm } from './campaign-forms.ts';
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
 * The one writer of a campaign's status, inside the caller's transaction (the caller has loaded and locked the
 * campaign's row): checks the edge against CAMPAIGN_TRANSITIONS and, for publishing, the call's publish check in the
 * same transaction; writes with compare-and-set on `from` (a concurrent change gives WRONG_STATUS); audits in the
 * same transaction. It has no effect to run after commit; `afterCommit` is there for the shape every writer shares.
 */
export async function transitionCampaign(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  id: string;
  from: CampaignStatus;
  to: Exclude<CampaignStatus, 'draft'>;
  at: Date;
}): Promise<void> {
  const { tx, from, to, at } = input;
  if (!(CAMPAIGN_TRANSITIONS[from] as readonly CampaignStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  if (to === 'published') {
    const { problems } = await publishCheck(tx, input.id, at);
    if (problems.length > 0) throw new AppError('CAMPAIGN_INCOMPLETE', undefined, problems);
  }
  const stamp = to === 'published' ? { publishedAt: at } : { closedAt: at };
  const [row] = await tx
    .update(campaigns)
    .set({ status: to, ...stamp })
    .where(and(eq(campaigns.id, input.id), eq(campaigns.status, from)))
    .returning({ id: campaigns.id });
  if (!row) throw new AppError('WRONG_STATUS');
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'campaign',
    subjectId: input.id,
    campaignId: input.id,
    data: { from, to, ...who.data },
    at,
  });
}
