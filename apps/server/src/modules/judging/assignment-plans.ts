import type { TAssignmentPlanInput, TAssignmentPlanView } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type FactsRound, factsHash, loadRoundFacts, type RoundFacts } from './assignment-facts.ts';
import { type AssignmentAccess, seenRound, whyNotChangeAssignments, whyNotSettlePlan } from './assignment-policy.ts';
import { figuresOf, type PlanItem, planItems } from './assignment-preview.ts';
import { restoreAssignment } from './assignment-restore.ts';
import { assignmentPlans } from './judging.tables.ts';
import { conflictOf } from './recusal.ts';
import { insertAssignments } from './transition-assignment.ts';
import { transitionAssignmentPlan } from './transition-assignment-plan.ts';

type PlanRow = typeof assignmentPlans.$inferSelect;
/** The stored items carry whether the judge's specialty matched (the table's type names the pair only). */
const itemsOf = (plan: PlanRow) => plan.items as PlanItem[];

/** The preview: the stored items with the figures against the facts now, and the caller's abilities. */
export function presentPlan(plan: PlanRow, facts: RoundFacts, access: AssignmentAccess): TAssignmentPlanView {
  const params = plan.params;
  const stale = plan.status === 'planned' && factsHash(facts) !== plan.fingerprint;
  const entry = new Map(facts.entries.map((e) => [e.id, e]));
  const judgeName = new Map(facts.judges.map((j) => [j.id, j.name]));
  const settle = whyNotSettlePlan(access, facts.round, plan);
  return {
    id: plan.id,
    roundId: plan.roundId,
    status: plan.status,
    ...params,
    stale,
    items: itemsOf(plan).map((i) => ({
      entryId: i.entryId,
      number: entry.get(i.entryId)?.number ?? null,
      title: entry.get(i.entryId)?.title ?? '',
      judgeId: i.judgeId,
      judgeName: judgeName.get(i.judgeId) ?? '',
      specialty: i.specialty === true,
    })),
    ...figuresOf(facts, params, plan.status === 'planned' ? itemsOf(plan) : []),
    createdAt: plan.createdAt.toISOString(),
    appliedAt: plan.appliedAt?.toISOString() ?? null,
    abilities: { apply: settle ?? (stale ? 'PLAN_STALE' : true), discard: settle ?? true },
  };
}

function assertChanges(access: AssignmentAccess, round: FactsRound) {
  const refusal = whyNotChangeAssignments(access, round);
  if (refusal) throw new AppError(refusal);
}

/**
 * Step 1 (issue 10 item 3): plan. Nothing is assigned yet; the plan stores the engine's new items, its parameters and
 * a fingerprint of the facts it was made from, and answers the preview. Managers and the platform; the round
 * not frozen.
 */
export async function createAssignmentPlan(ctx: AppContext, actor: Actor | null, roundId: string, input: TAssignmentPlanInput) {
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const seen = await seenRound(tx, actor, roundId, false);
    assertChanges(seen.access, seen.round);
    const facts = await loadRoundFacts(tx, seen.round);
    const params = { perEntry: input.perEntry, maxLoad: input.maxLoad, seed: input.seed ?? 1 };
    const items = planItems(facts, params);
    const [plan] = await tx
      .insert(assignmentPlans)
      .values({
        roundId,
        status: 'planned',
        items,
        params,
        fingerprint: factsHash(facts),
        createdBy: seen.actor.id,
        createdAt: at,
      })
      .returning();
    if (!plan) throw new AppError('INTERNAL');
    return presentPlan(plan, facts, seen.access);
  });
}

async function planOf(db: Queryable, roundId: string, planId: string, lock: boolean) {
  const query = db
    .select()
    .from(assignmentPlans)
    .where(and(eq(assignmentPlans.id, planId), eq(assignmentPlans.roundId, roundId)));
  const [plan] = lock ? await query.for('update') : await query;
  if (!plan) throw new AppError('NOT_FOUND');
  return plan;
}

