import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';

/** In-app notifications (the applicant's bell); email/SMS go through the outbox alongside. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => keyOf('users'), { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** The text as written for the recipient's locale; shown when the template below cannot be rendered. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The notice template (packages/contract/src/notices.ts) and its params, rendered in the reader's language. */
    template: text('template'),
    params: jsonb('params'),
    link: text('link'),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
