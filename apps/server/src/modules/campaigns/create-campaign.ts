import type { TCampaign, TCreateCampaignInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { organizations } from '../orgs/index.ts';
import { canManage, organizerRole } from './campaigns.policy.ts';
import { findCampaign } from './campaigns.repo.ts';
import { campaignForms, campaignPhases, campaigns, campaignThemes } from './campaigns.tables.ts';
import { CAMPAIGN_BLUEPRINTS } from './templates.ts';

/**
 * Creates a draft campaign for an organizer from a ready template: themes with their recommended
 * directions (S0-3), phases with Shanghai dates (moved to open on `opensOn` when given), the entry form (version 1) and consent text. Platform staff, or a
 * manager of the organizer. Writes `campaign.created`.
 */
export async function createCampaign(ctx: AppContext, actor: Actor, input: TCreateCampaignInput): Promise<TCampaign> {
  const now = ctx.clock.now();
  // A new call opens today at the earliest (Shanghai); the organizer adjusts the moved dates before publishing.
  if (input.opensOn !== undefined && input.opensOn < shanghaiDate(now))
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'opensOn', code: 'OUT_OF_RANGE' }]);
  const blueprint = CAMPAIGN_BLUEPRINTS[input.templateKey](input.opensOn);
  const id = await ctx.db.transaction(async (tx) => {
    const [organizer] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, input.organizerId));
    if (!organizer) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'organizerId', code: 'INVALID_CHOICE' }]);
    if (!canManage(await organizerRole(tx, actor, organizer.id))) throw new AppError('FORBIDDEN');
    const [row] = await tx
      .insert(campaigns)
      .values({
        organizerId: input.organizerId,
        title: blueprint.title,
        status: 'draft',
        templateKey: input.templateKey,
        introduction: blueprint.introduction,
        eligibility: blueprint.eligibility,
        eligibilityRules: blueprint.eligibilityRules,
        entryRules: blueprint.entryRules,
        consent: blueprint.consent,
        screeningWorkingDays: blueprint.screeningWorkingDays,
        attachments: blueprint.attachments,
        createdAt: now,
      })
      .returning({ id: campaigns.id });
    if (!row) throw new AppError('INTERNAL');
    await tx.insert(campaignThemes).values(blueprint.themes.map((t, position) => ({ ...t, campaignId: row.id, position })));
    await tx
      .insert(campaignForms)
      .values({ campaignId: row.id, version: 1, fields: blueprint.form, createdBy: actor.id, createdAt: now });
    await tx.insert(campaignPhases).values(blueprint.phases.map((p, position) => ({ ...p, campaignId: row.id, position })));
    await appendAudit(tx, {
      kind: 'campaign.created',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: row.id,
      campaignId: row.id,
      data: { templateKey: input.templateKey, organizerId: input.organizerId },
      at: now,
    });
    return row.id;
  });
  return (await findCampaign(ctx.db, id, now)) as TCampaign;
}
