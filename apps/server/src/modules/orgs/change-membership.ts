import type { MembershipSource, OrgRole } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { setMembershipIfUnchanged, users } from '../accounts/index.ts';

export interface Membership {
  organizationId: string;
  role: OrgRole;
}

/** Why a membership changed: how one was gained, or how it ended. */
export type MembershipChange = MembershipSource | 'left' | 'removed';

/** The user's membership as stored now (undefined: no such user). */
export async function membershipOf(db: Queryable, userId: string): Promise<Membership | null | undefined> {
  const [row] = await db
    .select({ organizationId: users.organizationId, role: users.organizationRole })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return undefined;
  return row.organizationId && row.role ? { organizationId: row.organizationId, role: row.role } : null;
}

/** The user's membership, locked until the transaction ends (every change reads it this way first). */
export async function lockMembership(tx: Tx, userId: string): Promise<Membership | null | undefined> {
  const [row] = await tx
    .select({ organizationId: users.organizationId, role: users.organizationRole })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!row) return undefined;
  return row.organizationId && row.role ? { organizationId: row.organizationId, role: row.role } : null;
}

/**
 * The one writer of a user's membership (users.organization_id and organization_role), inside the caller's
 * transaction. Callers are the only ways in: certification approval, an accepted invitation, staff assignment,
 * leaving and removal by an administrator or staff. `from` is what the caller read with lockMembership; the
 * write compares and sets on it, so a change made meanwhile gives WRONG_STATUS. Appends one audit event per
 * effect in the same transaction (a move from one organization to another is a removal and an addition) and
 * drops the user's cached identity after commit, so the next request already sees the new membership.
 */
export async function changeMembership(input: {
  ctx: AppContext;
  tx: Tx;
  afterCommit: AfterCommit;
  actorId: string | null;
  userId: string;
  from: Membership | null;
  to: Membership | null;
  via: MembershipChange;
  at: Date;
}): Promise<void> {
  const { tx, from, to, at } = input;
  if (from?.organizationId === to?.organizationId && from?.role === to?.role) return;
  if (!(await setMembershipIfUnchanged(tx, { userId: input.userId, from, to, at }))) throw new AppError('WRONG_STATUS');
  const audit = (kind: 'org.member_added' | 'org.member_removed' | 'org.member_role_changed', orgId: string, data: object) =>
    appendAudit(tx, {
      kind,
      actorId: input.actorId,
      subjectType: 'organization',
      subjectId: orgId,
      data: { userId: input.userId, via: input.via, ...data },
      at,
    });
  if (from && to && from.organizationId === to.organizationId) {
    await audit('org.member_role_changed', to.organizationId, { from: from.role, to: to.role });
  } else {
    if (from) await audit('org.member_removed', from.organizationId, { role: from.role });
    if (to) await audit('org.member_added', to.organizationId, { role: to.role });
  }
  input.afterCommit(() => input.ctx.identity.invalidateUser(input.userId));
}
