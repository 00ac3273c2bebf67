import { z } from 'zod';
import { ability } from './abilities.ts';
import { code } from './fields.ts';
import { ZLabel, ZScoreSheetSpec } from './judging.ts';

/**
 * The live final on stage (issue 11; seed 000 §六.3 全国总决赛, seed 002 §六 现场决赛; S0-10, S2-6, X-3, X-4).
 * A stage (场次) is one theme's (or track's) final: its finalists come from a frozen judging round, its presenting
 * order is drawn by lot from a recorded seed, its judges score each finalist on their phones, the big screen reveals.
 *
 * One state per stage, written only by transitionStage along STAGE_TRANSITIONS:
 *   draft -> drawn (the draw) -> drawn (a re-draw, with a reason) -> waiting (start: the first presenter is called)
 *   waiting -> presenting -> qa -> scoring -> revealed -> waiting (next presenter) | finished (after the last)
 *   revealed -> scoring (a judge's score reopened after the reveal, with a reason)
 *   finished -> frozen (the ranking and the medals are frozen)
 * Pausing is not a state: `paused` stops the presentation / Q&A clock in `presenting` and `qa`.
 */
export const STAGE_STATES = [
  'draft',
  'drawn',
  'waiting',
  'presenting',
  'qa',
  'scoring',
  'revealed',
  'finished',
  'frozen',
] as const;
export const ZStageState = z.enum(STAGE_STATES);
export type TStageState = z.infer<typeof ZStageState>;

export const STAGE_TRANSITIONS = {
  draft: ['drawn'],
  drawn: ['drawn', 'waiting'],
  waiting: ['presenting'],
  presenting: ['qa'],
  qa: ['scoring'],
  scoring: ['revealed'],
  revealed: ['waiting', 'finished', 'scoring'],
  finished: ['frozen'],
  frozen: [],
} as const satisfies Record<TStageState, readonly TStageState[]>;

/** What the host's console can ask; each is checked against the state (WRONG_STATUS out of order). */
export const STAGE_ACTIONS = [
  'draw',
  'redraw',
  'start',
  'present',
  'qa',
  'score',
  'reveal',
  'next',
  'finish',
  'freeze',
  'pause',
  'resume',
  'reopen',
] as const;
export const ZStageAction = z.enum(STAGE_ACTIONS);
export type TStageAction = z.infer<typeof ZStageAction>;

/** How a finalist's judges' totals become its final score (the trimmed mean drops one highest and one lowest). */
export const ZStageMethod = z.enum(['mean', 'trimmed']);
export type TStageMethod = z.infer<typeof ZStageMethod>;

/**
 * The awards by rank, best first: seed 000 gold 1, silver 2, bronze 3 (ranks 1, 2-3, 4-6; S0-10); seed 002 first,
 * second and third prizes (S2-6), their counts set by the organizer.
 */
export const ZStageAward = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, code('INVALID')),
  label: ZLabel,
  count: z.number().int().min(1).max(100),
});
export type TStageAward = z.infer<typeof ZStageAward>;
export const MEDALS_S0_10: TStageAward[] = [
  { key: 'gold', label: { 'zh-CN': '金奖', en: 'Gold' }, count: 1 },
  { key: 'silver', label: { 'zh-CN': '银奖', en: 'Silver' }, count: 2 },
  { key: 'bronze', label: { 'zh-CN': '铜奖', en: 'Bronze' }, count: 3 },
];
export const PRIZES_S2_6: TStageAward[] = [
  { key: 'first', label: { 'zh-CN': '一等奖', en: 'First prize' }, count: 1 },
  { key: 'second', label: { 'zh-CN': '二等奖', en: 'Second prize' }, count: 2 },
  { key: 'third', label: { 'zh-CN': '三等奖', en: 'Third prize' }, count: 3 },
];

const ZUuid = z.string().uuid(code('INVALID'));
const ZReason = z.string().trim().min(2, code('REASON_REQUIRED')).max(500, code('TOO_LONG'));

