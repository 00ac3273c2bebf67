import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';
import { files } from '../../platform/storage/storage.tables.ts';

/** National administrative divisions (GB/T 2260): province, city (地级), county (县级). */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    /** The canonical full name (S0-2): one hospital, one name across all its entries. */
    name: text('name').notNull(),
    aliases: text('aliases').array().notNull().default([]),
    kind: text('kind').notNull(),
    level: text('level'),
    grade: text('grade'),
    regionCode: text('region_code').references(() => regions.code),
    isCountyLevel: boolean('is_county_level').notNull().default(false),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    /** Name and aliases, normalized, for substring checks. */
    searchText: text('search_text').notNull(),
    /** Every character and every pair of adjacent characters of searchText, GIN-indexed (see orgs README). */
    searchGrams: text('search_grams').array().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('organizations_name_key').on(t.name),
    index('organizations_grams_idx').using('gin', t.searchGrams),
    index('organizations_region_idx').on(t.regionCode),
    index('organizations_parent_idx').on(t.parentId),
  ],
);

export const certificationRequests = pgTable(
  'certification_requests',
  {
    id: id(),
    kind: text('kind', { enum: ['institution', 'professional'] }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => keyOf('users')),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title'),
    note: text('note'),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    decidedBy: uuid('decided_by').references(() => keyOf('users')),
    decisionReason: text('decision_reason'),
    createdAt: instant('created_at').notNull(),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    index('certification_requests_status_idx').on(t.status, t.createdAt),
    index('certification_requests_user_idx').on(t.userId),
    // At most one request under review per user and kind; the database refuses a second one.
    uniqueIndex('certification_requests_one_pending_key').on(t.userId, t.kind).where(sql`status = 'pending'`),
  ],
);

/**
 * An administrator's invitation of an existing account into their organization; the invitee accepts or
 * declines, an administrator may revoke it while it is pending (INVITATION_TRANSITIONS).
 */
export const organizationInvitations = pgTable(
  'organization_invitations',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    inviteeId: uuid('invitee_id')
      .notNull()
      .references(() => keyOf('users')),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => keyOf('users')),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'revoked'] }).notNull(),
    createdAt: instant('created_at').notNull(),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    index('organization_invitations_invitee_idx').on(t.inviteeId, t.status),
    index('organization_invitations_org_idx').on(t.organizationId, t.status),
    // One open invitation per account and organization; the database refuses a second.
    uniqueIndex('organization_invitations_one_pending_key').on(t.organizationId, t.inviteeId).where(sql`status = 'pending'`),
  ],
);
