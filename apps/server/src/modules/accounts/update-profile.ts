import type { TUpdateProfileInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { users } from './accounts.tables.ts';

/** Changes the caller's own profile; the audit event names the fields that changed, not their values. */
export async function updateProfile(ctx: AppContext, actor: Actor, input: TUpdateProfileInput): Promise<void> {
  const now = ctx.clock.now();
  const changed = Object.keys(input).filter((k) => input[k as keyof TUpdateProfileInput] !== undefined);
  if (changed.length === 0) return;
  try {
    await ctx.db.transaction(async (tx) => {
      if (input.organizationId) {
        const [org] = await tx
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.id, input.organizationId));
        if (!org) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'organizationId', code: 'INVALID_CHOICE' }]);
      }
      const next = await tx
        .update(users)
        .set({ ...input, updatedAt: now })
        .where(eq(users.id, actor.id))
        .returning({ email: users.email, phone: users.phone });
      if (!next[0]?.email && !next[0]?.phone) {
        throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'email', code: 'EMAIL_OR_PHONE_REQUIRED' }]);
      }
      await appendAudit(tx, {
        kind: 'user.profile_updated',
        actorId: actor.id,
        subjectType: 'user',
        subjectId: actor.id,
        data: { fields: changed },
        at: now,
      });
    });
    ctx.identity.invalidateUser(actor.id);
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'users_email_key') throw new AppError('EMAIL_TAKEN', undefined, [{ path: 'email', code: 'TAKEN' }]);
    if (constraint === 'users_phone_key') throw new AppError('PHONE_TAKEN', undefined, [{ path: 'phone', code: 'TAKEN' }]);
    throw err;
  }
}
