import { integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { organizations } from '../orgs/orgs.tables.ts';

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
    .references(() => organizations.id),
  title: text('title').notNull(),
  status: text('status', { enum: ['draft', 'published', 'closed'] }).notNull(),
  templateKey: text('template_key'),
  eligibility: text('eligibility').notNull(),
  consent: text('consent').notNull(),
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
