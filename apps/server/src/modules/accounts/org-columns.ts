import type { OrgRole } from '@casearena/contract';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { users } from './accounts.tables.ts';

// The users columns the orgs module decides: the membership (organization_id, organization_role) and the job title
// a certification confirms. Accounts owns the table, so the writes are here; their only callers are orgs'
// changeMembership (the one writer of a membership, which audits and drops the cached identity) and the
// certification approval. Both run inside the caller's transaction.

export interface MembershipColumns {
  organizationId: string;
  role: OrgRole;
}

/**
 * Compare-and-set of a user's membership: writes `to` only while the row still holds `from` (null: no
 * membership). False when the row changed meanwhile (or there is no such user).
 */
export async function setMembershipIfUnchanged(
  tx: Tx,
  input: { userId: string; from: MembershipColumns | null; to: MembershipColumns | null; at: Date },
): Promise<boolean> {
  const { from, to } = input;
  const current: SQL | undefined = from
    ? and(eq(users.organizationId, from.organizationId), eq(users.organizationRole, from.role))
    : isNull(users.organizationId);
  const [row] = await tx
    .update(users)
    .set({ organizationId: to?.organizationId ?? null, organizationRole: to?.role ?? null, updatedAt: input.at })
    .where(and(eq(users.id, input.userId), current))
    .returning({ id: users.id });
  return row !== undefined;
}

/** The job title an approved certification request states becomes the user's title. */
export async function setCertifiedTitle(tx: Tx, input: { userId: string; title: string; at: Date }): Promise<void> {
  await tx.update(users).set({ title: input.title, updatedAt: input.at }).where(eq(users.id, input.userId));
}
