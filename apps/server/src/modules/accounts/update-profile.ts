import type { TUpdateProfileInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from './accounts.tables.ts';

/**
 * What a profile update may write, named one by one: anything else in the input (above all organizationId,
 * which the contract already refuses) can never reach the users row through this path.
 */
const EDITABLE = [
  'name',
  'email',
  'phone',
  'department',
  'title',
  'locale',
] as const satisfies readonly (keyof TUpdateProfileInput)[];

/**
 * Changes the caller's own profile; the audit event names the fields that changed, not their values.
 * Membership is not part of a profile: see the orgs module (certification, invitation, staff).
 */
export async function updateProfile(ctx: AppContext, actor: Actor, input: TUpdateProfileInput): Promise<void> {
  const now = ctx.clock.now();
  const changed = EDITABLE.filter((k) => input[k] !== undefined);
  if (changed.length === 0) return;
  const values = Object.fromEntries(changed.map((k) => [k, input[k]])) as Partial<typeof users.$inferInsert>;
  try {
    await ctx.db.transaction(async (tx) => {
      const next = await tx
        .update(users)
        .set({ ...values, updatedAt: now })
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
