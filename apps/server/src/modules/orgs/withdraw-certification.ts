import type { TCertification } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCertification, lockCertification } from './certifications.repo.ts';
import { canSeeCertification, canWithdrawCertification } from './orgs.policy.ts';
import { transitionCertification } from './transition-certification.ts';

/**
 * The applicant takes back a pending request, e.g. to file a better licence scan (only one may be pending per
 * kind). Someone else's request is NOT_FOUND to them (a reviewer sees it but may not withdraw it: FORBIDDEN);
 * a decided request gives WRONG_STATUS. Audited; no notice, since the applicant did it.
 */
export async function withdrawCertification(ctx: AppContext, input: { actor: Actor; id: string }): Promise<TCertification> {
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const current = await lockCertification(tx, input.id);
    if (!current || !canSeeCertification(input.actor, current.userId)) throw new AppError('NOT_FOUND');
    if (!canWithdrawCertification(input.actor, current.userId)) throw new AppError('FORBIDDEN');
    await transitionCertification({
      ctx,
      tx,
      afterCommit,
      id: input.id,
      from: current.status,
      to: 'withdrawn',
      actor: input.actor,
      at,
    });
  });
  return (await findCertification(ctx.db, input.id)) as TCertification;
}
