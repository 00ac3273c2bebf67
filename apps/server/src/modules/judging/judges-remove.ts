import type { TAssignmentsEnded } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assignments, judgingRounds, panelMembers } from './judging.tables.ts';
import { endLeftAssignments } from './panel-leave.ts';
import { poolAccess, whyNotRemoveJudge } from './pool.policy.ts';
import { lockJudge } from './pool.repo.ts';
import { transitionJudge } from './transition-judge.ts';

/**
 * POST /api/judges/:judgeId/remove: a manager takes a judge out of the pool, or withdraws an open invitation (its
 * link stops working). `whyNotRemoveJudge` on the locked row: NOT_FOUND outside the organizer, FORBIDDEN for a
 * screener or the judge themself, WRONG_STATUS when declined or removed already; a `version` other than the row's is
 * STALE_VERSION. The judge leaves every campaign panel in the same transaction (the seats are named in the audit
 * event), so no later assignment can pick them, and gives up their standing assignments of every theme
 * (endLeftAssignments, in the campaigns of their seats and of their assignments: those not submitted end, a draft
 * sheet kept; submitted ones stay and count); the event names the assignments ended and kept, and the answer counts
 * them.
 */
export async function removeJudge(
  ctx: AppContext,
  input: { actor: Actor; judgeId: string; version?: number | undefined },
): Promise<TAssignmentsEnded> {
  const { actor } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const judge = await lockJudge(tx, input.judgeId);
    if (!judge) throw new AppError('NOT_FOUND');
    const refusal = whyNotRemoveJudge(await poolAccess(tx, actor, judge.organizerId), actor, judge);
    if (refusal) throw new AppError(refusal);
    if (input.version !== undefined && input.version !== judge.version) throw new AppError('STALE_VERSION');
    const seats = await tx
      .delete(panelMembers)
      .where(eq(panelMembers.judgeId, judge.id))
      .returning({ campaignId: panelMembers.campaignId });
    const assignedIn = await tx
      .selectDistinct({ campaignId: judgingRounds.campaignId })
      .from(assignments)
      .innerJoin(judgingRounds, eq(judgingRounds.id, assignments.roundId))
      .where(and(eq(assignments.judgeId, judge.id), eq(assignments.status, 'assigned')));
    const campaignIds = [...new Set([...seats, ...assignedIn].map((s) => s.campaignId))].sort();
    const ended = await endLeftAssignments({
      tx,
      afterCommit,
      actor,
      campaignIds,
      departures: [{ judgeId: judge.id, themeIds: null }],
      cause: 'pool',
      at,
    });
    await transitionJudge({
      tx,
      afterCommit,
      actor,
      id: judge.id,
      organizerId: judge.organizerId,
      from: judge.status,
      to: 'removed',
      version: judge.version,
      at,
      data: {
        panels: seats.map((s) => s.campaignId).sort(),
        endedAssignments: ended.endedIds,
        keptSubmitted: ended.keptSubmittedIds,
      },
    });
    return { endedAssignments: ended.endedAssignments, keptSubmitted: ended.keptSubmitted };
  });
}
