import { bigint, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../db/columns.ts';

export const files = pgTable('files', {
  id: id(),
  ownerId: uuid('owner_id'),
  name: text('name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  /** Sniffed from the content, never taken from the client. */
  type: text('type').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull().unique(),
  createdAt: instant('created_at').notNull(),
});
