import type { TInvitation, TOrgMember } from '@casearena/contract';
import { aliasedTable, and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { users } from '../accounts/index.ts';
import { organizationInvitations, organizations } from './orgs.tables.ts';

/** An organization's members, administrators first, then by name in byte order (the same on both engines). */
export async function listMembers(db: Queryable, organizationId: string): Promise<TOrgMember[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.organizationRole })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(sql`(${users.organizationRole} = 'admin') desc`, sql`${users.name} collate "C"`, asc(users.id));
  return rows.map((r) => ({ user: { id: r.id, name: r.name }, role: r.role ?? 'member' }));
}

/** Whether the organization has an administrator (the first certified requester becomes one). */
export async function hasAdministrator(db: Queryable, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.organizationRole, 'admin')))
    .limit(1);
  return Boolean(row);
}

const invitee = aliasedTable(users, 'invitee');
const inviter = aliasedTable(users, 'inviter');

function selectInvitations(db: Queryable) {
  return db
    .select({ inv: organizationInvitations, orgName: organizations.name, inviteeName: invitee.name, inviterName: inviter.name })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .innerJoin(invitee, eq(invitee.id, organizationInvitations.inviteeId))
    .innerJoin(inviter, eq(inviter.id, organizationInvitations.invitedBy));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectInvitations>['where']>>[number];

function present(r: Joined): TInvitation {
  return {
    id: r.inv.id,
    status: r.inv.status,
    organization: { id: r.inv.organizationId, name: r.orgName },
    invitee: { id: r.inv.inviteeId, name: r.inviteeName },
    invitedBy: { id: r.inv.invitedBy, name: r.inviterName },
    createdAt: r.inv.createdAt.toISOString(),
    decidedAt: r.inv.decidedAt?.toISOString() ?? null,
  };
}

export async function findInvitation(db: Queryable, id: string): Promise<TInvitation | null> {
  const [row] = await selectInvitations(db).where(eq(organizationInvitations.id, id));
  return row ? present(row) : null;
}

/** Pending invitations of an organization, newest first (for its administrators). */
export async function listPendingInvitations(db: Queryable, organizationId: string): Promise<TInvitation[]> {
  const rows = await selectInvitations(db)
    .where(and(eq(organizationInvitations.organizationId, organizationId), eq(organizationInvitations.status, 'pending')))
    .orderBy(desc(organizationInvitations.createdAt), asc(organizationInvitations.id));
  return rows.map(present);
}

/** The invitations waiting for the user's answer, newest first. */
export async function listMyInvitations(db: Queryable, userId: string): Promise<TInvitation[]> {
  const rows = await selectInvitations(db)
    .where(and(eq(organizationInvitations.inviteeId, userId), eq(organizationInvitations.status, 'pending')))
    .orderBy(desc(organizationInvitations.createdAt), asc(organizationInvitations.id));
  return rows.map(present);
}

/** The invitation's parties and status, locked until the answering transaction ends. */
export async function lockInvitation(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      organizationId: organizationInvitations.organizationId,
      inviteeId: organizationInvitations.inviteeId,
      status: organizationInvitations.status,
    })
    .from(organizationInvitations)
    .where(eq(organizationInvitations.id, id))
    .for('update');
  return row ?? null;
}

export async function organizationName(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return row?.name ?? null;
}
