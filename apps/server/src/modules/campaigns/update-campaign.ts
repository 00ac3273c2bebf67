import type { TCampaign, TUpdateCampaignInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { endOfShanghaiDay, shanghaiMidnight } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sanitizeRichText } from '../../platform/text/sanitize.ts';
import { whyNotEditStatus } from './campaigns.policy.ts';
import { findCampaign } from './campaigns.repo.ts';
import { campaignPhases, campaigns, campaignThemes } from './campaigns.tables.ts';

/**
 * An organizer edits the campaign's texts and rules. The introduction is sanitized on the way in. What decides who
 * may enter and when (themes, phases, eligibility, entry rules, tracks) can change only while it is a draft: changing
 * them under entrants' feet would be unfair; texts may be corrected later. A closed campaign is frozen.
 */
export async function updateCampaign(ctx: AppContext, actor: Actor, id: string, input: TUpdateCampaignInput): Promise<TCampaign> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND');
    const { themes, phases, ...fields } = input;
    const rulesChanged =
      input.eligibilityRules !== undefined ||
      input.entryRules !== undefined ||
      input.tracks !== undefined ||
      themes !== undefined ||
      phases !== undefined;
    const refusal = whyNotEditStatus(current.status, rulesChanged); // the rule `abilities.edit` / `editRules` report
    if (refusal) throw new AppError(refusal);
    // A draft has no entries yet, so its themes and phases are simply replaced.
    if (themes) {
      await tx.delete(campaignThemes).where(eq(campaignThemes.campaignId, id));
      await tx.insert(campaignThemes).values(themes.map((t, position) => ({ ...t, campaignId: id, position })));
    }
    if (phases) {
      await tx.delete(campaignPhases).where(eq(campaignPhases.campaignId, id));
      await tx.insert(campaignPhases).values(
        phases.map((p, position) => ({
          campaignId: id,
          key: p.key,
          label: p.label,
          startsAt: shanghaiMidnight(p.start),
          endsAt: endOfShanghaiDay(p.end),
          capabilities: p.capabilities,
          position,
        })),
      );
    }
    const set = {
      ...fields,
      ...(input.introduction !== undefined ? { introduction: sanitizeRichText(input.introduction) } : {}),
    };
    if (Object.keys(set).length > 0) await tx.update(campaigns).set(set).where(eq(campaigns.id, id));
    await appendAudit(tx, {
      kind: 'campaign.updated',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: id,
      campaignId: id,
      data: { fields: Object.keys(input) },
      at: now,
    });
  });
  return (await findCampaign(ctx.db, id, now)) as TCampaign;
}
