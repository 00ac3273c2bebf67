import type { OrgRole } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { changeMembership, lockMembership } from './change-membership.ts';
import { assertCanManageOrganizations } from './orgs.policy.ts';
import { organizationExists } from './orgs.repo.ts';

/**
 * Platform staff put a user into an organization with a role, or change their role there (e.g. name a new
 * administrator after the last one left). A user who belongs to another organization is moved, and the audit
 * log records both the removal and the addition. An unknown user or organization is NOT_FOUND.
 */
export async function assignMember(
  ctx: AppContext,
  input: { actor: Actor; organizationId: string; userId: string; role: OrgRole },
): Promise<void> {
  const actor = assertCanManageOrganizations(input.actor);
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    if (!(await organizationExists(tx, input.organizationId))) throw new AppError('NOT_FOUND');
    const from = await lockMembership(tx, input.userId);
    if (from === undefined) throw new AppError('NOT_FOUND');
    await changeMembership({
      ctx,
      tx,
      afterCommit,
      actorId: actor.id,
      userId: input.userId,
      from,
      to: { organizationId: input.organizationId, role: input.role },
      via: 'staff',
      at,
    });
  });
}
