import { z } from 'zod';
import { ability } from './abilities.ts';
import { ASSIGNMENT_PLAN_STATUSES, ASSIGNMENT_STATUSES } from './judging.ts';

/**
 * Assigning judges to a round's entries (issue 10 item 3, X-4): an automatic plan, previewed, then applied; manual
 * additions and removals. Recusal reasons are those of the server's conflictOf.
 */
export const RECUSAL_REASONS = ['own_unit', 'parent_or_branch', 'declared', 'joint_partner'] as const;
export type TRecusalReason = (typeof RECUSAL_REASONS)[number];
/** How a recusal reason reads (ASSIGNMENT_RECUSED carries the code as `reason`). */
export const RECUSAL_REASON_LABELS = {
  own_unit: { 'zh-CN': '案例来自专家本单位', en: 'the entry is from the judge’s own unit' },
  parent_or_branch: {
    'zh-CN': '案例来自专家单位的上级单位或分院',
    en: 'the entry is from a parent unit or branch of the judge’s unit',
  },
  declared: { 'zh-CN': '案例来自专家申报回避的单位', en: 'the entry is from a unit the judge declared' },
  joint_partner: { 'zh-CN': '联合申报单位与专家单位有关联', en: 'a joint partner of the entry is tied to the judge' },
} as const satisfies Record<TRecusalReason, { 'zh-CN': string; en: string }>;
export const UNIT_RELATIONS = ['same', 'parent', 'child', 'sibling'] as const;
/** Why an entry has fewer judges than asked: too many recused, too small a panel, or every free judge full. */
export const UNCOVERED_REASONS = ['recused', 'too_few_judges', 'full'] as const;

export const ZAssignmentPlanInput = z.object({
  perEntry: z.number().int().min(1).max(20),
  maxLoad: z.number().int().min(1).max(10_000),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
});
export type TAssignmentPlanInput = z.infer<typeof ZAssignmentPlanInput>;

const ZEntryRef = { entryId: z.string(), number: z.string().nullable(), title: z.string() };

export const ZAssignmentConflict = z.object({
  ...ZEntryRef,
  judgeId: z.string(),
  judgeName: z.string(),
  reason: z.enum(RECUSAL_REASONS),
  /** The entry's unit (its own or a partner's) that is related to the judge. */
  organizationId: z.string(),
  /** The judge's unit it is related to: their own or a declared one. */
  judgeOrganizationId: z.string(),
  relation: z.enum(UNIT_RELATIONS),
});

export const ZAssignmentPlanView = z.object({
  id: z.string(),
  roundId: z.string(),
  status: z.enum(ASSIGNMENT_PLAN_STATUSES),
  perEntry: z.number().int(),
  maxLoad: z.number().int(),
  seed: z.number().int(),
  /** The facts (panel, conflicts, entries, assignments) changed since planning: applying is PLAN_STALE. */
  stale: z.boolean(),
  /** The new assignments the plan makes (existing ones are kept and counted, not repeated). */
  items: z.array(z.object({ ...ZEntryRef, judgeId: z.string(), judgeName: z.string(), specialty: z.boolean() })),
  coverage: z.object({
    entries: z.number().int(),
    covered: z.number().int(),
    uncovered: z.array(
      z.object({
        ...ZEntryRef,
        judges: z.number().int(),
        missing: z.number().int(),
        reason: z.enum(UNCOVERED_REASONS),
        /** Panel judges of the entry's theme who are recused from it. */
        recused: z.number().int(),
      }),
    ),
  }),
  /** Every panel judge's load after applying (kept plus new), with the maximum. */
  load: z.array(z.object({ judgeId: z.string(), judgeName: z.string(), count: z.number().int(), max: z.number().int() })),
  /** Highest over lowest load among the judges with load; null when no judge has any. */
  loadSpread: z.number().nullable(),
  /** The most entries any two judges share. */
  pairOverlapMax: z.number().int(),
  conflicts: z.array(ZAssignmentConflict),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  abilities: z.object({
    apply: ability(['FORBIDDEN', 'WRONG_STATUS', 'PLAN_STALE']),
    discard: ability(['FORBIDDEN', 'WRONG_STATUS']),
  }),
});
export type TAssignmentPlanView = z.infer<typeof ZAssignmentPlanView>;

export const ZAssignmentInput = z.object({ entryId: z.string().uuid(), judgeId: z.string().uuid() });

export const ZAssignmentView = z.object({
  id: z.string(),
  roundId: z.string(),
  ...ZEntryRef,
  judgeId: z.string(),
  judgeName: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  /** The judge's sheet, if one was started. */
  sheetStatus: z.enum(['draft', 'submitted', 'abstained']).nullable(),
  planId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ remove: ability(['FORBIDDEN', 'WRONG_STATUS']) }),
});
export type TAssignmentView = z.infer<typeof ZAssignmentView>;

/** A swap: the judge taken off the entry and the one put on it, in one change. */
export const ZAssignmentSwapInput = z.object({ judgeId: z.string().uuid() });
export const ZAssignmentSwap = z.object({ removed: ZAssignmentView, assigned: ZAssignmentView });
export type TAssignmentSwap = z.infer<typeof ZAssignmentSwap>;

/**
 * A judge of the round's panel as the manual pickers offer them: the round's themes they sit for, how many entries
 * of the round they are assigned now (against the round's maximum), and the round's entries of those themes they are
 * recused from, with conflictOf's reason — the server's answer, not the page's guess.
 */
export const ZRoundPanelJudge = z.object({
  judgeId: z.string(),
  name: z.string(),
  themeIds: z.array(z.string()),
  load: z.number().int(),
  maxLoad: z.number().int(),
  recused: z.array(z.object({ entryId: z.string(), reason: z.enum(RECUSAL_REASONS) })),
});
export type TRoundPanelJudge = z.infer<typeof ZRoundPanelJudge>;

export const ZAssignmentsView = z.object({
  roundId: z.string(),
  assignments: z.array(ZAssignmentView),
  /** The round's panel, by name: only for those who may change the assignments (managers, the platform). */
  panel: z.array(ZRoundPanelJudge).optional(),
  abilities: z.object({ plan: ability(['FORBIDDEN', 'WRONG_STATUS']), assign: ability(['FORBIDDEN', 'WRONG_STATUS']) }),
});
export type TAssignmentsView = z.infer<typeof ZAssignmentsView>;
