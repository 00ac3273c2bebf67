import type { ScreeningRefusal, TAttachmentChecks } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';
import { files } from '../../platform/storage/storage.tables.ts';

/**
 * The public search's keys (public-entries.ts): the entry's bigrams plus one token for its campaign and one for its
 * theme, each with the entry's status, so `@>` with e.g. ['日间', '间手', '手术', 't:<theme id>:passed'] finds one
 * theme's passed matches inside the GIN index instead of every entry with the bigrams. The index derives the tokens
 * from the row's own columns, so every writer (a status change included) keeps them right without filling them. A
 * token is longer than any gram (one or two characters, search-grams.ts), so no search term's grams equal one.
 */
export const publicSearchKeys = (t: {
  searchGrams: AnyPgColumn;
  campaignId: AnyPgColumn;
  themeId: AnyPgColumn;
  status: AnyPgColumn;
}) =>
  sql`(${t.searchGrams} || array['c:' || ${t.campaignId}::text || ':' || ${t.status}, 't:' || ${t.themeId}::text || ':' || ${t.status}])`;

export const entries = pgTable(
  'entries',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns')),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => keyOf('campaign_themes')),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => keyOf('organizations')),
    authorId: uuid('author_id')
      .notNull()
      .references(() => keyOf('users')),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Answers to the campaign's form, under the form version below. */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    formVersion: integer('form_version').notNull().default(1),
    trackKey: text('track_key'),
    /** S1-3 joint entries: the other units named in the form's organization fields; they may read the entry. */
    partnerIds: uuid('partner_ids').array().notNull().default([]),
    status: text('status', { enum: ['draft', 'submitted', 'returned', 'passed', 'excluded', 'withdrawn'] }).notNull(),
    /** Raised by every save; a save from an older version is refused. */
    version: integer('version').notNull().default(1),
    /** Unique within its campaign (two calls of one year both have a 2022-T01-0001). */
    number: text('number'),
    consentAt: instant('consent_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    submittedAt: instant('submitted_at'),
    /** S0-8: screening due by the end of the 2nd working day after (re)submission, Asia/Shanghai. */
    dueAt: instant('due_at'),
    /** S3-5: while returned, the end of the correction period; still returned after it → excluded. */
    correctionDeadline: instant('correction_deadline'),
    /** Title, number and hospital name for substring search (see entry-search.ts). */
    searchText: text('search_text').notNull().default(''),
    searchGrams: text('search_grams').array().notNull().default([]),
    /**
     * S0-6: copied from the campaign's `onePerOrganizationPerTheme` when the entry is started (the rule can change
     * only while the campaign is a draft, before any entry exists), so the unique index below binds only where the
     * organizer enforces the rule; several departments of one hospital may enter one theme where it is off.
     */
    onePerOrgTheme: boolean('one_per_org_theme').notNull().default(true),
  },
  (t) => [
    // S0-6: one entry per organization per theme where the campaign enforces it; a branch is an organization of its
    // own. Withdrawn ones do not count.
    uniqueIndex('entries_one_per_org_theme_key')
      .on(t.campaignId, t.themeId, t.organizationId)
      .where(sql`status <> 'withdrawn' and one_per_org_theme`),
    // Theme pages list passed entries of one theme by number; `id` lets the page of ids come from the index alone.
    index('entries_campaign_theme_status_number_idx').on(t.campaignId, t.themeId, t.status, t.number, t.id),
    index('entries_organization_idx').on(t.organizationId),
    index('entries_partners_idx').using('gin', t.partnerIds),
    index('entries_grams_idx').using('gin', t.searchGrams),
    index('entries_public_keys_idx').using('gin', publicSearchKeys(t)),
    // The public search walks passed entries in number order testing their text: from the index alone (the text is
    // a key column after the unique number, so it never orders anything; a title, a hospital name and a number fit
    // a btree entry many times over).
    index('entries_passed_number_idx').on(t.campaignId, t.number, t.id, t.searchText).where(sql`status = 'passed'`),
    index('entries_passed_theme_number_idx')
      .on(t.campaignId, t.themeId, t.number, t.id, t.searchText)
      .where(sql`status = 'passed'`),
    uniqueIndex('entries_campaign_number_key').on(t.campaignId, t.number),
    index('entries_campaign_status_number_idx').on(t.campaignId, t.status, t.number, t.id),
    index('entries_returned_deadline_idx').on(t.correctionDeadline).where(sql`status = 'returned'`),
  ],
);

