import type { TObjectionActionInput, TObjectionState } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { amendAwards } from '../awards/index.ts';
import { whyNotStep } from './notices.policy.ts';
import { findNotice, loadObjection } from './notices.repo.ts';
import { notifyObjector, type ObjectorNotice } from './notify-objector.ts';
import { objectionRole } from './objection-views.ts';
import { transitionObjection } from './transition-objection.ts';

const STEP = {
  request_info: { to: 'info_requested', notice: 'objection.infoRequested' },
  answer: { to: 'open', notice: null },
  uphold: { to: 'upheld', notice: 'objection.upheld' },
  dismiss: { to: 'dismissed', notice: 'objection.dismissed' },
} as const satisfies Record<TObjectionActionInput['action'], { to: TObjectionState; notice: ObjectorNotice | null }>;

/**
 * POST /api/objections/:objectionId/actions (issue 12 item 2; S3-7). In one transaction the objection's row is
 * locked and the caller's role and the step's rule decided on it (whyNotStep): the organizer requests information,
 * upholds or dismisses, each with the reason; the objector answers a request. An upheld objection changes the results
 * through the awards writer in the same transaction (amendAwards with the reason and the objection's id: remove an
 * award, add one, or `none` when the objection holds but no award changes); a refusal there undoes the step. The
 * state is written by transitionObjection (compare-and-set on the version, audited, X-3) and the objector notified of
 * the organizer's steps (objection.infoRequested / upheld / dismissed). Anyone but the two meets NOT_FOUND.
 */
export async function objectionAction(input: {
  ctx: AppContext;
  actor: Actor | null;
  objectionId: string;
  body: TObjectionActionInput;
}): Promise<void> {
  const { ctx, body } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const objection = await loadObjection(tx, input.objectionId, 'update');
    const role = await objectionRole(tx, input.actor, objection);
    const actor = input.actor as Actor;
    // The notice's row for share: a finalize (which counts the open objections under its update lock) waits.
    await findNotice(tx, objection.campaignId, 'share');
    const refusal = whyNotStep(role, objection.state, body.action);
    if (refusal) throw new AppError(refusal);
    if (objection.version !== body.version) throw new AppError('STALE_VERSION');
    const step = STEP[body.action];
    if (body.action === 'uphold')
      await amendAwards({
        ctx,
        tx,
        afterCommit,
        actor,
        campaignId: objection.campaignId,
        reason: body.reason,
        change: body.change,
        objectionId: objection.id,
      });
    await transitionObjection({
      tx,
      actor,
      objection,
      to: step.to,
      version: body.version,
      at,
      text: body.reason,
      data: body.action === 'uphold' ? { change: body.change } : undefined,
    });
    if (step.notice) await notifyObjector({ ctx, tx, afterCommit, objection, template: step.notice, reason: body.reason, at });
  });
}