/** The preview again: the organizer's people and the platform. */
export async function readAssignmentPlan(ctx: AppContext, actor: Actor | null, roundId: string, planId: string) {
  const seen = await seenRound(ctx.db, actor, roundId, false);
  const plan = await planOf(ctx.db, roundId, planId, false);
  return presentPlan(plan, await loadRoundFacts(ctx.db, seen.round), seen.access);
}

/**
 * Step 2: apply exactly the previewed plan, all or nothing. In one transaction: the plan and the round are locked
 * (every assignment write locks the round first, so a manual change waits), the caller's right decided on them, the
 * facts read again: if the panel, a judge's conflicts, the round's entries or its assignments changed, the
 * fingerprint differs and nothing is applied (PLAN_STALE). Every item is checked again with conflictOf, the single
 * assignment's rule; then the new pairs are inserted (a removed pair is assigned again by restoreAssignment, which
 * reopens the judge's abstained sheet) and the plan turns applied through transitionAssignmentPlan with one audit
 * event naming every assignment made.
 */
export async function applyAssignmentPlan(ctx: AppContext, actor: Actor | null, roundId: string, planId: string) {
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const plan = await planOf(tx, roundId, planId, true);
    const seen = await seenRound(tx, actor, roundId, true);
    const refusal = whyNotSettlePlan(seen.access, seen.round, plan);
    if (refusal) throw new AppError(refusal);
    const facts = await loadRoundFacts(tx, seen.round);
    const items = itemsOf(plan);
    const entry = new Map(facts.entries.map((e) => [e.id, e]));
    const judge = new Map(facts.judges.map((j) => [j.id, j]));
    const changed = items.filter((i) => {
      const e = entry.get(i.entryId);
      const j = judge.get(i.judgeId);
      if (!e || !j) return true;
      return !j.themeIds.includes(e.themeId) || conflictOf(j, e, facts.tree) !== null;
    });
    if (factsHash(facts) !== plan.fingerprint || changed.length > 0)
      throw new AppError('PLAN_STALE', { count: Math.max(1, changed.length) });
    const existing = new Map(facts.assignments.map((a) => [`${a.entryId}:${a.judgeId}`, a]));
    const fresh = items.filter((i) => !existing.has(`${i.entryId}:${i.judgeId}`));
    await insertAssignments(
      tx,
      fresh.map((i) => ({ roundId, entryId: i.entryId, judgeId: i.judgeId, planId })),
      at,
    );
    for (const i of items) {
      const a = existing.get(`${i.entryId}:${i.judgeId}`);
      if (!a) continue;
      if (a.status !== 'removed') throw new AppError('PLAN_STALE', { count: 1 }); // planning never picks a live pair
      await restoreAssignment({
        tx,
        afterCommit,
        actor: seen.actor,
        assignment: { ...a, roundId },
        campaignId: seen.round.campaignId,
        at,
        planId,
      });
    }
    await transitionAssignmentPlan({
      tx,
      afterCommit,
      actor: seen.actor,
      id: plan.id,
      roundId,
      campaignId: seen.round.campaignId,
      from: plan.status,
      to: 'applied',
      at,
      data: { assignments: items.length, items: items.map((i) => ({ entryId: i.entryId, judgeId: i.judgeId })) },
    });
    const after = await planOf(tx, roundId, planId, false);
    return presentPlan(after, await loadRoundFacts(tx, seen.round), seen.access);
  });
}

/** Dropping a plan that will not be applied (managers and the platform), audited. */
export async function discardAssignmentPlan(ctx: AppContext, actor: Actor | null, roundId: string, planId: string) {
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const plan = await planOf(tx, roundId, planId, true);
    const seen = await seenRound(tx, actor, roundId, true);
    const refusal = whyNotSettlePlan(seen.access, seen.round, plan);
    if (refusal) throw new AppError(refusal);
    await transitionAssignmentPlan({
      tx,
      afterCommit,
      actor: seen.actor,
      id: plan.id,
      roundId,
      campaignId: seen.round.campaignId,
      from: plan.status,
      to: 'discarded',
      at,
      data: { assignments: plan.items.length },
    });
    const after = await planOf(tx, roundId, planId, false);
    return presentPlan(after, await loadRoundFacts(tx, seen.round), seen.access);
  });
}
