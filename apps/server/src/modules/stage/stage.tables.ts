import type { TScoreSheetSpec, TStageAward, TStageMethod, TStageReveal, TStageState } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from '../../platform/db/columns.ts';
import { keyOf } from '../../platform/db/foreign-key.ts';

/**
 * A stage (场次) of the live final (issue 11): one theme's (or track's) finalists, presenting in a drawn order,
 * scored by its judges on their phones. `state` is written only by transitionStage (STAGE_TRANSITIONS in the
 * contract), compare-and-set on `version`; the clock columns say when the running phase started and how long it
 * was paused, so every screen computes the same remaining time.
 */
export const stages = pgTable(
  'stages',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => keyOf('campaigns'), { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => keyOf('campaign_themes'), { onDelete: 'cascade' }),
    trackKey: text('track_key'),
    label: text('label').notNull(),
    /** The frozen judging round the finalists came from (null for a stage whose round was deleted). */
    sourceRoundId: uuid('source_round_id').references(() => keyOf('judging_rounds'), { onDelete: 'set null' }),
    state: text('state').$type<TStageState>().notNull().default('draft'),
    /** 0-based index into the drawn order of the finalist on stage (from `waiting` on). */
    currentIndex: integer('current_index').notNull().default(0),
    presentSeconds: integer('present_seconds').notNull().default(480),
    qaSeconds: integer('qa_seconds').notNull().default(420),
    warnSeconds: integer('warn_seconds').notNull().default(60),
    method: text('method').$type<TStageMethod>().notNull().default('trimmed'),
    sheet: jsonb('sheet').$type<TScoreSheetSpec>().notNull(),
    awards: jsonb('awards').$type<TStageAward[]>().notNull(),
    /** The draw's random seed (hex), shown to everyone: the order is a pure function of it and the finalists. */
    drawSeed: text('draw_seed'),
    drawnAt: instant('drawn_at'),
    phaseStartedAt: instant('phase_started_at'),
    pausedAt: instant('paused_at'),
    pausedMs: integer('paused_ms').notNull().default(0),
    frozenAt: instant('frozen_at'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => keyOf('users')),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('stages_campaign_idx').on(t.campaignId, t.createdAt),
    check(
      'stages_state_check',
      sql`${t.state} in ('draft', 'drawn', 'waiting', 'presenting', 'qa', 'scoring', 'revealed', 'finished', 'frozen')`,
    ),
    check('stages_method_check', sql`${t.method} in ('mean', 'trimmed')`),
    check('stages_drawn_check', sql`${t.state} = 'draft' or ${t.drawSeed} is not null`),
  ],
);

/**
 * A stage's finalists. `position` is the 1-based presenting order the draw gave (null before it). `reveal`, `final`
 * are written when the host reveals the finalist (cleared if a score is reopened after); `rank` and `award` when
 * the stage finishes, final once it is frozen.
 */
export const stageFinalists = pgTable(
  'stage_finalists',
  {
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    position: integer('position'),
    reveal: jsonb('reveal').$type<TStageReveal>(),
    final: numeric('final', { mode: 'number' }),
    rank: integer('rank'),
    award: text('award'),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.entryId] }), uniqueIndex('stage_finalists_position_key').on(t.stageId, t.position)],
);

/** A stage's judges (experts of the organizer's pool), seated 1..n; the phone signs in as the judge's user. */
export const stageJudges = pgTable(
  'stage_judges',
  {
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => keyOf('judges'), { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => keyOf('users')),
    seat: integer('seat').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stageId, t.judgeId] }),
    uniqueIndex('stage_judges_seat_key').on(t.stageId, t.seat),
    index('stage_judges_user_idx').on(t.userId),
  ],
);

/**
 * Recusal on a stage, fixed when the stage is created from the judging module's rule (the judge's own unit,
 * its parents and children, declared conflicts): the phone shows 回避 and the formula leaves the judge out.
 */
export const stageRecusals = pgTable(
  'stage_recusals',
  {
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => keyOf('judges'), { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.entryId, t.judgeId] })],
);

/**
 * A judge's score of one finalist. At most one `submitted` row per (stage, finalist, judge) — a database constraint;
 * a reopened score stays as history (`reopened`, with who and why in the audit log). `idempotency_key` is unique per
 * stage: a resend under it is answered from this row, never counted again; under changed values it is refused.
 */
export const stageScores = pgTable(
  'stage_scores',
  {
    id: id(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => keyOf('entries'), { onDelete: 'cascade' }),
    judgeId: uuid('judge_id')
      .notNull()
      .references(() => keyOf('judges'), { onDelete: 'cascade' }),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: numeric('total', { mode: 'number' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').$type<'submitted' | 'reopened'>().notNull().default('submitted'),
    submittedAt: instant('submitted_at').notNull(),
    reopenedAt: instant('reopened_at'),
  },
  (t) => [
    uniqueIndex('stage_scores_key').on(t.stageId, t.idempotencyKey),
    uniqueIndex('stage_scores_submitted_key').on(t.stageId, t.entryId, t.judgeId).where(sql`${t.status} = 'submitted'`),
    check('stage_scores_status_check', sql`${t.status} in ('submitted', 'reopened')`),
  ],
);
