import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { users } from '../accounts/accounts.tables.ts';
import { campaigns, campaignThemes } from '../campaigns/campaigns.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';

export const entries = pgTable(
  'entries',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => campaignThemes.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    status: text('status', { enum: ['draft', 'submitted', 'returned', 'passed', 'excluded', 'withdrawn'] }).notNull(),
    /** Raised by every save; a save from an older version is refused. */
    version: integer('version').notNull().default(1),
    number: text('number').unique(),
    consentAt: instant('consent_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    submittedAt: instant('submitted_at'),
    /** S0-8: screening due by the end of the 2nd working day after (re)submission, Asia/Shanghai. */
    dueAt: instant('due_at'),
  },
  (t) => [
    // S0-6: one entry per organization per theme; a branch is an organization of its own. Withdrawn ones do not count.
    uniqueIndex('entries_one_per_org_theme_key').on(t.campaignId, t.themeId, t.organizationId).where(sql`status <> 'withdrawn'`),
    index('entries_campaign_theme_status_idx').on(t.campaignId, t.themeId, t.status),
    index('entries_organization_idx').on(t.organizationId),
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
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => users.id),
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
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: instant('decided_at').notNull(),
  },
  (t) => [index('screening_decisions_entry_idx').on(t.entryId, t.decidedAt)],
);
