import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notifications } from './notifications.tables.ts';

export interface Notice {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  at: Date;
}

/** Puts a notice in the user's bell, in the caller's transaction (so it exists exactly when the change does). */
export async function notify(db: Queryable, notice: Notice): Promise<void> {
  await db.insert(notifications).values({
    userId: notice.userId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    link: notice.link,
    createdAt: notice.at,
  });
}

export async function listNotifications(db: Queryable, userId: string) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    unread: unread?.n ?? 0,
  };
}

/** Marks one notice (only the user's own: another's is NOT_FOUND) or all of them read. */
export async function markRead(db: Queryable, userId: string, id: string | 'all', at: Date): Promise<void> {
  if (id === 'all') {
    await db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return;
  }
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND');
}
