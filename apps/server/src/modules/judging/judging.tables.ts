import type {
  AggregationMethod,
  AssignmentPlanStatus,
  AssignmentStatus,
  JudgeStatus,
  RoundStatus,
  SheetStatus,
  TRoundMaterials,
  TRoundScope,
  TScoreSheetSpec,
} from '@casearena/contract';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';

/**
 * An organizer's expert pool (issue 10 item 1). A judge is invited by email or mobile; `user_id` is set when the
 * expert accepts (an account created or linked). The judge's own unit and declared conflicts feed recusal.
 */
export const judges = pgTable(
  'judges',
  {
    id: id(),
    organizerId: uuid('organizer_id')
      .notNull()
      .references(() => keyOf('organizations'), { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => keyOf('users')),
    name: text('name').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    /** The judge's own unit, from the registry when known (recusal: own unit, its parent and branches). */
    organizationId: uuid('organization_id').references(() => keyOf('organizations')),
    organizationName: text('organization_name').notNull().default(''),
    /** A professional title key, as accounts' PROFESSIONAL_TITLES. */
    title: text('title'),
    /** Theme ids or free keys the judge is expert in; the assignment prefers matches. */
    specialties: text('specialties').array().notNull().default([]),
    status: text('status').$type<JudgeStatus>().notNull().default('invited'),
    inviteTokenHash: text('invite_token_hash'),
    invitedBy: uuid('invited_by').references(() => keyOf('users')),
    invitedAt: instant('invited_at').notNull(),
    answeredAt: instant('answered_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('judges_organizer_email_key').on(t.organizerId, t.email).where(sql`${t.email} is not null`),
    uniqueIndex('judges_organizer_mobile_key').on(t.organizerId, t.mobile).where(sql`${t.mobile} is not null`),
    uniqueIndex('judges_invite_token_key').on(t.inviteTokenHash).where(sql`${t.inviteTokenHash} is not null`),
    index('judges_user_idx').on(t.userId),
    check('judges_contact_check', sql`${t.email} is not null or ${t.mobile} is not null`),
    check('judges_status_check', sql`${t.status} in ('invited', 'active', 'declined', 'removed')`),
  ],
);

/** Units a judge declared being tied to (worked for, advises): never assigned their entries. */
export const judgeConflicts = pgTable(
  'judge_conflicts',
  {
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => keyOf('organizations'), { onDelete: 'cascade' }),
    note: text('note').notNull().default(''),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.judgeId, t.organizationId] })],
);

/** A judge on a campaign's panel, for some of its themes; lead judge (组长) of `lead_theme_ids`. */
export const panelMembers = pgTable(
  'panel_members',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    themeIds: uuid('theme_ids').array().notNull().default([]),
    leadThemeIds: uuid('lead_theme_ids').array().notNull().default([]),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.judgeId] }), index('panel_members_judge_idx').on(t.judgeId)],
);

/**
 * A round of judging (issue 10 item 2): dates, scope, score sheet, materials, flags, aggregation. Written by
 * transitionRound (status) and the rounds PUT (the whole set, validated together); `version` is compare-and-set.
 */
