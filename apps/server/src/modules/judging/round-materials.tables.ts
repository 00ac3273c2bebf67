import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { judgingRounds } from './judging.tables.ts';

/**
 * The file an advancing entry put in one of a round's own slots (issue 10 item 2; seed 002's 汇报 PPT and MP4 <= 8
 * min), one row per round, entry and slot. A new upload replaces the row's file with the version raised; the file it
 * replaced stays in `files` and is named in the upload's audit event (X-6), so the history is kept.
 */
export const roundMaterials = pgTable(
  'round_materials',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    slotKey: text('slot_key').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    /** The name as uploaded (a blind round shows the slot's label instead). */
    name: text('name').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => keyOf('users')),
    uploadedAt: instant('uploaded_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('round_materials_slot_key').on(t.roundId, t.entryId, t.slotKey),
    index('round_materials_entry_idx').on(t.entryId),
    check('round_materials_version_check', sql`${t.version} >= 1`),
  ],
);
