import type { TRegisterInput } from '@casearena/contract';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from './accounts.tables.ts';

/**
 * Creates a personal account (S0-2: everyone registers first; certification comes later).
 * Refuses a taken email or phone with EMAIL_TAKEN / PHONE_TAKEN; writes `user.registered`.
 */
export async function registerUser(ctx: AppContext, input: TRegisterInput & { role?: 'user' | 'staff' | 'admin' }) {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email ?? null,
          phone: input.phone ?? null,
          passwordHash,
          role: input.role ?? 'user',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!user) throw new AppError('INTERNAL');
      await appendAudit(tx, {
        kind: 'user.registered',
        actorId: user.id,
        subjectType: 'user',
        subjectId: user.id,
        data: { role: user.role, via: input.email ? 'email' : 'phone' },
        at: now,
      });
      return user;
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'users_email_key') throw new AppError('EMAIL_TAKEN', undefined, [{ path: 'email', code: 'TAKEN' }]);
    if (constraint === 'users_phone_key') throw new AppError('PHONE_TAKEN', undefined, [{ path: 'phone', code: 'TAKEN' }]);
    throw err;
  }
}
