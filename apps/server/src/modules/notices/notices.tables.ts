import type { TNoticeDayKind, TNoticeState, TObjectionState } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';
import { files } from '../../platform/storage/storage.tables.ts';

/**
 * A campaign's public notice (公示, issue 12 item 2; S3-7). `state` is written only by transitionNotice
 * (NOTICE_TRANSITIONS in the contract), compare-and-set on `version`; `ends_at` is fixed when it opens.
 */
export const notices = pgTable(
  'notices',
  {
    campaignId: uuid('campaign_id')
      .primaryKey()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    state: text('state').$type<TNoticeState>().notNull().default('draft'),
    days: integer('days').notNull().default(7),
    dayKind: text('day_kind').$type<TNoticeDayKind>().notNull().default('natural'),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    body: text('body').notNull().default(''),
    startsAt: instant('starts_at'),
    endsAt: instant('ends_at'),
    finalAt: instant('final_at'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    check('notices_state_check', sql`${t.state} in ('draft', 'open', 'ended', 'final')`),
    check('notices_period_check', sql`${t.state} = 'draft' or (${t.startsAt} is not null and ${t.endsAt} is not null)`),
  ],
);

/** One message on an objection: the filing, the organizer's request, the objector's answer, the decision. */
export interface ObjectionMessageRow {
  at: string;
  from: 'objector' | 'organizer';
  kind: 'filed' | 'info_requested' | 'info_given' | 'upheld' | 'dismissed';
  text: string;
  by: string;
}

/**
 * An objection (异议) about an entry on the notice. The objector's identity (user, real name, phone) is shown to the
 * organizer and the objector only. `state` is written only by transitionObjection (OBJECTION_TRANSITIONS).
 */
export const objections = pgTable(
  'objections',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => notices.campaignId, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => keyOf('users')),
    realName: text('real_name').notNull(),
    phone: text('phone').notNull(),
    text: text('text').notNull(),
    state: text('state').$type<TObjectionState>().notNull().default('open'),
    messages: jsonb('messages').$type<ObjectionMessageRow[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('objections_campaign_idx').on(t.campaignId, t.state, t.createdAt),
    index('objections_user_idx').on(t.userId),
    check('objections_state_check', sql`${t.state} in ('open', 'info_requested', 'upheld', 'dismissed')`),
  ],
);

/**
 * Evidence files (sniffed uploads) for an objection: uploaded first by the objector (objection_id null), attached
 * when the objection is filed. Only its uploader and the organizer can read one.
 */
export const objectionEvidence = pgTable(
  'objection_evidence',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    objectionId: uuid('objection_id').references(() => objections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => keyOf('users')),
    /** The stored file (platform/storage: sniffed type, size, sha256). */
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('objection_evidence_objection_idx').on(t.objectionId), index('objection_evidence_user_idx').on(t.userId)],
);
