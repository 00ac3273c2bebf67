import { renderNotice, type TInvitation, type TInviteInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type AfterCommit, inTransaction, uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { findUserIdByIdentifier, users } from '../accounts/index.ts';
import { lockMembership, membershipOf } from './change-membership.ts';
import { findInvitation, organizationName } from './members.repo.ts';
import { whyNotInvite } from './orgs.policy.ts';
import { organizationInvitations } from './orgs.tables.ts';

const NO_ACCOUNT = () => new AppError('VALIDATION_FAILED', undefined, [{ path: 'identifier', code: 'ACCOUNT_NOT_FOUND' }]);

/**
 * An administrator of the organization invites an existing account by email or mobile number; the invitee
 * becomes a member only when they accept. As `whyNotInvite` decides: to a stranger the organization's members are NOT_FOUND, a member who
 * is not an administrator gets FORBIDDEN. Refuses an unknown account (ACCOUNT_NOT_FOUND), someone already in
 * this organization (ALREADY_MEMBER) and a second open invitation (ALREADY_INVITED, a database constraint).
 * Writes `org.invitation_sent`; the invitee is told by mail or SMS after commit.
 */
export async function inviteMember(
  ctx: AppContext,
  input: { actor: Actor; organizationId: string; invite: TInviteInput },
): Promise<TInvitation> {
  const { actor, organizationId } = input;
  const at = ctx.clock.now();
  try {
    const id = await inTransaction(ctx.db, async (tx, afterCommit) => {
      const own = await lockMembership(tx, actor.id);
      const refusal = whyNotInvite(actor, own, organizationId);
      if (refusal) throw new AppError(refusal);
      const inviteeId = await findUserIdByIdentifier(tx, input.invite.identifier);
      if (!inviteeId) throw NO_ACCOUNT();
      if ((await membershipOf(tx, inviteeId))?.organizationId === organizationId) {
        throw new AppError('ALREADY_MEMBER', { name: (await organizationName(tx, organizationId)) ?? '' });
      }
      const [row] = await tx
        .insert(organizationInvitations)
        .values({ organizationId, inviteeId, invitedBy: actor.id, status: 'pending', createdAt: at })
        .returning({ id: organizationInvitations.id });
      if (!row) throw new AppError('INTERNAL');
      await appendAudit(tx, {
        kind: 'org.invitation_sent',
        actorId: actor.id,
        subjectType: 'organization',
        subjectId: organizationId,
        data: { invitationId: row.id, inviteeId },
        at,
      });
      await notifyInvitee(ctx, tx, afterCommit, { inviteeId, organizationId, inviter: actor.name, at });
      return row.id;
    });
    return (await findInvitation(ctx.db, id)) as TInvitation;
  } catch (err) {
    if (uniqueViolation(err) === 'organization_invitations_one_pending_key') throw new AppError('ALREADY_INVITED');
    throw err;
  }
}

/** Queues the invitee's mail or SMS in the invitation's transaction (the outbox delivers it after commit). */
async function notifyInvitee(
  ctx: AppContext,
  tx: Tx,
  afterCommit: AfterCommit,
  n: { inviteeId: string; organizationId: string; inviter: string; at: Date },
): Promise<void> {
  const [user] = await tx
    .select({ email: users.email, phone: users.phone, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, n.inviteeId));
  const org = await organizationName(tx, n.organizationId);
  if (!user || !org) return;
  const params = { name: user.name, inviter: n.inviter, organization: org };
  const { subject, body } = renderNotice('membership.invited', params, user.locale);
  await enqueueToPerson(ctx.outbox, tx, afterCommit, user, { subject, body }, n.at);
}
