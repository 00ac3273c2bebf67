import { z } from 'zod';
import { ability } from './abilities.ts';
import { code } from './fields.ts';
import { ZLabel } from './judging.ts';

/**
 * Awards (issue 12; seed 000 §六, seed 002 §六, seed 003 §二(三); S0-10, S0-11, S0-12, S0-15, S2-6, S2-7, S3-1, X-3).
 * A campaign has one award set: its rules (campaign data, edited by the organizer until the set is frozen) and the
 * awards computed from the frozen results of what precedes them — a judging round's tiers, a live stage's ranks,
 * the votes' popularity ranking, counts over the campaign. Each rule says which source it reads; an award row says
 * who gets what and why (the rule and the figures), so the preview explains itself.
 *
 * One state per award set, written only by transitionAwardSet along AWARD_SET_TRANSITIONS:
 *   draft -> computed (compute) -> computed (recompute, adjust) -> frozen (freeze) -> frozen (amend: an upheld
 *   objection during the public notice, with the reason) -> final (the notice ended with every objection closed).
 * Adjusting and amending always carry a written reason and are audited; a frozen set changes only by amend.
 */
export const AWARD_SET_STATES = ['draft', 'computed', 'frozen', 'final'] as const;
export const ZAwardSetState = z.enum(AWARD_SET_STATES);
export type TAwardSetState = z.infer<typeof ZAwardSetState>;

export const AWARD_SET_TRANSITIONS = {
  draft: ['computed'],
  computed: ['computed', 'frozen'],
  frozen: ['frozen', 'final'],
  final: [],
} as const satisfies Record<TAwardSetState, readonly TAwardSetState[]>;

export const AWARD_SET_ACTIONS = ['compute', 'adjust', 'freeze', 'amend', 'finalize'] as const;
export type TAwardSetAction = (typeof AWARD_SET_ACTIONS)[number];

const ZKey = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, code('INVALID'));
const ZUuid = z.string().uuid(code('INVALID'));
/** A missing reason is REASON_REQUIRED too (not REQUIRED), as the adjustment's form says. */
const ZReason = z.string(code('REASON_REQUIRED')).trim().min(2, code('REASON_REQUIRED')).max(500, code('TOO_LONG'));

/** Honours attached to an award (S0-15: at most 2 summit invitees per theme per award, popularity at most 1). */
export const ZHonourRule = z.object({
  label: ZLabel,
  /** How many of the award's recipients per theme (best placed first) get the honour. */
  perTheme: z.number().int().min(1).max(100),
});
export type THonourRule = z.infer<typeof ZHonourRule>;

const ruleBase = {
  key: ZKey,
  /** The award's name on lists and certificates (for `tiers` and `medals`: a prefix-free name of the family). */
  label: ZLabel,
  honour: ZHonourRule.nullable().default(null),
};

/**
 * The kinds of rule, each reading one frozen source:
 * - `tiers`: a frozen judging round's tiers by proportion (S0-10 卓越 then 优秀; higher tiers already excluded from
 *   lower by judging's tier engine). One award per tier named in `tiers`, named by `tierLabels` (else as the round names the tier).
 * - `medals`: the frozen live stages' awards by rank (S0-10 gold 1 / silver 2-3 / bronze 4-6; S2-6 1st/2nd/3rd).
 * - `popularity`: voting's popularity ranking, taken rows only (proportion, one per hospital per theme; S0-11). Never
 *   read by any expert award.
 * - `most_entries`: campaign-wide, the hospital with the most submitted entries (S0-12 最佳组织奖); ties all win, stated.
 * - `most_tier`: campaign-wide, the hospital with the most entries of a round's tier (S0-12 最佳管理奖, tier 卓越).
 * - `quota`: the best-ranked entries of a frozen round up to a quota per group (S3-1: per nominee type = track, 5 / 10
 *   / 20); ties at the cut are stated and all taken only when `tiesTaken`.
 */
export const AWARD_RULE_KINDS = ['tiers', 'medals', 'popularity', 'most_entries', 'most_tier', 'quota'] as const;
export type TAwardRuleKind = (typeof AWARD_RULE_KINDS)[number];

export const ZAwardRule = z.discriminatedUnion('kind', [
  z.object({
    ...ruleBase,
    kind: z.literal('tiers'),
    /** The frozen round; null: the campaign's last frozen round that assigned tiers. */
    roundId: ZUuid.nullable().default(null),
    tiers: z.array(z.string().min(1).max(40)).min(1).max(10),
    /** The award's name per tier where it differs from the round's tier name (卓越 → 卓越案例, S0-10). */
    tierLabels: z.record(z.string().min(1).max(40), ZLabel).default({}),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('medals'),
    /** The frozen stages; empty: every frozen stage of the campaign. */
    stageIds: z.array(ZUuid).max(100).default([]),
  }),
  z.object({ ...ruleBase, kind: z.literal('popularity') }),
  z.object({ ...ruleBase, kind: z.literal('most_entries') }),
  z.object({
    ...ruleBase,
    kind: z.literal('most_tier'),
    roundId: ZUuid.nullable().default(null),
    tier: z.string().min(1).max(40),
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('quota'),
    roundId: ZUuid.nullable().default(null),
    /** Per group: the track key (nominee type), null for entries without a track. */
    quotas: z
      .array(z.object({ trackKey: z.string().max(40).nullable(), quota: z.number().int().min(1).max(10_000) }))
      .min(1)
      .max(20),
    tiesTaken: z.boolean().default(false),
  }),
]);
export type TAwardRule = z.infer<typeof ZAwardRule>;

