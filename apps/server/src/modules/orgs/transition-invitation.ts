import { INVITATION_TRANSITIONS, type InvitationStatus } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { organizationInvitations } from './orgs.tables.ts';

export type InvitationOutcome = Exclude<InvitationStatus, 'pending'>;

const AUDIT_KIND = {
  accepted: 'org.invitation_accepted',
  declined: 'org.invitation_declined',
  revoked: 'org.invitation_revoked',
} as const satisfies Record<InvitationOutcome, string>;

/**
 * The one writer of an invitation's status, inside the caller's transaction: checks the edge against
 * INVITATION_TRANSITIONS, writes with compare-and-set on `from` (an invitation answered meanwhile gives
 * WRONG_STATUS) and appends the audit event. Accepting does not by itself make a member: the caller does that
 * with changeMembership in the same transaction. It has no effect to run after commit; `afterCommit` is there for the
 * shape every writer shares.
 */
export async function transitionInvitation(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  /** A person: the invitee answers, an administrator revokes. */
  actor: Actor;
  id: string;
  organizationId: string;
  from: InvitationStatus;
  to: InvitationOutcome;
  at: Date;
}): Promise<void> {
  const { tx, from, to, at } = input;
  if (!(INVITATION_TRANSITIONS[from] as readonly InvitationStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(organizationInvitations)
    .set({ status: to, decidedAt: at })
    .where(and(eq(organizationInvitations.id, input.id), eq(organizationInvitations.status, from)))
    .returning({ id: organizationInvitations.id, inviteeId: organizationInvitations.inviteeId });
  if (!row) throw new AppError('WRONG_STATUS');
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: input.actor.id,
    subjectType: 'organization',
    subjectId: input.organizationId,
    data: { invitationId: row.id, inviteeId: row.inviteeId, from, to },
    at,
  });
}
