import { CAMPAIGN_TRANSITIONS, type CampaignStatus, type TCampaign } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCampaign } from './campaigns.repo.ts';
import { campaigns } from './campaigns.tables.ts';

const AUDIT_KIND = { published: 'campaign.published', closed: 'campaign.closed' } as const;

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
