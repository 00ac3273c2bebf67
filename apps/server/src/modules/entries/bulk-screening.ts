import { type TBulkPlan, type TScreeningInput, ZScreeningInput } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCampaignAbility, loadCampaignPhases } from '../campaigns/index.ts';
import { organizations } from '../orgs/index.ts';
import { whyNotScreen } from './entries.policy.ts';
import { bulkPlans, entries } from './entries.tables.ts';
import { decideEntry, decisionOf, queueNotice } from './screen-entry.ts';
import { transitionBulkPlan } from './transition-bulk-plan.ts';

const TO = { pass: 'passed', return: 'returned', exclude: 'excluded' } as const;

type PlanRow = typeof bulkPlans.$inferSelect;

async function present(ctx: AppContext, plan: PlanRow): Promise<TBulkPlan> {
  const ids = plan.items.map((i) => i.entryId);
  const rows = ids.length
    ? await ctx.db
        .select({ id: entries.id, number: entries.number, title: entries.title, organization: organizations.name })
        .from(entries)
        .innerJoin(organizations, eq(organizations.id, entries.organizationId))
        .where(inArray(entries.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const decision = ZScreeningInput.parse(plan.decision).decision;
  const items = plan.items.map((i) => {
    const e = byId.get(i.entryId);
    return {
      entryId: i.entryId,
      number: e?.number ?? null,
      title: e?.title ?? '',
      organization: e?.organization ?? '',
      from: i.from as TBulkPlan['items'][number]['from'],
      to: i.skip ? null : TO[decision],
      skip: i.skip,
    };
  });
  return {
    id: plan.id,
    status: plan.status,
    decision,
    items,
    willChange: items.filter((i) => !i.skip).length,
    willSkip: items.filter((i) => i.skip).length,
    createdAt: plan.createdAt.toISOString(),
    appliedAt: plan.appliedAt?.toISOString() ?? null,
  };
}

/**
 * Bulk screening, step 1: the plan. Nothing changes yet; the plan records, for each chosen entry, the status and
 * version seen now and, from the same rule as the single decision (`whyNotScreen`), why it would be skipped
 * (RECUSED, WRONG_STATUS). Entries of other campaigns are left out. The screener previews exactly this list.
 */
export async function planBulk(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  input: { entryIds: string[]; decision: TScreeningInput },
) {
  const now = ctx.clock.now();
  decisionOf(input.decision, now); // a bad deadline is refused at planning, not at applying
  const ids = [...new Set(input.entryIds)];
  const rows = await ctx.db
    .select({
      id: entries.id,
      status: entries.status,
      version: entries.version,
      organizationId: entries.organizationId,
      partnerIds: entries.partnerIds,
    })
    .from(entries)
    .where(and(eq(entries.campaignId, campaignId), inArray(entries.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const campaign = await loadCampaignPhases(ctx.db, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND');
  const items = ids.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return []; // another campaign's entry (or none): not part of this plan
    // The single decision's rule, item by item: a recused screener's entries are skipped with the reason.
    return [{ entryId: id, from: e.status, version: e.version, skip: whyNotScreen(actor, e, campaign, now) }];
  });
  if (items.length === 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'entryIds', code: 'REQUIRED' }]);
  const [plan] = await ctx.db
    .insert(bulkPlans)
    .values({ campaignId, createdBy: actor.id, decision: input.decision, items, status: 'planned', createdAt: now })
    .returning();
  if (!plan) throw new AppError('INTERNAL');
  return present(ctx, plan);
}

/**
 * Step 2: apply exactly the previewed plan, all or nothing, in one transaction that locks the plan and then its
 * entries. The caller must hold the screen ability on the plan's campaign (checked here on the locked plan). Every
 * item to change is checked again with the screening rule for the person applying; if any entry changed since the
 * preview (another screener decided it, the applicant withdrew it) or is now refused (recusal), nothing is applied
 * and PLAN_STALE says how many; a new preview shows each reason. Each entry changes through the single decision's
 * writer (decideEntry → transitionEntry, audited per entry), then the plan through transitionBulkPlan; a plan
 * applied twice at once gives WRONG_STATUS to the second.
 */
export async function applyBulk(input: { ctx: AppContext; actor: Actor; planId: string }) {
  const { ctx, actor } = input;
  const now = ctx.clock.now();
  const planId = await inTransaction(ctx.db, async (tx, afterCommit) => {
    const [plan] = await tx.select().from(bulkPlans).where(eq(bulkPlans.id, input.planId)).for('update');
    if (!plan) throw new AppError('NOT_FOUND');
    await assertCampaignAbility(tx, actor, plan.campaignId, 'screen');
    if (plan.status !== 'planned') throw new AppError('WRONG_STATUS');
    const d = decisionOf(ZScreeningInput.parse(plan.decision), now);
    const todo = plan.items.filter((i) => !i.skip);
    const current = todo.length
      ? await tx
          .select({
            id: entries.id,
            status: entries.status,
            version: entries.version,
            campaignId: entries.campaignId,
            title: entries.title,
            number: entries.number,
            organizationId: entries.organizationId,
            partnerIds: entries.partnerIds,
          })
          .from(entries)
          .where(
            inArray(
              entries.id,
              todo.map((i) => i.entryId),
            ),
          )
          .for('update')
      : [];
    const byId = new Map(current.map((e) => [e.id, e]));
    const campaign = await loadCampaignPhases(tx, plan.campaignId);
    if (!campaign) throw new AppError('NOT_FOUND');
    // Checked again now, under the row locks: since the preview an entry may have changed, and the person applying
    // may be recused (another screener applies the plan, or the screener joined the entering hospital).
    const changed = todo.filter((i) => {
      const e = byId.get(i.entryId);
      return !e || e.status !== i.from || e.version !== i.version || whyNotScreen(actor, e, campaign, now) !== null;
    });
    if (changed.length > 0) throw new AppError('PLAN_STALE', { count: changed.length });
    for (const item of todo) {
      const entry = byId.get(item.entryId);
      if (!entry) continue;
      const notice = await decideEntry({ tx, afterCommit, actor, entry, at: now, version: item.version, decision: d });
      await queueNotice(ctx, tx, afterCommit, notice, now);
    }
    await transitionBulkPlan({
      tx,
      afterCommit,
      actor,
      id: plan.id,
      campaignId: plan.campaignId,
      from: plan.status,
      to: 'applied',
      at: now,
      data: { decision: d.decision, entries: todo.length },
    });
    return plan.id;
  });
  const [applied] = await ctx.db.select().from(bulkPlans).where(eq(bulkPlans.id, planId));
  return present(ctx, applied as PlanRow);
}
