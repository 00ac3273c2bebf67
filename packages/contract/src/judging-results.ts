import { z } from 'zod';
import { ability } from './abilities.ts';
import { code } from './fields.ts';
import { AGGREGATION_METHODS, ROUND_STATUSES, ZScoreSheetSpec } from './judging.ts';

/**
 * A round's results (issue 10 items 5-7; S0-10 online tiers, S1-8, S2-6, X-3): the panel's progress, the ranking with
 * each entry's breakdown and the panel-quality figures, the advancement or tier rule previewed and frozen, and what
 * an applicant is shown once the organizer publishes.
 */

const ZLabel = z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(80) });
export const ZTieRule = z.enum(['include-ties', 'strict']);
export const ZRounding = z.enum(['ceil', 'floor', 'round']);
/** What a percent is of in each group: all its entries in the round (default) or only those that can be placed. */
export const ZProportionBase = z.enum(['entries', 'eligible']);

/** Advance the top N, or the top X% (rounded as stated) of each theme/track; ties at the cut by `ties`. */
export const ZAdvanceRuleInput = z.union([
  z.strictObject({ n: z.number().int(code('INTEGER_REQUIRED')).min(0).max(100_000), ties: ZTieRule.default('include-ties') }),
  z.strictObject({
    percent: z.number().min(0).max(100),
    rounding: ZRounding,
    base: ZProportionBase.optional(),
    ties: ZTieRule.default('include-ties'),
  }),
]);

/** One tier, highest first: exactly one of a count or a percent of the base (checked by the engine, with its path). */
export const ZTierInput = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, code('INVALID')),
  label: ZLabel.optional(),
  count: z.number().int(code('INTEGER_REQUIRED')).min(0).max(100_000).optional(),
  percent: z.number().min(0).max(100).optional(),
});

/**
 * The body of …/results/preview and …/results/freeze: advancement (S2-6) or tiers by proportion with higher tiers
 * excluded from lower ones (S0-10: 卓越 first, then 优秀 from the rest); `advance` names tiers whose entries also go on.
 */
export const ZResultRule = z.union([
  z.strictObject({ advance: ZAdvanceRuleInput }),
  z.strictObject({
    tiers: z.array(ZTierInput).min(1).max(5),
    rounding: ZRounding,
    base: ZProportionBase.optional(),
    ties: ZTieRule.default('include-ties'),
    advance: z.array(z.string().max(32)).max(5).optional(),
  }),
]);
export type TResultRule = z.infer<typeof ZResultRule>;

const ZCount = z.number().int();
/** Live assignments (not removed), sheets by state, and missing = assigned − submitted − abstained. */
export const ZProgressCounts = z.object({
  assigned: ZCount,
  draft: ZCount,
  submitted: ZCount,
  abstained: ZCount,
  missing: ZCount,
});
export type TProgressCounts = z.infer<typeof ZProgressCounts>;

export const ZRoundProgress = z.object({
  roundId: z.string(),
  status: z.enum(ROUND_STATUSES),
  /** Organizer staff see every theme; a lead judge (组长) only the themes they lead. */
  scope: z.enum(['organizer', 'lead']),
  themes: z.array(ZProgressCounts.extend({ themeId: z.string(), code: z.string(), title: z.string(), entries: ZCount })),
  judges: z.array(ZProgressCounts.extend({ judgeId: z.string(), name: z.string() })),
  totals: ZProgressCounts,
});
export type TRoundProgress = z.infer<typeof ZRoundProgress>;

/**
 * One sheet in an entry's breakdown. `judgeId`/`name` are null where the reader may not know who scored (another
 * judge in a blind round; applicants in a blind round); `label` numbers the entry's judges (评委 1, 2, …) instead.
 */
export const ZJudgeLine = z.object({
  label: z.number().int(),
  judgeId: z.string().nullable(),
  name: z.string().nullable(),
  self: z.boolean(),
  raw: z.number(),
  normalized: z.number().nullable(),
  dropped: z.boolean(),
  scores: z.record(z.string(), z.number()),
});
export type TJudgeLine = z.infer<typeof ZJudgeLine>;

export const ZRankingRow = z.object({
  entryId: z.string(),
  number: z.string().nullable(),
  /** Null for a judge in a blind round (S0-4). */
  title: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  sheets: ZCount,
  tooFewSheets: z.boolean(),
  perCriterion: z.record(z.string(), z.number()),
  perJudge: z.array(ZJudgeLine),
  /** Frozen rounds only: the tier and whether the entry advanced; null while the round is live. */
  tier: z.string().nullable(),
  advanced: z.boolean().nullable(),
});
export type TRankingRow = z.infer<typeof ZRankingRow>;

export const ZRankingGroup = z.object({
  groupKey: z.string(),
  themeId: z.string(),
  themeCode: z.string(),
  themeTitle: z.string(),
  trackKey: z.string().nullable(),
  rows: z.array(ZRankingRow),
});

