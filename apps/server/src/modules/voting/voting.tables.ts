import type { CertificationLevel, TVoteRules } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';

/** A campaign's vote rules (issue 9 item 1), edited while the campaign is a draft; no row: the campaign has no voting. */
export const voteRules = pgTable('vote_rules', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
  rules: jsonb('rules').$type<TVoteRules>().notNull(),
  updatedBy: uuid('updated_by').references(() => keyOf('users')),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * One row per counted vote: the durable truth every count is derived from (`votes verify` recomputes from here).
 * S0-14's "one vote per voter per entry per day" is the unique index on (campaign, entry, voter, Shanghai day): a
 * database constraint, never a read-then-write check. The weight and the level are the server's, taken at the moment
 * of the vote. A void (an organizer's decision against brushing) marks the row, never deletes it, and can be undone.
 */
export const votes = pgTable(
  'votes',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => keyOf('campaign_themes'), { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    voterId: uuid('voter_id')
      .notNull()
      .references(() => keyOf('users'), { onDelete: 'cascade' }),
    /** The Shanghai calendar day of the vote (00:00 Asia/Shanghai is the boundary, X-2). */
    day: date('day', { mode: 'string' }).notNull(),
    castAt: instant('cast_at').notNull(),
    weight: integer('weight').notNull(),
    level: text('level').$type<CertificationLevel>().notNull(),
    /** The client address as the server trusts it (TRUSTED_PROXIES), and the device cookie: fraud signals. */
    ip: text('ip').notNull(),
    deviceId: text('device_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    voidId: uuid('void_id'),
  },
  (t) => [
    uniqueIndex('votes_once_a_day_key').on(t.campaignId, t.entryId, t.voterId, t.day),
    uniqueIndex('votes_idempotency_key').on(t.voterId, t.idempotencyKey),
    index('votes_campaign_cast_at_idx').on(t.campaignId, t.castAt),
    index('votes_entry_idx').on(t.entryId),
    index('votes_voter_day_idx').on(t.voterId, t.day),
  ],
);

/**
 * The running count per entry, advanced in the same transaction as the vote rows it counts (so it never disagrees
 * with them; `votes verify` proves it). Voided votes leave `weight`/`votes` and are counted in `voided_*`.
 */
export const voteCounts = pgTable(
  'vote_counts',
  {
    entryId: uuid('entry_id')
      .primaryKey()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => keyOf('campaign_themes'), { onDelete: 'cascade' }),
    weight: bigint('weight', { mode: 'number' }).notNull().default(0),
    votes: integer('votes').notNull().default(0),
    voidedWeight: bigint('voided_weight', { mode: 'number' }).notNull().default(0),
    voidedVotes: integer('voided_votes').notNull().default(0),
    /** When the count last grew: the stated tie-break (who reached a total first ranks first). */
    lastVoteAt: instant('last_vote_at'),
  },
  (t) => [index('vote_counts_theme_weight_idx').on(t.campaignId, t.themeId, sql`${t.weight} desc`)],
);

/** Votes a voter has used on a Shanghai day across the campaign, for the optional daily cap (locked, then advanced). */
export const voterDays = pgTable(
  'voter_days',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    voterId: uuid('voter_id')
      .notNull()
      .references(() => keyOf('users'), { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.voterId, t.day] })],
);

/**
 * An organizer's voiding of suspicious votes (issue 9 item 5): planned (with its preview of counts and ranks),
 * applied (the votes carry its id), reverted (undone, the votes count again). The same plan -> preview -> apply
 * engine as bulk screening; every step audited with the reason.
 */
export const voteVoids = pgTable(
  'vote_voids',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    status: text('status', { enum: ['planned', 'applied', 'reverted', 'discarded'] }).notNull(),
    reason: text('reason').notNull(),
    /** What the organizer selected: vote ids, voter ids or a detector finding's key. */
    selection: jsonb('selection').$type<{ voteIds: string[]; voterIds: string[]; flagKeys: string[] }>().notNull(),
    /** The vote ids the selection resolved to when planned; applying voids exactly these. */
    voteIds: jsonb('vote_ids').$type<string[]>().notNull(),
    preview: jsonb('preview').$type<unknown>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => keyOf('users')),
    createdAt: instant('created_at').notNull(),
    appliedAt: instant('applied_at'),
    revertedAt: instant('reverted_at'),
  },
  (t) => [index('vote_voids_campaign_idx').on(t.campaignId, t.createdAt)],
);
