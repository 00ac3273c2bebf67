import type { AssignmentPlanStatus, AssignmentStatus, RoundStatus, SheetStatus } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignAccess } from '../campaigns/index.ts';
import { loadFactsRound } from './assignment-facts.ts';
import { assignments } from './judging.tables.ts';

/** Who the caller is to a round's assignment: platform staff, the organizer's manager or screener, or nobody. */
export type AssignmentAccess = 'platform' | 'manager' | 'screener' | null;

export async function assignmentAccess(db: Queryable, actor: Actor | null, campaignId: string): Promise<AssignmentAccess> {
  const { access } = await campaignAccess(db, actor, campaignId);
  return access as AssignmentAccess;
}

/**
 * Seeing a round's assignment and plans (issue 10 item 3): the organizer's people and the platform. Signed out:
 * UNAUTHENTICATED; anyone else NOT_FOUND — a judge, an applicant or another organizer cannot tell the round exists.
 */
export function assertSeesAssignments(actor: Actor | null, access: AssignmentAccess): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (access === null) throw new AppError('NOT_FOUND');
}

/** Changing it (plan, apply, discard, add, remove): the organizer's managers and the platform, until the round is frozen. */
export function whyNotChangeAssignments(
  access: AssignmentAccess,
  round: { status: RoundStatus },
): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  if (access !== 'platform' && access !== 'manager') return 'FORBIDDEN';
  return round.status === 'frozen' ? 'WRONG_STATUS' : null;
}

/** Removing one assignment: as any change, from assigned or abstained, and never once its judge submitted the sheet. */
export function whyNotRemoveAssignment(
  access: AssignmentAccess,
  round: { status: RoundStatus },
  assignment: { status: AssignmentStatus },
  sheetStatus: SheetStatus | null,
): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  return (
    whyNotChangeAssignments(access, round) ??
    (assignment.status === 'removed' || sheetStatus === 'submitted' ? 'WRONG_STATUS' : null)
  );
}

/** Applying or discarding a plan: as any change, while the plan is still planned. */
export function whyNotSettlePlan(
  access: AssignmentAccess,
  round: { status: RoundStatus },
  plan: { status: AssignmentPlanStatus },
): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  return whyNotChangeAssignments(access, round) ?? (plan.status === 'planned' ? null : 'WRONG_STATUS');
}

/**
 * The round as the caller may see it (its row locked FOR UPDATE when `lock`), with the caller's access; signed out
 * UNAUTHENTICATED, no such round or not the organizer's people NOT_FOUND.
 */
export async function seenRound(db: Queryable, actor: Actor | null, roundId: string, lock: boolean) {
  const round = await loadFactsRound(db, roundId, lock);
  if (!round) throw new AppError(actor ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  const access = await assignmentAccess(db, actor, round.campaignId);
  assertSeesAssignments(actor, access);
  return { round, access, actor };
}

/** The round an assignment belongs to, or null. */
export async function roundOfAssignment(db: Queryable, assignmentId: string): Promise<string | null> {
  const [row] = await db.select({ roundId: assignments.roundId }).from(assignments).where(eq(assignments.id, assignmentId));
  return row?.roundId ?? null;
}
