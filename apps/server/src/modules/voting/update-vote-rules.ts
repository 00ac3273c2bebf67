import type { FieldError, TVoteRules } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { loadVoteRules, whyNotEditVoteRules } from './vote-rules.ts';
import { voteRules } from './voting.tables.ts';

/** Theme ids and track keys that are not the campaign's own, as field errors (`themeIds.1`: INVALID_CHOICE). */
async function scopeProblems(tx: Tx, campaignId: string, tracks: Array<{ key: string }>, rules: TVoteRules) {
  const themes = await tx.select({ id: campaignThemes.id }).from(campaignThemes).where(eq(campaignThemes.campaignId, campaignId));
  const themeIds = new Set(themes.map((t) => t.id));
  const trackKeys = new Set(tracks.map((t) => t.key));
  const problems: Array<Omit<FieldError, 'message'>> = [];
  const check = (field: 'themeIds' | 'trackKeys', values: string[], known: Set<string>) =>
    values.forEach((v, i) => {
      if (!known.has(v)) problems.push({ path: `${field}.${i}`, code: 'INVALID_CHOICE' });
      else if (values.indexOf(v) !== i) problems.push({ path: `${field}.${i}`, code: 'DUPLICATE' });
    });
  check('themeIds', rules.themeIds, themeIds);
  check('trackKeys', rules.trackKeys, trackKeys);
  return problems;
}

/**
 * An organizer's manager sets the campaign's vote rules (issue 9 item 1; the route has checked the manage ability).
 * Only while the campaign is a draft: the campaign's row is read FOR SHARE in the transaction, so a publish
 * (changeCampaignStatus locks it FOR UPDATE) waits for this change or this change sees the published status and is
 * refused (WRONG_STATUS); the voters' rules never change under their feet. The theme ids and track keys must be the
 * campaign's own (VALIDATION_FAILED with field errors). The vote_rules row is replaced whole and the change audited
 * in the same transaction, with the rules before and after (X-3). Returns the rules as saved.
 */
export async function updateVoteRules(input: {
  ctx: AppContext;
  actor: Actor;
  campaignId: string;
  access: Parameters<typeof whyNotEditVoteRules>[0];
  rules: TVoteRules;
}): Promise<TVoteRules> {
  const { ctx, actor, campaignId, rules } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const [campaign] = await tx
      .select({ status: campaigns.status, tracks: campaigns.tracks })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for('share');
    if (!campaign) throw new AppError('NOT_FOUND');
    const refusal = whyNotEditVoteRules(input.access, campaign.status);
    if (refusal) throw new AppError(refusal);
    const problems = await scopeProblems(tx, campaignId, campaign.tracks, rules);
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', undefined, problems);
    const before = await loadVoteRules(tx, campaignId);
    await tx
      .insert(voteRules)
      .values({ campaignId, rules, updatedBy: actor.id, updatedAt: at })
      .onConflictDoUpdate({ target: voteRules.campaignId, set: { rules, updatedBy: actor.id, updatedAt: at } });
    await appendAudit(tx, {
      kind: 'voting.rules_updated',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: campaignId,
      campaignId,
      data: { before, after: rules },
      at,
    });
    return rules;
  });
}
