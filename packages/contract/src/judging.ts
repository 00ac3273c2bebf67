import { z } from 'zod';
import { ability } from './abilities.ts';
import { ZPptRules, ZVideoRules } from './attachment-rules.ts';
import { code } from './fields.ts';
import { ATTACHMENT_TYPES } from './forms.ts';

/**
 * Expert judging in rounds (issue 10; S0-10 online part, S0-13, S1-8, S2-6, X-3). A round is a row with dates, a
 * scope (which entries), a score sheet (criteria, weights, maximum points), the materials judges see, and flags.
 * These schemas are the stored shape (judging_rounds' jsonb columns) and the API's.
 */

export const ZLabel = z.object({
  'zh-CN': z.string().trim().min(1, code('REQUIRED')).max(40, code('TOO_LONG')),
  en: z.string().trim().min(1, code('REQUIRED')).max(80, code('TOO_LONG')),
});
export type TJudgingLabel = z.infer<typeof ZLabel>;

/** One criterion of a score sheet: points from 0 to `max` with at most `decimals` decimals, weighted by `weight`. */
export const ZCriterion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, code('INVALID')),
  label: ZLabel,
  weight: z.number().positive().max(100),
  max: z.number().positive().max(1000),
  decimals: z.number().int().min(0).max(2),
  commentRequired: z.boolean().default(false),
});
export type TCriterion = z.infer<typeof ZCriterion>;

/**
 * A round's score sheet. `weightTotal` is the sum the organizer declares (100 or 1, say); the criteria's weights
 * must add up to it (WEIGHTS_MISMATCH otherwise, checked when the rounds are saved).
 */
export const ZScoreSheetSpec = z.object({
  criteria: z.array(ZCriterion).min(1).max(12),
  weightTotal: z.number().positive(),
  /** The overall recommendation a judge picks, if the organizer wants one (e.g. 推荐 / 不推荐). */
  recommendation: z.array(z.string().trim().min(1).max(20)).max(6).optional(),
  commentRequired: z.boolean().default(false),
});
export type ScoreSheetSpec = z.infer<typeof ZScoreSheetSpec>;
export type TScoreSheetSpec = ScoreSheetSpec;

/** How a round turns sheets into one score per entry (published with the results, issue 10 item 5). */
export const AGGREGATION_METHODS = ['mean', 'median', 'trimmed', 'zscore'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** The sum of a sheet's weights, rounded to 6 decimals so 0.1 + 0.2 compares equal to 0.3. */
export function weightSum(spec: Pick<ScoreSheetSpec, 'criteria'>): number {
  return Math.round(spec.criteria.reduce((sum, c) => sum + c.weight, 0) * 1e6) / 1e6;
}

/** Seed 000 (§七.3, online expert scores per theme): one overall score out of 100. */
export const SEED_000_SHEET: ScoreSheetSpec = {
  criteria: [
    {
      key: 'overall',
      label: { 'zh-CN': '综合评分', en: 'Overall score' },
      weight: 100,
      max: 100,
      decimals: 1,
      commentRequired: false,
    },
  ],
  weightTotal: 100,
  commentRequired: false,
};

/** Seed 001 (§三(二)): the five criteria, 20 points each. */
export const SEED_001_SHEET: ScoreSheetSpec = {
  criteria: (
    [
      ['demonstration', '行业示范水平', 'Industry demonstration'],
      ['deployment', '部署推广水平', 'Deployment and spread'],
      ['potential', '应用发展潜力', 'Potential for further use'],
      ['innovation', '技术创新水平', 'Technical innovation'],
      ['value', '经济社会价值', 'Economic and social value'],
    ] as const
  ).map(([key, zh, en]) => ({
    key,
    label: { 'zh-CN': zh, en },
    weight: 20,
    max: 20,
    decimals: 1,
    commentRequired: false,
  })),
  weightTotal: 100,
  commentRequired: false,
};

/**
 * Which entries a round judges: the passed entries of chosen themes (and tracks; none named: every track and
 * entries without one), or the entries advanced from an earlier round of the same campaign (S2-6's second review).
 */
export const ZRoundScope = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('themes'),
    themeIds: z
      .array(z.string().uuid(code('INVALID')))
      .min(1, code('REQUIRED'))
      .max(100),
    trackKeys: z.array(z.string().max(20)).max(20).optional(),
  }),
  z.object({ kind: z.literal('advanced'), fromRoundId: z.string().uuid(code('INVALID')) }),
]);
export type TRoundScope = z.infer<typeof ZRoundScope>;

/** A slot a round asks advancing entries to fill before it opens (seed 002: the presentation PPT, an MP4 <= 8 min). */
export const ZExtraSlot = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, code('INVALID')),
  label: z.string().trim().min(1, code('REQUIRED')).max(60, code('TOO_LONG')),
  types: z.array(z.enum(ATTACHMENT_TYPES)).min(1, code('REQUIRED')),
  maxBytes: z
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 * 1024 * 1024),
  required: z.boolean().default(true),
  pptRules: ZPptRules.optional(),
  videoRules: ZVideoRules.optional(),
});
export type TExtraSlot = z.infer<typeof ZExtraSlot>;

