import { createHmac, randomInt } from 'node:crypto';
import { renderNotice, type TResetConfirmInput } from '@casearena/contract';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { deleteUserSessions } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findUserByIdentifier } from './accounts.repo.ts';
import { passwordResets, users } from './accounts.tables.ts';
import { parseIdentifier } from './identifier.ts';

export const RESET = { validMinutes: 15, maxAttempts: 5, resendSeconds: 60 } as const;

const codeHash = (resetId: string, code: string) => createHmac('sha256', resetId).update(code).digest('hex');

/**
 * Sends a six-digit one-time code to the account's email or phone. Answers the same whether or not the
 * account exists, and sends at most one code a minute per account.
 */
export async function requestPasswordReset(ctx: AppContext, input: { identifier: string }): Promise<void> {
  const now = ctx.clock.now();
  const id = parseIdentifier(input.identifier);
  const user = id ? await findUserByIdentifier(ctx.db, id) : null;
  if (!id || !user) return;
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const [recent] = await tx
      .select({ createdAt: passwordResets.createdAt })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)))
      .orderBy(desc(passwordResets.createdAt))
      .limit(1);
    if (recent && now.getTime() - recent.createdAt.getTime() < RESET.resendSeconds * 1000) return;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const [row] = await tx
      .insert(passwordResets)
      .values({
        userId: user.id,
        codeHash: 'pending',
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET.validMinutes * 60000),
      })
      .returning({ id: passwordResets.id });
    if (!row) throw new AppError('INTERNAL');
    await tx
      .update(passwordResets)
      .set({ codeHash: codeHash(row.id, code) })
      .where(eq(passwordResets.id, row.id));
    await appendAudit(tx, {
      kind: 'user.password_reset_requested',
      actorId: null,
      subjectType: 'user',
      subjectId: user.id,
      data: { channel: id.kind },
      at: now,
    });
    const { subject, body } = renderNotice('password.resetCode', { code, minutes: RESET.validMinutes }, user.locale);
    await ctx.outbox.enqueue(
      tx,
      afterCommit,
      {
        channel: id.kind === 'email' ? 'email' : 'sms',
        to: id.value,
        subject,
        body,
      },
      now,
    );
  });
}

/** Sets a new password with a valid code, ends every session of the account and lifts a lockout. */
export async function resetPassword(ctx: AppContext, input: TResetConfirmInput): Promise<void> {
  const now = ctx.clock.now();
  const id = parseIdentifier(input.identifier);
  const user = id ? await findUserByIdentifier(ctx.db, id) : null;
  if (!user) throw new AppError('RESET_CODE_INVALID');
  const passwordHash = await hashPassword(input.newPassword);
  const outcome = await ctx.db.transaction(async (tx) => {
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .orderBy(desc(passwordResets.createdAt))
      .limit(1)
      .for('update');
    if (!reset || reset.attempts >= RESET.maxAttempts) return 'invalid' as const;
    if (reset.codeHash !== codeHash(reset.id, input.code)) {
      await tx
        .update(passwordResets)
        .set({ attempts: reset.attempts + 1 })
        .where(eq(passwordResets.id, reset.id));
      return 'invalid' as const;
    }
    await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, reset.id));
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id);
    await appendAudit(tx, { kind: 'user.password_reset', actorId: user.id, subjectType: 'user', subjectId: user.id, at: now });
    return 'done' as const;
  });
  if (outcome === 'invalid') throw new AppError('RESET_CODE_INVALID');
  ctx.identity.invalidateUser(user.id);
}
