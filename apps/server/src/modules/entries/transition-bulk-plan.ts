import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { bulkPlans } from './entries.tables.ts';

export type BulkPlanStatus = (typeof bulkPlans.$inferSelect)['status'];

/** A plan is applied once; an applied plan is history (a new preview makes a new plan). */
export const BULK_PLAN_TRANSITIONS = {
  planned: ['applied'],
  applied: [],
} as const satisfies Record<BulkPlanStatus, readonly BulkPlanStatus[]>;

const AUDIT_KIND = { applied: 'screening.bulk_applied' } as const satisfies Record<Exclude<BulkPlanStatus, 'planned'>, string>;

/**
 * The one writer of a bulk screening plan's status, inside the caller's transaction (the caller has locked the plan
 * and changed its entries through transitionEntry, one per item). Checks the edge against BULK_PLAN_TRANSITIONS,
 * writes with compare-and-set on `from` (a plan applied twice at once gives WRONG_STATUS to the second) and appends
 * the audit event, recorded on the campaign as before, in the same transaction. It has no effect of its own to run
 * after commit; `afterCommit` is there for the shape every writer shares.
 */
export async function transitionBulkPlan(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  id: string;
  campaignId: string;
  from: BulkPlanStatus;
  to: Exclude<BulkPlanStatus, 'planned'>;
  at: Date;
  data?: Record<string, unknown>;
}): Promise<void> {
  const { tx, from, to, at } = input;
  if (!(BULK_PLAN_TRANSITIONS[from] as readonly BulkPlanStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(bulkPlans)
    .set({ status: to, appliedAt: at })
    .where(and(eq(bulkPlans.id, input.id), eq(bulkPlans.status, from)))
    .returning({ id: bulkPlans.id });
  if (!row) throw new AppError('WRONG_STATUS');
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'campaign',
    subjectId: input.campaignId,
    campaignId: input.campaignId,
    data: { planId: input.id, ...input.data, ...who.data },
    at,
  });
}