/** What judges see of an entry: form field keys, the entry's attachment slots, and the round's own extra slots. */
export const ZRoundMaterials = z.object({
  fieldKeys: z.array(z.string().max(40)).max(100).default([]),
  attachmentKeys: z.array(z.string().max(40)).max(30).default([]),
  extraSlots: z.array(ZExtraSlot).max(10).default([]),
});
export type TRoundMaterials = z.infer<typeof ZRoundMaterials>;

/** Seed 002 (§六): the second review asks finalists for a presentation PPT and a recorded video of at most 8 minutes. */
export const SEED_002_SECOND_REVIEW_SLOTS: TExtraSlot[] = [
  { key: 'presentationPpt', label: '汇报 PPT', types: ['pptx', 'ppt'], maxBytes: 200 * 1024 * 1024, required: true },
  {
    key: 'presentationVideo',
    label: '汇报视频（MP4，不超过 8 分钟）',
    types: ['mp4'],
    maxBytes: 1024 * 1024 * 1024,
    required: true,
    videoRules: { maxSeconds: { level: 'enforce', seconds: 480 } },
  },
];

/** A round's life: drafted, open for scoring, closed (no more sheets), frozen (results fixed, audited). */
export const ROUND_STATUSES = ['draft', 'open', 'closed', 'frozen'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
/** The edges the one writer (transitionRound) allows; a closed round may reopen before it is frozen. */
export const ROUND_TRANSITIONS = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'frozen'],
  frozen: [],
} as const satisfies Record<RoundStatus, readonly RoundStatus[]>;

export const JUDGE_STATUSES = ['invited', 'active', 'declined', 'removed'] as const;
export type JudgeStatus = (typeof JUDGE_STATUSES)[number];
export const ASSIGNMENT_STATUSES = ['assigned', 'abstained', 'removed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_PLAN_STATUSES = ['planned', 'applied', 'discarded'] as const;
export type AssignmentPlanStatus = (typeof ASSIGNMENT_PLAN_STATUSES)[number];
export const SHEET_STATUSES = ['draft', 'submitted', 'abstained'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/**
 * The stated tie-break order of a round, each item in turn: `criterion:<key>` (more points on that criterion first)
 * or `submittedAt` (the entry submitted earlier first).
 */
export const ZTieBreak = z.string().regex(/^(criterion:[a-z][a-z0-9_]{0,31}|submittedAt)$/, code('INVALID'));

const ZRoundFields = {
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, code('INVALID')),
  label: z.string().trim().min(1, code('REQUIRED')).max(40, code('TOO_LONG')),
  ordinal: z.number().int().min(1).max(20),
  opensAt: z.iso.datetime({ offset: true, ...code('INVALID') }),
  closesAt: z.iso.datetime({ offset: true, ...code('INVALID') }),
  scope: ZRoundScope,
  sheet: ZScoreSheetSpec,
  materials: ZRoundMaterials,
  blind: z.boolean(),
  seeOthers: z.boolean(),
  judgesPerEntry: z.number().int().min(1).max(30),
  maxLoad: z.number().int().min(1).max(10000),
  method: z.enum(AGGREGATION_METHODS),
  tieBreak: z.array(ZTieBreak).max(5).default([]),
};

/**
 * One round in PUT /api/campaigns/:campaignId/judging/rounds (the whole set). An existing round names its id and
 * the version it was read at (STALE_VERSION otherwise); a new one may bring an id of its own choosing, so that a
 * later round of the same set can name it as its `advanced` scope.
 */
export const ZRoundInput = z.object({
  id: z.string().uuid(code('INVALID')).optional(),
  version: z.number().int().min(1).optional(),
  ...ZRoundFields,
});
export type TRoundInput = z.infer<typeof ZRoundInput>;
export const ZRoundsInput = z.object({ rounds: z.array(ZRoundInput).max(10) });
export type TRoundsInput = z.infer<typeof ZRoundsInput>;

export const ROUND_EDIT_REFUSALS = ['FORBIDDEN', 'WRONG_STATUS', 'ROUNDS_INVALID'] as const;
export const ROUND_OPEN_REFUSALS = [
  'FORBIDDEN',
  'WRONG_STATUS',
  'WRONG_PHASE',
  'PHASE_CLOSED',
  'ROUND_CLOSED',
  'ROUNDS_INVALID',
] as const;
export const ROUND_CLOSE_REFUSALS = ['FORBIDDEN', 'WRONG_STATUS'] as const;

export const ZRoundView = z.object({
  id: z.string(),
  campaignId: z.string(),
  status: z.enum(ROUND_STATUSES),
  version: z.number().int(),
  ...ZRoundFields,
  opensAt: z.string(),
  closesAt: z.string(),
  /** Entries in the round (filled from the scope when it opens). */
  entryCount: z.number().int(),
  abilities: z.object({
    edit: ability(ROUND_EDIT_REFUSALS),
    open: ability(ROUND_OPEN_REFUSALS),
    close: ability(ROUND_CLOSE_REFUSALS),
  }),
});
export type TRoundView = z.infer<typeof ZRoundView>;

export const ZRoundsView = z.object({
  campaignId: z.string(),
  rounds: z.array(ZRoundView),
  /** The campaign's canScore phases: a round's dates lie within one of them. */
  scoringPhases: z.array(z.object({ label: z.string(), startsAt: z.string(), endsAt: z.string() })),
  abilities: z.object({ edit: ability(ROUND_EDIT_REFUSALS) }),
});
export type TRoundsView = z.infer<typeof ZRoundsView>;