/** POST /api/campaigns/:campaignId/stages (the organizer's manager): a stage in `draft`. */
export const ZCreateStageInput = z.object({
  label: z.string().trim().min(1).max(80),
  themeId: ZUuid,
  trackKey: z.string().max(40).nullable().default(null),
  /** The frozen judging round whose results give the finalists … */
  sourceRoundId: ZUuid,
  /** … those of this theme (and track) whose tier is one of these (seed 000: ['outstanding']); empty: advanced ones. */
  tiers: z.array(z.string().min(1).max(40)).max(10).default([]),
  /** Expert-pool judges (judging's `judges.id`) who score on this stage. */
  judgeIds: z.array(ZUuid).min(1).max(40),
  presentSeconds: z.number().int().min(60).max(3600).default(480),
  qaSeconds: z.number().int().min(0).max(3600).default(420),
  warnSeconds: z.number().int().min(0).max(600).default(60),
  method: ZStageMethod.default('trimmed'),
  sheet: ZScoreSheetSpec,
  awards: z.array(ZStageAward).min(1).max(10),
});
export type TCreateStageInput = z.infer<typeof ZCreateStageInput>;

/** POST /api/stages/:stageId/actions: one host step, compare-and-set on the version the console showed. */
export const ZStageActionInput = z.object({
  action: ZStageAction,
  version: z.number().int().positive(),
  /** Required for redraw and reopen, and for a reveal without the judges who have not scored (audited). */
  reason: ZReason.optional(),
  /** reopen: whose score (judging's `judges.id`) on the current finalist. */
  judgeId: ZUuid.optional(),
});
export type TStageActionInput = z.infer<typeof ZStageActionInput>;

/** POST /api/stages/:stageId/scores: a judge's score for the finalist being scored, resent until confirmed. */
export const ZStageScoreInput = z.object({
  entryId: ZUuid,
  /** Criterion key -> points, within the sheet's range and decimals. */
  scores: z.record(z.string(), z.number()),
  /** Made once on the phone per (stage, finalist, attempt); a resend under it never counts twice. */
  idempotencyKey: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, code('INVALID')),
});
export type TStageScoreInput = z.infer<typeof ZStageScoreInput>;

export const ZStageScoreAnswer = z.object({
  entryId: ZUuid,
  total: z.number(),
  /** True when this key had already been accepted (the resend was answered from the stored score). */
  replayed: z.boolean(),
  submittedAt: z.string(),
});
export type TStageScoreAnswer = z.infer<typeof ZStageScoreAnswer>;

/** The stage's clock, for every screen: remaining = limit - (now - startedAt - pausedMs - (pausedAt ? now - pausedAt : 0)). */
export const ZStageClock = z.object({
  /** The limit of the running phase: presentSeconds in `presenting`, qaSeconds in `qa`, else null. */
  limitSeconds: z.number().int().nullable(),
  warnSeconds: z.number().int(),
  phaseStartedAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  pausedMs: z.number().int(),
  /** The server's time when this view was made (screens correct their own clock by it). */
  serverNow: z.string(),
});
export type TStageClock = z.infer<typeof ZStageClock>;

/**
 * One judge's score in a reveal: `dropped` marks the highest and lowest a trimmed mean leaves out. `total` is null
 * for a recused judge (`recused`) and for an absent one (not recused: revealed with a reason without their score).
 */
export const ZRevealedScore = z.object({
  seat: z.number().int(),
  name: z.string(),
  total: z.number().nullable(),
  recused: z.boolean(),
  dropped: z.boolean(),
});
export const ZStageReveal = z.object({
  scores: z.array(ZRevealedScore),
  final: z.number(),
  method: ZStageMethod,
});
export type TStageReveal = z.infer<typeof ZStageReveal>;

export const ZStageFinalist = z.object({
  entryId: ZUuid,
  /** 1-based presenting order once drawn; null in draft. */
  position: z.number().int().nullable(),
  title: z.string(),
  organization: z.string(),
  entryNumber: z.string().nullable(),
  /** Null until revealed. */
  reveal: ZStageReveal.nullable(),
  /** Rank and award once the stage is finished (frozen: final). */
  rank: z.number().int().nullable(),
  award: z.string().nullable(),
});
export type TStageFinalist = z.infer<typeof ZStageFinalist>;

/** Judges' progress on the current finalist, never their scores before the reveal. */
export const ZStageJudgeProgress = z.object({
  seat: z.number().int(),
  name: z.string(),
  status: z.enum(['waiting', 'scored', 'recused']),
});