export const ZPanelAgreement = z.object({
  byGroup: z.array(
    z.object({
      groupKey: z.string(),
      icc: z.number().nullable(),
      iccForm: z.enum(['ICC(2,1)', 'ICC(1,1)']).nullable(),
      kendallW: z.number().nullable(),
      complete: z.boolean(),
      judges: ZCount,
      entries: ZCount,
    }),
  ),
  outliers: z.array(
    z.object({
      judgeId: z.string(),
      name: z.string(),
      groupKey: z.string(),
      meanDeviation: z.number(),
      z: z.number(),
      entries: ZCount,
    }),
  ),
  missing: z.array(
    z.object({ judgeId: z.string(), name: z.string(), assigned: ZCount, submitted: ZCount, missing: z.array(z.string()) }),
  ),
  /** Entries with fewer submitted sheets than the round's judges per entry. */
  tooFew: z.array(z.string()),
});

/** A judge's submitted totals over the sheet's range in equal bins (`binEdges` has one more item than `bins`). */
export const ZJudgeDistribution = z.object({
  judgeId: z.string(),
  name: z.string(),
  sheets: ZCount,
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  bins: z.array(ZCount),
});

export const RESULT_FREEZE_REFUSALS = ['FORBIDDEN', 'WRONG_STATUS'] as const;

export const ZFormula = z.object({
  method: z.enum(AGGREGATION_METHODS),
  sheet: ZScoreSheetSpec,
  tieBreak: z.array(z.string()),
});

export const ZRoundRanking = z.object({
  roundId: z.string(),
  label: z.string(),
  status: z.enum(ROUND_STATUSES),
  /** 'organizer': everything; 'judge': a judge's view of the entries they are assigned (the round lets judges see others). */
  view: z.enum(['organizer', 'judge']),
  formula: ZFormula,
  /** Frozen rounds: the rule the freeze applied, when and when published; null while live. */
  rule: ZResultRule.nullable(),
  frozenAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  groups: z.array(ZRankingGroup),
  /** Organizer view only. */
  agreement: ZPanelAgreement.nullable(),
  binEdges: z.array(z.number()).nullable(),
  distributions: z.array(ZJudgeDistribution).nullable(),
  abilities: z.object({ freeze: ability(RESULT_FREEZE_REFUSALS), publish: ability(RESULT_FREEZE_REFUSALS) }),
});
export type TRoundRanking = z.infer<typeof ZRoundRanking>;

export const ZPreviewRow = z.object({
  entryId: z.string(),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  position: z.number().int().nullable(),
  tier: z.string().nullable(),
  advanced: z.boolean(),
  reason: z.enum(['too_few_sheets', 'no_score', 'below_cut', 'tied_out']).nullable(),
});

export const ZResultPreview = z.object({
  roundId: z.string(),
  kind: z.enum(['advance', 'tiers']),
  groups: z.array(
    z.object({
      groupKey: z.string(),
      entries: ZCount,
      eligible: ZCount,
      base: z.number().nullable(),
      cuts: z.array(
        z.object({
          key: z.string(),
          label: ZLabel.optional(),
          quota: ZCount,
          taken: ZCount,
          boundaryScore: z.number().nullable(),
          tiedOut: z.array(z.string()),
        }),
      ),
      rows: z.array(ZPreviewRow),
    }),
  ),
});
export type TResultPreview = z.infer<typeof ZResultPreview>;

/** What the freeze wrote: counts per tier, advanced, and the entries without a place for lack of sheets. */
export const ZFreezeCounts = z.object({
  entries: ZCount,
  ranked: ZCount,
  advanced: ZCount,
  tiers: z.record(z.string(), ZCount),
  tooFewSheets: ZCount,
});
export type TFreezeCounts = z.infer<typeof ZFreezeCounts>;

export const ZFreezeAnswer = z.object({
  roundId: z.string(),
  status: z.literal('frozen'),
  frozenAt: z.string(),
  counts: ZFreezeCounts,
});
export const ZPublishAnswer = z.object({ roundId: z.string(), publishedAt: z.string(), entries: ZCount });

/** One round's published result of an entry, as its applicants see it (the breakdown without names in a blind round). */
export const ZEntryRoundResult = z.object({
  roundId: z.string(),
  label: z.string(),
  ordinal: z.number().int(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** Entries ranked in the same theme/track. */
  groupSize: ZCount,
  tier: z.string().nullable(),
  tierLabel: ZLabel.nullable(),
  advanced: z.boolean(),
  formula: ZFormula,
  sheets: ZCount,
  perCriterion: z.record(z.string(), z.number()),
  perJudge: z.array(ZJudgeLine),
  publishedAt: z.string().nullable(),
});
export const ZEntryJudgingResults = z.object({ entryId: z.string(), rounds: z.array(ZEntryRoundResult) });
export type TEntryJudgingResults = z.infer<typeof ZEntryJudgingResults>;
