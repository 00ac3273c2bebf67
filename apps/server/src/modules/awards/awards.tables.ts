import type { TAwardFigures, TAwardRule, TAwardSetState, TCertificateLayout } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';
import { files } from '../../platform/storage/storage.tables.ts';

/**
 * A campaign's award set (issue 12 item 1): its rules and its state. `state` is written only by transitionAwardSet
 * (AWARD_SET_TRANSITIONS in the contract), compare-and-set on `version`.
 */
export const awardSets = pgTable(
  'award_sets',
  {
    campaignId: uuid('campaign_id')
      .primaryKey()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    state: text('state').$type<TAwardSetState>().notNull().default('draft'),
    rules: jsonb('rules').$type<TAwardRule[]>().notNull(),
    version: integer('version').notNull().default(1),
    computedAt: instant('computed_at'),
    frozenAt: instant('frozen_at'),
    finalAt: instant('final_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [check('award_sets_state_check', sql`${t.state} in ('draft', 'computed', 'frozen', 'final')`)],
);

/**
 * One award: a rule's level given to an entry, or for a campaign-wide award to an organization. A removed award
 * stays as a row with `removed_at` and the reason (an adjustment or an upheld objection), so the history is kept.
 * At most one live award per rule, level and recipient.
 *
 * theme_id, entry_id and organization_id carry no foreign key: a compute writes tens of thousands of rows at once
 * (51,060 for 100,000 entries), and PostgreSQL checks a foreign key with a trigger per row (measured: ~1 s per key
 * per 50,000 rows, 2.4 of the insert's 4.2 s). The one writer (awards-write.ts) checks instead, once per write and
 * stricter than a key could: every theme, entry and hospital of the set's rows is the campaign's own (a theme of
 * it, an entry of it, the hospital of such an entry; otherwise the transaction fails: a bug, never an input). Entries, themes of a
 * published call and organizations are never deleted (a campaign's go with it: campaign -> award_sets -> awards
 * cascade), so nothing is left dangling.
 */
export const awards = pgTable(
  'awards',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => awardSets.campaignId, { onDelete: 'cascade' }),
    ruleKey: text('rule_key').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    levelOrder: integer('level_order').notNull().default(0),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    themeId: uuid('theme_id'),
    trackKey: text('track_key'),
    entryId: uuid('entry_id'),
    organizationId: uuid('organization_id').notNull(),
    /** Position in the list of its rule, level and theme (0 first). */
    position: integer('position').notNull().default(0),
    figures: jsonb('figures').$type<TAwardFigures>().notNull(),
    honourZh: text('honour_zh'),
    honourEn: text('honour_en'),
    origin: text('origin', { enum: ['computed', 'added'] })
      .notNull()
      .default('computed'),
    reason: text('reason'),
    removedAt: instant('removed_at'),
    removedReason: text('removed_reason'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('awards_campaign_idx').on(t.campaignId, t.themeId, t.ruleKey, t.levelOrder, t.position),
    uniqueIndex('awards_live_entry_key')
      .on(t.campaignId, t.ruleKey, t.level, t.entryId)
      .where(sql`${t.removedAt} is null and ${t.entryId} is not null`),
    uniqueIndex('awards_live_org_key')
      .on(t.campaignId, t.ruleKey, t.level, t.organizationId)
      .where(sql`${t.removedAt} is null and ${t.entryId} is null`),
  ],
);

/** The certificate design of a campaign (issue 12 item 4): layout, issuer, wording per rule, the seal image. */
export const certificateDesigns = pgTable('certificate_designs', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
  layout: text('layout').$type<TCertificateLayout>().notNull().default('classic'),
  issuer: text('issuer').notNull(),
  signatureCaption: text('signature_caption').notNull(),
  wording: jsonb('wording').$type<Record<string, string>>().notNull(),
  /** The seal PNG (platform/storage), null until one is uploaded. */
  sealFileId: uuid('seal_file_id').references(() => files.id),
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * One certificate per award (and recipient). `serial` counts per year over every campaign of that year; the number
 * printed is derived from the campaign year, the serial and a check letter, and is unique. What the certificate says
 * (recipient, case, award, theme, wording, issuer, signature caption, layout) is copied here at issue, so a later
 * change to a name, a title or the design never changes an issued certificate; only the seal is the design's now.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    awardId: uuid('award_id')
      .notNull()
      .references(() => awards.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    serial: integer('serial').notNull(),
    recipient: text('recipient').notNull(),
    entryTitle: text('entry_title'),
    awardLabel: text('award_label').notNull(),
    themeTitle: text('theme_title'),
    wording: text('wording').notNull(),
    issuer: text('issuer').notNull(),
    /** The caption under the signature line, as the design said at issue. */
    signatureCaption: text('signature_caption').notNull(),
    layout: text('layout').$type<TCertificateLayout>().notNull(),
    issuedAt: instant('issued_at').notNull(),
    issuedBy: uuid('issued_by').references(() => keyOf('users')),
    revokedAt: instant('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => keyOf('users')),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('certificates_number_key').on(t.number),
    uniqueIndex('certificates_award_key').on(t.awardId),
    uniqueIndex('certificates_serial_key').on(t.campaignId, t.serial),
  ],
);