/** GET /api/stages/:stageId/screen (public: the big screen) and the `screen` event of the stream. */
export const ZStageScreen = z.object({
  id: ZUuid,
  campaignId: ZUuid,
  label: z.string(),
  themeLabel: z.string(),
  state: ZStageState,
  paused: z.boolean(),
  version: z.number().int(),
  clock: ZStageClock,
  draw: z.object({ seed: z.string(), drawnAt: z.string() }).nullable(),
  /** The finalist on stage (waiting to present, presenting, in Q&A, being scored or just revealed). */
  current: ZStageFinalist.nullable(),
  progress: z.array(ZStageJudgeProgress),
  /** In presenting order (draft: by entry number). */
  finalists: z.array(ZStageFinalist),
  awards: z.array(ZStageAward),
});
export type TStageScreen = z.infer<typeof ZStageScreen>;

/** Each host action: true, or why not (FORBIDDEN for a non-host, WRONG_STATUS out of order, STAGE_INCOMPLETE). */
const hostAbility = ability(['FORBIDDEN', 'WRONG_STATUS', 'STAGE_INCOMPLETE']);
export const ZStageAbilities = z.object({
  ...(Object.fromEntries(STAGE_ACTIONS.map((a) => [a, hostAbility])) as Record<TStageAction, typeof hostAbility>),
  /**
   * Not an action of its own: `reveal` with a reason while some judges not recused have not scored (a phone died, a
   * judge left the hall). True only in `scoring` with at least one of them scored and at least one missing; the
   * missing ones are revealed as absent (total null, not recused) and counted as a recused judge is: not at all.
   */
  revealAbsent: hostAbility,
});
export type TStageAbilities = z.infer<typeof ZStageAbilities>;

/** GET /api/stages/:stageId (the host: the organizer's manager): the screen plus the settings and abilities. */
export const ZStageHostView = ZStageScreen.extend({
  themeId: ZUuid,
  sourceRoundId: ZUuid.nullable(),
  presentSeconds: z.number().int(),
  qaSeconds: z.number().int(),
  method: ZStageMethod,
  sheet: ZScoreSheetSpec,
  judges: z.array(z.object({ judgeId: ZUuid, seat: z.number().int(), name: z.string() })),
  abilities: ZStageAbilities,
});
export type TStageHostView = z.infer<typeof ZStageHostView>;

/** GET /api/campaigns/:campaignId/stages: the campaign's stages, for the organizer and for the judges on them. */
export const ZStageSummary = z.object({
  id: ZUuid,
  label: z.string(),
  themeLabel: z.string(),
  state: ZStageState,
  finalists: z.number().int(),
  judges: z.number().int(),
  /** What the caller is on this stage. */
  role: z.enum(['host', 'judge']),
});
export const ZStageList = z.object({ stages: z.array(ZStageSummary), canCreate: z.boolean() });
export type TStageList = z.infer<typeof ZStageList>;

/** GET /api/stages/:stageId/judge (a judge of the stage, on a phone). */
export const ZStageJudgeView = z.object({
  id: ZUuid,
  label: z.string(),
  themeLabel: z.string(),
  state: ZStageState,
  version: z.number().int(),
  seat: z.number().int(),
  sheet: ZScoreSheetSpec,
  current: ZStageFinalist.nullable(),
  /** This judge on the current finalist: recused shows 回避; submitted carries what the server holds. */
  mine: z.object({
    status: z.enum(['none', 'submitted', 'recused']),
    scores: z.record(z.string(), z.number()).nullable(),
    total: z.number().nullable(),
  }),
  abilities: z.object({
    submit: ability(['NOT_STAGE_JUDGE', 'STAGE_NOT_SCORING', 'RECUSED', 'SHEET_SUBMITTED']),
  }),
});
export type TStageJudgeView = z.infer<typeof ZStageJudgeView>;

/** GET /api/stages/:stageId/results: the ranking with the tie-break and the awards (finished or frozen). */
export const ZStageResults = z.object({
  stageId: ZUuid,
  state: ZStageState,
  frozenAt: z.string().nullable(),
  tieBreak: z.string(),
  rows: z.array(
    z.object({
      entryId: ZUuid,
      rank: z.number().int(),
      title: z.string(),
      organization: z.string(),
      final: z.number(),
      award: z.string().nullable(),
    }),
  ),
});
export type TStageResults = z.infer<typeof ZStageResults>;