export const judgingRounds = pgTable(
  'judging_rounds',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    ordinal: integer('ordinal').notNull(),
    opensAt: instant('opens_at').notNull(),
    /** The deadline: no sheet is submitted after it (ROUND_CLOSED). */
    closesAt: instant('closes_at').notNull(),
    status: text('status').$type<RoundStatus>().notNull().default('draft'),
    scope: jsonb('scope').$type<TRoundScope>().notNull(),
    sheet: jsonb('sheet').$type<TScoreSheetSpec>().notNull(),
    materials: jsonb('materials').$type<TRoundMaterials>().notNull(),
    blind: boolean('blind').notNull().default(true),
    seeOthers: boolean('see_others').notNull().default(false),
    judgesPerEntry: integer('judges_per_entry').notNull().default(3),
    maxLoad: integer('max_load').notNull().default(50),
    method: text('method').$type<AggregationMethod>().notNull().default('mean'),
    /** The stated tie-break order, e.g. ['criterion:innovation', 'submittedAt']. */
    tieBreak: text('tie_break').array().notNull().default([]),
    /**
     * When the frozen results were published to the entries' applicants (issue 10 item 6); null until then. Set once,
     * by publishResults, and only on a frozen round (the check below): publication follows the freeze, never undoes it.
     */
    resultsPublishedAt: instant('results_published_at'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('judging_rounds_campaign_idx').on(t.campaignId, t.ordinal),
    check('judging_rounds_status_check', sql`${t.status} in ('draft', 'open', 'closed', 'frozen')`),
    check('judging_rounds_published_check', sql`${t.resultsPublishedAt} is null or ${t.status} = 'frozen'`),
    check('judging_rounds_method_check', sql`${t.method} in ('mean', 'median', 'trimmed', 'zscore')`),
    check('judging_rounds_dates_check', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/** The entries a round judges, filled from its scope when it opens. */
export const roundEntries = pgTable(
  'round_entries',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => keyOf('campaign_themes'), { onDelete: 'cascade' }),
    trackKey: text('track_key'),
    addedAt: instant('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.entryId] }), index('round_entries_entry_idx').on(t.entryId)],
);

/** A judge assigned an entry in a round; never deleted (removed/abstained keep the history). */
export const assignments = pgTable(
  'assignments',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    status: text('status').$type<AssignmentStatus>().notNull().default('assigned'),
    planId: uuid('plan_id').references(() => assignmentPlans.id),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('assignments_round_entry_judge_key').on(t.roundId, t.entryId, t.judgeId),
    index('assignments_judge_round_idx').on(t.judgeId, t.roundId),
    check('assignments_status_check', sql`${t.status} in ('assigned', 'abstained', 'removed')`),
  ],
);

/**
 * An automatic or imported assignment, planned -> previewed -> applied (the engine bulk screening uses).
 * `params` are what the engine was asked (judges per entry, maximum load, seed); `fingerprint` is only the hash of the
 * facts at planning (the panel, conflicts, entries, assignments, the org tree): applying after any changed is
 * PLAN_STALE.
 */
export const assignmentPlans = pgTable(
  'assignment_plans',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    status: text('status').$type<AssignmentPlanStatus>().notNull().default('planned'),
    items: jsonb('items').$type<{ entryId: string; judgeId: string }[]>().notNull(),
    params: jsonb('params').$type<{ perEntry: number; maxLoad: number; seed: number }>().notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => keyOf('users')),
    createdAt: instant('created_at').notNull(),
    appliedAt: instant('applied_at'),
  },
  (t) => [
    index('assignment_plans_round_idx').on(t.roundId, t.createdAt),
    check('assignment_plans_status_check', sql`${t.status} in ('planned', 'applied', 'discarded')`),
  ],
);

/** A judge's sheet for one assignment: a versioned draft (never lost), then submitted and locked, or abstained. */
export const scoreSheets = pgTable(
  'score_sheets',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    status: text('status').$type<SheetStatus>().notNull().default('draft'),
    /** Criterion key -> points. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    recommendation: text('recommendation'),
    abstainReason: text('abstain_reason'),
    version: integer('version').notNull().default(1),
    savedAt: instant('saved_at').notNull(),
    submittedAt: instant('submitted_at'),
  },
  (t) => [
    uniqueIndex('score_sheets_assignment_key').on(t.assignmentId),
    index('score_sheets_round_entry_idx').on(t.roundId, t.entryId),
    index('score_sheets_judge_idx').on(t.judgeId, t.roundId),
    check('score_sheets_status_check', sql`${t.status} in ('draft', 'submitted', 'abstained')`),
  ],
);

/**
 * A round's frozen results: score, rank within its group, tier, whether it advanced, and the breakdown shown. Whether
 * they are published is the round's (`judging_rounds.results_published_at`), the same for every row.
 */
export const roundResults = pgTable(
  'round_results',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    score: numeric('score', { mode: 'number' }),
    rank: integer('rank'),
    tier: text('tier'),
    advanced: boolean('advanced').notNull().default(false),
    breakdown: jsonb('breakdown').$type<unknown>().notNull(),
    frozenAt: instant('frozen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.entryId] })],
);
