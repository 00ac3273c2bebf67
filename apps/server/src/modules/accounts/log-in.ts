import type { TLoginInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { decoyHash, verifyPassword } from '../../platform/auth/passwords.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findUserByIdentifier, lockUserRow, type UserRow } from './accounts.repo.ts';
import { users } from './accounts.tables.ts';
import { parseIdentifier } from './identifier.ts';

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

/**
 * Checks the password and opens a session. Five wrong passwords in a row lock the account for 15 minutes
 * (ACCOUNT_LOCKED, with the minutes left); an unknown account costs the same time as a known one.
 */
export async function logIn(
  ctx: AppContext,
  input: TLoginInput & { ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  const id = parseIdentifier(input.identifier);
  const found = id ? await findUserByIdentifier(ctx.db, id) : null;
  if (!found) {
    await verifyPassword(input.password, await decoyHash());
    throw new AppError('INVALID_CREDENTIALS');
  }
  assertNotLocked(found, now);
  const ok = await verifyPassword(input.password, found.passwordHash);
  if (!ok) {
    await recordFailure(ctx, found.id, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, found.id));
    const session = await createSession(tx, { userId: found.id, now, ip: input.ip, userAgent: input.userAgent });
    return { user: found, ...session };
  });
}

function assertNotLocked(user: UserRow, now: Date) {
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000));
    throw new AppError('ACCOUNT_LOCKED', { minutes });
  }
}

async function recordFailure(ctx: AppContext, userId: string, now: Date) {
  const lockedNow = await ctx.db.transaction(async (tx) => {
    const row = await lockUserRow(tx, userId);
    if (!row) return false;
    const failures = row.failedLogins + 1;
    if (failures < LOCKOUT.maxFailures) {
      await tx.update(users).set({ failedLogins: failures }).where(eq(users.id, userId));
      return false;
    }
    const lockedUntil = new Date(now.getTime() + LOCKOUT.minutes * 60000);
    await tx.update(users).set({ failedLogins: 0, lockedUntil }).where(eq(users.id, userId));
    await appendAudit(tx, {
      kind: 'user.locked_out',
      actorId: null,
      subjectType: 'user',
      subjectId: userId,
      data: { failures, lockedUntil: lockedUntil.toISOString() },
      at: now,
    });
    return true;
  });
  if (lockedNow) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCKOUT.minutes });
}
