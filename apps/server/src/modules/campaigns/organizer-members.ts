import type { OrganizerRole } from '@casearena/contract';
import { and, asc, eq, or } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../accounts/index.ts';
import { canManage, organizerRole } from './campaigns.policy.ts';
import { organizerMembers } from './campaigns.tables.ts';

/** Only the platform or the organizer's managers see and change who works for the organizer. */
export async function assertManagesOrganizer(ctx: AppContext, actor: Actor | null, organizationId: string): Promise<Actor> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!canManage(await organizerRole(ctx.db, actor, organizationId))) throw new AppError('FORBIDDEN');
  return actor;
}

export async function listOrganizerMembers(ctx: AppContext, organizationId: string) {
  const rows = await ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, role: organizerMembers.role })
    .from(organizerMembers)
    .innerJoin(users, eq(users.id, organizerMembers.userId))
    .where(eq(organizerMembers.organizationId, organizationId))
    .orderBy(asc(organizerMembers.createdAt));
  return { items: rows };
}

/** Adds (or changes the role of) a registered user, found by email or mobile number. */
export async function addOrganizerMember(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  input: { identifier: string; role: OrganizerRole },
) {
  const now = ctx.clock.now();
  const id = input.identifier.trim().toLowerCase();
  const [user] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(or(eq(users.email, id), eq(users.phone, id)));
  if (!user) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'identifier', code: 'ACCOUNT_NOT_FOUND' }]);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(organizerMembers)
      .values({ organizationId, userId: user.id, role: input.role, createdAt: now })
      .onConflictDoUpdate({ target: [organizerMembers.organizationId, organizerMembers.userId], set: { role: input.role } });
    await appendAudit(tx, {
      kind: 'organizer.member_added',
      actorId: actor.id,
      subjectType: 'organization',
      subjectId: organizationId,
      data: { userId: user.id, role: input.role },
      at: now,
    });
  });
  return listOrganizerMembers(ctx, organizationId);
}

export async function removeOrganizerMember(ctx: AppContext, actor: Actor, organizationId: string, userId: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(organizerMembers)
      .where(and(eq(organizerMembers.organizationId, organizationId), eq(organizerMembers.userId, userId)))
      .returning({ userId: organizerMembers.userId });
    if (removed.length === 0) throw new AppError('NOT_FOUND');
    await appendAudit(tx, {
      kind: 'organizer.member_removed',
      actorId: actor.id,
      subjectType: 'organization',
      subjectId: organizationId,
      data: { userId },
      at: now,
    });
  });
  return listOrganizerMembers(ctx, organizationId);
}
