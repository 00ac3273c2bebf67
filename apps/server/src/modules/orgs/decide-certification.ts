import type { TCertification } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCertification, lockCertification } from './certifications.repo.ts';
import { transitionCertification } from './transition-certification.ts';

/**
 * A reviewer approves or rejects a request (the route has checked reviewCertifications). Only a pending request
 * can be decided: a second decision, or one on a withdrawn request, gives WRONG_STATUS. A rejection carries the
 * reason the applicant will read. Side effects: see transitionCertification.
 */
export async function decideCertification(
  ctx: AppContext,
  input: { actor: Actor; id: string; decision: 'approved' | 'rejected'; reason?: string | undefined },
): Promise<TCertification> {
  const at = ctx.clock.now();
  await inTransaction(
    ctx.db,
    async (tx, afterCommit) => {
      const current = await lockCertification(tx, input.id);
      if (!current) throw new AppError('NOT_FOUND');
      await transitionCertification({
        ctx,
        tx,
        afterCommit,
        id: input.id,
        from: current.status,
        to: input.decision,
        actor: input.actor,
        at,
        reason: input.reason,
      });
    },
    (err) => ctx.log.error({ err }, 'certification notice failed'),
  );
  return (await findCertification(ctx.db, input.id)) as TCertification;
}
