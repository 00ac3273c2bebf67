import { type Locale, type NoticeRef, renderRef, renderStoredNotice } from '@casearena/contract';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notifications } from './notifications.tables.ts';

export type Notice = NoticeRef & {
  userId: string;
  kind: string;
  /** The recipient's saved locale: the stored title and body (shown if the template cannot be rendered) use it. */
  locale: Locale;
  link: string | null;
  at: Date;
};

/**
 * Puts a notice in the user's bell, in the caller's transaction (so it exists exactly when the change does). The
 * template (packages/contract/src/notices.ts) and its params are kept, so the bell renders it in the reader's language.
 */
export async function notify(db: Queryable, notice: Notice): Promise<void> {
  const text = renderRef(notice, notice.locale);
  await db.insert(notifications).values({
    userId: notice.userId,
    kind: notice.kind,
    title: text.title,
    body: text.body,
    template: notice.template,
    params: notice.params,
    link: notice.link,
    createdAt: notice.at,
  });
}

/** The user's latest notices, each rendered in `locale` (the reader's language) from its template when it has one. */
export async function listNotifications(db: Queryable, userId: string, locale: Locale) {
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
    items: rows.map((r) => {
      const text = renderStoredNotice(r.template, r.params, locale);
      return {
        id: r.id,
        kind: r.kind,
        title: text?.title ?? r.title,
        body: text?.body ?? r.body,
        template: text ? r.template : null,
        params: text ? (r.params as Record<string, unknown>) : null,
        link: r.link,
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt?.toISOString() ?? null,
      };
    }),
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