/** Every saved version of an entry's text, so nothing typed is lost and changes can be compared. */
export const entryVersions = pgTable(
  'entry_versions',
  {
    id: id(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => keyOf('users')),
    savedAt: instant('saved_at').notNull(),
  },
  (t) => [uniqueIndex('entry_versions_key').on(t.entryId, t.version)],
);

/** Every screening decision, in order: the latest one is what the applicant reads (S0-8, S3-5). */
export const screeningDecisions = pgTable(
  'screening_decisions',
  {
    id: id(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    decision: text('decision', { enum: ['pass', 'return', 'exclude'] }).notNull(),
    reasons: text('reasons').notNull().default(''),
    suggestions: text('suggestions').notNull().default(''),
    correctionDeadline: instant('correction_deadline'),
    /** Null for an automatic decision (the correction-deadline sweep); the audit event names the system actor. */
    decidedBy: uuid('decided_by').references(() => keyOf('users')),
    decidedAt: instant('decided_at').notNull(),
  },
  (t) => [index('screening_decisions_entry_idx').on(t.entryId, t.decidedAt)],
);

/** The file in each attachment slot of an entry; replacing a file keeps the old one in `files`. */
export const entryAttachments = pgTable(
  'entry_attachments',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    /** PPTX only: what the screener should know (slide count, copyright page kept, animated slides; S0-4). */
    pptx: jsonb('pptx').$type<{ slides: number; copyrightPage: boolean; animatedSlides: number }>(),
    /** What was read from the file against the slot's rules (S0-4 slide numbers, S0-5 video facts, failed rules). */
    checks: jsonb('checks').$type<TAttachmentChecks>(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => keyOf('users')),
    uploadedAt: instant('uploaded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.slot] })],
);

/** A resumable upload in progress: bytes arrive in chunks at `received`; complete when it reaches `size`. */
export const uploads = pgTable(
  'uploads',
  {
    id: id(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => keyOf('users')),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    received: bigint('received', { mode: 'number' }).notNull().default(0),
    fileId: uuid('file_id').references(() => files.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('uploads_entry_idx').on(t.entryId)],
);

/**
 * Every file that was ever in an attachment slot of an entry (X-6: nothing a user uploaded is lost): a row per upload,
 * with the entry version it arrived at; `replaced_at` is set when a newer file took the slot or the slot was emptied.
 * `entry_attachments` holds the current one of each slot; this table is the history that the entry's versions and the
 * screener's "changes since the last round" read.
 */
export const entryAttachmentVersions = pgTable(
  'entry_attachment_versions',
  {
    id: id(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    pptx: jsonb('pptx').$type<{ slides: number; copyrightPage: boolean; animatedSlides: number }>(),
    checks: jsonb('checks').$type<TAttachmentChecks>(),
    /** The entry's text version when the file arrived. */
    entryVersion: integer('entry_version').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => keyOf('users')),
    uploadedAt: instant('uploaded_at').notNull(),
    replacedAt: instant('replaced_at'),
    replacedBy: uuid('replaced_by').references(() => keyOf('users')),
  },
  (t) => [
    index('entry_attachment_versions_entry_idx').on(t.entryId, t.slot, t.uploadedAt),
    index('entry_attachment_versions_file_idx').on(t.fileId),
    // At most one current file per slot, as in entry_attachments.
    uniqueIndex('entry_attachment_versions_current_key').on(t.entryId, t.slot).where(sql`replaced_at is null`),
  ],
);

/** Bulk screening plans: what was previewed is exactly what is applied (or refused as stale). */
export const bulkPlans = pgTable('bulk_plans', {
  id: id(),
  campaignId: uuid('campaign_id')
    .notNull()
    .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => keyOf('users')),
  decision: jsonb('decision').$type<Record<string, unknown>>().notNull(),
  /** entryId → the status and version seen at preview time. */
  items: jsonb('items')
    .$type<Array<{ entryId: string; from: string; version: number; skip: ScreeningRefusal | null }>>()
    .notNull(),
  status: text('status', { enum: ['planned', 'applied'] }).notNull(),
  createdAt: instant('created_at').notNull(),
  appliedAt: instant('applied_at'),
});
