import type { TEligibilityRules, TEntryRules, TFormField, TTrack } from '@casearena/contract';
import { integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';

export interface AttachmentSlot {
  key: string;
  label: string;
  required: boolean;
  types: string[];
  maxBytes: number;
}

export const campaigns = pgTable('campaigns', {
  id: id(),
  organizerId: uuid('organizer_id')
    .notNull()
    .references(() => keyOf('organizations')),
  title: text('title').notNull(),
  status: text('status', { enum: ['draft', 'published', 'closed'] }).notNull(),
  templateKey: text('template_key'),
  introduction: text('introduction').notNull().default(''),
  eligibility: text('eligibility').notNull(),
  eligibilityRules: jsonb('eligibility_rules')
    .$type<TEligibilityRules>()
    .notNull()
    .default({ orgKinds: [], countyLevel: 'any', provinceCodes: [] }),
  tracks: jsonb('tracks').$type<TTrack[]>().notNull().default([]),
  entryRules: jsonb('entry_rules')
    .$type<TEntryRules>()
    .notNull()
    .default({ onePerOrganizationPerTheme: true, maxPerOrganization: null } as TEntryRules),
  /** Downloadable templates (the PPT template …): files attached by the organizer. */
  downloads: jsonb('downloads')
    .$type<Array<{ label: string; fileId: string; name: string; size: number }>>()
    .notNull()
    .default([]),
  consent: text('consent').notNull(),
  /** S0-8: screening is due this many working days (Asia/Shanghai) after each (re)submission; from the template. */
  screeningWorkingDays: integer('screening_working_days').notNull().default(2),
  attachments: jsonb('attachments').$type<AttachmentSlot[]>().notNull(),
  createdAt: instant('created_at').notNull(),
  publishedAt: instant('published_at'),
  closedAt: instant('closed_at'),
});

export const campaignThemes = pgTable(
  'campaign_themes',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    directions: text('directions').notNull(),
    position: integer('position').notNull(),
    /** The next entry number's sequence in this theme (2022-T03-0042), taken under the theme's row lock. */
    nextNumber: integer('next_number').notNull().default(1),
  },
  (t) => [uniqueIndex('campaign_themes_code_key').on(t.campaignId, t.code)],
);

export const campaignPhases = pgTable(
  'campaign_phases',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    capabilities: text('capabilities').array().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('campaign_phases_key_key').on(t.campaignId, t.key)],
);

/** Every saved version of a campaign's entry form; rows are never changed, an entry points at its version. */
export const campaignForms = pgTable(
  'campaign_forms',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fields: jsonb('fields').$type<TFormField[]>().notNull(),
    createdBy: uuid('created_by').references(() => keyOf('users')),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.version] })],
);

/** An organizer's own people: managers set campaigns up, screeners work the queue (S0-8). */
export const organizerMembers = pgTable(
  'organizer_members',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => keyOf('organizations'), { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => keyOf('users'), { onDelete: 'cascade' }),
    role: text('role', { enum: ['manager', 'screener'] }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] })],
);
