import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { changeMembership, lockMembership } from './change-membership.ts';
import { whyNotRemoveMember } from './orgs.policy.ts';

/**
 * An administrator of the organization, or platform staff, removes a member, as `whyNotRemoveMember` decides on the
 * memberships read locked: to a stranger the organization's members are NOT_FOUND; a member who is not an
 * administrator gets FORBIDDEN; someone who is not a member of this organization is NOT_FOUND; removing oneself is
 * FORBIDDEN (one leaves instead). Writes `org.member_removed` with via "removed".
 */
export async function removeMember(
  ctx: AppContext,
  input: { actor: Actor; organizationId: string; userId: string },
): Promise<void> {
  const { actor, organizationId } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const own = await lockMembership(tx, actor.id);
    const from = input.userId === actor.id ? own : await lockMembership(tx, input.userId);
    const refusal = whyNotRemoveMember(actor, own, organizationId, { userId: input.userId, membership: from });
    if (refusal || !from) throw new AppError(refusal ?? 'NOT_FOUND');
    await changeMembership({ ctx, tx, afterCommit, actorId: actor.id, userId: input.userId, from, to: null, via: 'removed', at });
  });
}
