import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { changeMembership, lockMembership } from './change-membership.ts';
import { canSeeMembers, memberAbilities } from './orgs.policy.ts';

/**
 * An administrator of the organization, or platform staff, removes a member. To a stranger the organization's
 * members are NOT_FOUND; a member who is not an administrator gets FORBIDDEN; someone who is not a member of
 * this organization is NOT_FOUND. Writes `org.member_removed` with via "removed".
 */
export async function removeMember(
  ctx: AppContext,
  input: { actor: Actor; organizationId: string; userId: string },
): Promise<void> {
  const { actor, organizationId } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const own = await lockMembership(tx, actor.id);
    if (!canSeeMembers(actor, own, organizationId)) throw new AppError('NOT_FOUND');
    if (!memberAbilities.removeMembers(actor, own, organizationId)) throw new AppError('FORBIDDEN');
    const from = input.userId === actor.id ? own : await lockMembership(tx, input.userId);
    if (!from || from.organizationId !== organizationId) throw new AppError('NOT_FOUND');
    await changeMembership({ ctx, tx, afterCommit, actorId: actor.id, userId: input.userId, from, to: null, via: 'removed', at });
  });
}
