import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { changeMembership, lockMembership } from './change-membership.ts';
import { whyNotLeave } from './orgs.policy.ts';

/**
 * A member leaves their organization (an administrator too: the organization then has none until a certified
 * requester or staff make one). Entries stay with the organization; the person stops seeing them at once.
 * Someone who belongs nowhere gets WRONG_STATUS (`whyNotLeave`). Writes `org.member_removed` with via "left".
 */
export async function leaveOrganization(ctx: AppContext, input: { actor: Actor }): Promise<void> {
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const own = await lockMembership(tx, input.actor.id);
    const refusal = whyNotLeave(own);
    if (refusal || !own) throw new AppError(refusal ?? 'WRONG_STATUS');
    await changeMembership({
      ctx,
      tx,
      afterCommit,
      actorId: input.actor.id,
      userId: input.actor.id,
      from: own,
      to: null,
      via: 'left',
      at,
    });
  });
}
