import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { sessions } from './auth.tables.ts';

export const SESSION_COOKIE = 'ca_session';
export const SESSION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Queryable,
  input: { userId: string; now: Date; ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + SESSION_DAYS * DAY);
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId: input.userId,
    createdAt: input.now,
    expiresAt,
    lastSeenAt: input.now,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export async function findSession(db: Queryable, token: string, now: Date): Promise<{ userId: string; expiresAt: Date } | null> {
  const [row] = await db
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now)));
  if (!row) return null;
  // Touch at most every ten minutes so that reads stay reads.
  if (now.getTime() - row.lastSeenAt.getTime() > 10 * 60 * 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(eq(sessions.tokenHash, tokenHash(token)));
  }
  return { userId: row.userId, expiresAt: row.expiresAt };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

export async function deleteUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
