import type { AssignmentPlanStatus } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assignmentPlans } from './judging.tables.ts';

/** A plan is applied or discarded once; either is history (a new preview makes a new plan). */
export const ASSIGNMENT_PLAN_TRANSITIONS = {
  planned: ['applied', 'discarded'],
  applied: [],
  discarded: [],
} as const satisfies Record<AssignmentPlanStatus, readonly AssignmentPlanStatus[]>;

const AUDIT_KIND = {
  applied: 'judging.assignment_plan_applied',
  discarded: 'judging.assignment_plan_discarded',
} as const satisfies Record<Exclude<AssignmentPlanStatus, 'planned'>, string>;

/**
 * The one writer of an assignment plan's status, inside the caller's transaction (the caller has locked the plan and
 * the round and, when applying, written the plan's assignments through transition-assignment.ts). Checks the edge
 * against ASSIGNMENT_PLAN_TRANSITIONS, writes with compare-and-set on `from` (a plan applied twice at once gives
 * WRONG_STATUS to the second), and appends one audit event on the round with `data` — for an applied plan the
 * assignments it made, so one event tells who assigned which judge to which entry. No effect runs after commit.
 */
export async function transitionAssignmentPlan(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  id: string;
  roundId: string;
  campaignId: string;
  from: AssignmentPlanStatus;
  to: Exclude<AssignmentPlanStatus, 'planned'>;
  at: Date;
  data?: Record<string, unknown>;
}): Promise<void> {
  const { tx, from, to, at } = input;
  if (!(ASSIGNMENT_PLAN_TRANSITIONS[from] as readonly AssignmentPlanStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(assignmentPlans)
    .set({ status: to, ...(to === 'applied' ? { appliedAt: at } : {}) })
    .where(and(eq(assignmentPlans.id, input.id), eq(assignmentPlans.status, from)))
    .returning({ id: assignmentPlans.id });
  if (!row) throw new AppError('WRONG_STATUS');
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'judging_round',
    subjectId: input.roundId,
    campaignId: input.campaignId,
    data: { planId: input.id, from, to, ...input.data, ...who.data },
    at,
  });
}