/** PUT /api/campaigns/:campaignId/awards/rules: the rules (until frozen), compare-and-set on the set's version. */
export const ZAwardRulesInput = z.object({
  version: z.number().int().nonnegative(),
  rules: z.array(ZAwardRule).min(1).max(30),
});
export type TAwardRulesInput = z.infer<typeof ZAwardRulesInput>;

/** The figures behind an award, shown in the preview and kept with the frozen row. */
export const ZAwardFigures = z.object({
  /** What was compared: a round score, a stage final, a weighted vote total, an entry count. */
  value: z.number().nullable(),
  /** The position in the source (round rank, stage rank, popularity position), or null for counts. */
  rank: z.number().int().nullable(),
  /** The group's size and the cut, where the rule has one (proportion × base, quota). */
  base: z.number().int().nullable(),
  cut: z.number().int().nullable(),
  /** Tied with another recipient at the cut, or for a campaign-wide award (stated on the list). */
  tied: z.boolean(),
  /** One line, in the contract's words, e.g. "第 2 名 / 共 7 · 现场决赛得分 91.35". Rendered by the server per locale. */
  why: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type TAwardFigures = z.infer<typeof ZAwardFigures>;

export const AWARD_ORIGINS = ['computed', 'added', 'removed'] as const;

/** One award: a rule's level given to an entry (or, for campaign-wide awards, an organization). */
export const ZAward = z.object({
  id: ZUuid,
  ruleKey: ZKey,
  kind: z.enum(AWARD_RULE_KINDS),
  /** The level within the rule: the tier key, the stage award key, 'popularity', 'best', the track key. */
  level: z.string(),
  /** Ordering of levels within a rule (0 best). */
  levelOrder: z.number().int(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  themeId: ZUuid.nullable(),
  themeTitle: z.string().nullable(),
  trackKey: z.string().nullable(),
  entryId: ZUuid.nullable(),
  entryNumber: z.string().nullable(),
  entryTitle: z.string().nullable(),
  organizationId: ZUuid,
  organizationName: z.string(),
  figures: ZAwardFigures,
  /** The honour attached (S0-15), when this recipient is within the rule's honour quota. */
  honour: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
  /** computed; added or removed by an adjustment or an upheld objection (with the reason). */
  origin: z.enum(AWARD_ORIGINS),
  reason: z.string().nullable(),
});
export type TAward = z.infer<typeof ZAward>;

export const ZAwardSetAbilities = z.object({
  editRules: ability(['FORBIDDEN', 'WRONG_STATUS']),
  compute: ability(['FORBIDDEN', 'WRONG_STATUS', 'AWARD_SOURCE_NOT_FROZEN', 'AWARD_SOURCE_MISSING']),
  adjust: ability(['FORBIDDEN', 'WRONG_STATUS']),
  freeze: ability(['FORBIDDEN', 'WRONG_STATUS']),
  /** Certificates may be issued once the set is final (the notice ended, every objection closed). */
  issueCertificates: ability(['FORBIDDEN', 'WRONG_STATUS']),
});
export type TAwardSetAbilities = z.infer<typeof ZAwardSetAbilities>;

/** A rule that could not be computed, and why (its source not frozen, no round with tiers …). */
export const ZAwardRuleProblem = z.object({ ruleKey: ZKey, code: z.enum(['AWARD_SOURCE_NOT_FROZEN', 'AWARD_SOURCE_MISSING']) });

/** GET /api/campaigns/:campaignId/awards (the organizer's manager): the set, its rules, the awards and abilities. */
export const ZAwardSetView = z.object({
  campaignId: ZUuid,
  state: ZAwardSetState,
  version: z.number().int(),
  rules: z.array(ZAwardRule),
  computedAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  finalAt: z.string().nullable(),
  awards: z.array(ZAward),
  problems: z.array(ZAwardRuleProblem),
  abilities: ZAwardSetAbilities,
});
export type TAwardSetView = z.infer<typeof ZAwardSetView>;

/** POST /api/campaigns/:campaignId/awards/actions: compute, freeze (compare-and-set on the version shown). */
export const ZAwardSetActionInput = z.object({
  action: z.enum(['compute', 'freeze']),
  version: z.number().int().nonnegative(),
});

/**
 * POST /api/campaigns/:campaignId/awards/adjustments (computed sets) — and, through the notices module, an upheld
 * objection on a frozen set: add an award to an entry (a rule's level) or remove one, always with the reason.
 */
export const ZAwardAdjustmentInput = z.discriminatedUnion('op', [
  z.object({ op: z.literal('remove'), version: z.number().int(), awardId: ZUuid, reason: ZReason }),
  z.object({
    op: z.literal('add'),
    version: z.number().int(),
    ruleKey: ZKey,
    level: z.string().min(1).max(40),
    entryId: ZUuid,
    reason: ZReason,
  }),
]);
export type TAwardAdjustmentInput = z.infer<typeof ZAwardAdjustmentInput>;

/** GET /api/public/campaigns/:campaignId/honours: the honour list (榜单), public once the set is frozen. */
export const ZHonourList = z.object({
  campaignId: ZUuid,
  campaignTitle: z.string(),
  state: ZAwardSetState,
  /** True once final (the notice ended with every objection closed); before that the list says it is under notice. */
  final: z.boolean(),
  themes: z.array(
    z.object({
      themeId: ZUuid.nullable(),
      title: z.string(),
      awards: z.array(
        z.object({
          label: z.object({ 'zh-CN': z.string(), en: z.string() }),
          entryNumber: z.string().nullable(),
          entryTitle: z.string().nullable(),
          organizationName: z.string(),
          honour: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
          tied: z.boolean(),
        }),
      ),
    }),
  ),
});
export type THonourList = z.infer<typeof ZHonourList>;
