import type { TInvitation } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { changeMembership, lockMembership } from './change-membership.ts';
import { findInvitation, lockInvitation, organizationName } from './members.repo.ts';
import { memberAbilities } from './orgs.policy.ts';
import { type InvitationOutcome, transitionInvitation } from './transition-invitation.ts';

/**
 * The invitee accepts or declines; an administrator of the inviting organization revokes. To anyone else the
 * invitation is NOT_FOUND. Accepting makes the invitee a member (role member) in the same transaction; someone
 * who already belongs to an organization is refused (ALREADY_MEMBER, naming it) and must leave it first, so an
 * invitation never silently moves a person out of their hospital. An answered invitation gives WRONG_STATUS.
 */
export async function answerInvitation(
  ctx: AppContext,
  input: { actor: Actor; id: string; answer: InvitationOutcome },
): Promise<TInvitation> {
  const { actor, answer } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const inv = await lockInvitation(tx, input.id);
    if (!inv) throw new AppError('NOT_FOUND');
    const own = await lockMembership(tx, actor.id);
    const allowed = answer === 'revoked' ? memberAbilities.invite(actor, own, inv.organizationId) : inv.inviteeId === actor.id;
    if (!allowed) throw new AppError('NOT_FOUND');
    await transitionInvitation({
      tx,
      afterCommit,
      actor,
      id: input.id,
      organizationId: inv.organizationId,
      from: inv.status,
      to: answer,
      at,
    });
    if (answer !== 'accepted') return;
    if (own) throw new AppError('ALREADY_MEMBER', { name: (await organizationName(tx, own.organizationId)) ?? '' });
    await changeMembership({
      ctx,
      tx,
      afterCommit,
      actorId: actor.id,
      userId: actor.id,
      from: null,
      to: { organizationId: inv.organizationId, role: 'member' },
      via: 'invitation',
      at,
    });
  });
  return (await findInvitation(ctx.db, input.id)) as TInvitation;
}
