import { z } from 'zod';
import { ability } from './abilities.ts';
import { code, ZInt32 } from './fields.ts';
import { ASSIGNMENT_STATUSES, ROUND_STATUSES, SHEET_STATUSES, ZScoreSheetSpec } from './judging.ts';

/**
 * A judge's score sheet (issue 10 item 4, X-4): the checks shared by the server and the judges' workspace, so the
 * browser shows the same refusal the server would give before a score is sent.
 */

/** What the checks read of a round's score sheet spec (the round's `sheet`, ZScoreSheetSpec in judging.ts). */
export interface SheetSpecRules {
  criteria: readonly { key: string; max: number; decimals: number; commentRequired?: boolean }[];
  commentRequired?: boolean;
  recommendation?: readonly string[];
}

/** The judge's entries on the sheet: a score per criterion key (null or absent: not scored yet). */
export interface SheetContent {
  scores: Readonly<Record<string, number | null | undefined>>;
  comment?: string | null;
  recommendation?: string | null;
}

/**
 * One refusal, in the order the sheet shows its criteria. `code` is an error code of errors.ts; the route answers with
 * the first problem, the web app marks every one.
 */
export type SheetProblem =
  | { code: 'SCORE_OUT_OF_RANGE'; params: { criterion: string; min: number; max: number } }
  | { code: 'SCORE_TOO_PRECISE'; params: { criterion: string; decimals: number } }
  | { code: 'SCORE_MISSING'; params: { criterion: string } }
  | { code: 'COMMENT_REQUIRED'; params: { criterion: string } }
  | { code: 'VALIDATION_FAILED'; params: { field: string; reason: 'UNKNOWN_FIELD' | 'INVALID_CHOICE' | 'REQUIRED' } };

/**
 * Decimals of a number as written in its shortest round-trip form (what the judge typed): 8.25 has 2 and 8.255 has
 * 3, although 8.25 * 100 is not exactly 825 in binary floating point. 1e-7 has 7.
 */
export function decimalsOf(value: number): number {
  const [mantissa = '', exponent] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - (exponent === undefined ? 0 : Number(exponent)));
}

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/**
 * Checks a sheet against its spec. `draft`: what is there must be right (each score within 0..max of its criterion,
 * with at most the criterion's decimals; no unknown criterion; a known recommendation), but scores, comments and the
 * recommendation may still be missing, so a half-filled sheet is always kept. `submit`: also every criterion scored,
 * the recommendation chosen where the round asks for one, and every required comment written (the sheet's own, and one per criterion that asks for it — those share the sheet's comment, which
 * must then not be empty).
 */
export function checkSheet(spec: SheetSpecRules, sheet: SheetContent, mode: 'draft' | 'submit'): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const known = new Set(spec.criteria.map((c) => c.key));
  for (const key of Object.keys(sheet.scores))
    if (!known.has(key))
      problems.push({ code: 'VALIDATION_FAILED', params: { field: `scores.${key}`, reason: 'UNKNOWN_FIELD' } });
  for (const c of spec.criteria) {
    const v = sheet.scores[c.key];
    if (v === null || v === undefined) {
      if (mode === 'submit') problems.push({ code: 'SCORE_MISSING', params: { criterion: c.key } });
      continue;
    }
    if (!Number.isFinite(v) || v < 0 || v > c.max)
      problems.push({ code: 'SCORE_OUT_OF_RANGE', params: { criterion: c.key, min: 0, max: c.max } });
    else if (decimalsOf(v) > c.decimals)
      problems.push({ code: 'SCORE_TOO_PRECISE', params: { criterion: c.key, decimals: c.decimals } });
  }
  const recommendation = sheet.recommendation ?? null;
  const choices = spec.recommendation ?? [];
  if (recommendation !== null && !choices.includes(recommendation))
    problems.push({ code: 'VALIDATION_FAILED', params: { field: 'recommendation', reason: 'INVALID_CHOICE' } });
  else if (recommendation === null && choices.length > 0 && mode === 'submit')
    problems.push({ code: 'VALIDATION_FAILED', params: { field: 'recommendation', reason: 'REQUIRED' } });
  if (mode === 'submit' && blank(sheet.comment)) {
    const asking = spec.criteria.find((c) => c.commentRequired);
    if (spec.commentRequired) problems.push({ code: 'COMMENT_REQUIRED', params: { criterion: '' } });
    else if (asking) problems.push({ code: 'COMMENT_REQUIRED', params: { criterion: asking.key } });
  }
  return problems;
}

/**
 * An entry as a judge gets it (issue 10 item 4): the materials the round shows, and in a blind round nothing that
 * names the entering unit or its people (S0-4). `organization` is null in a blind round.
 */
export const ZJudgeEntry = z.object({
  id: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  theme: z.object({ id: z.string(), code: z.string(), title: z.string() }),
  track: z.string().nullable(),
  blind: z.boolean(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The form's answers the round shows, in form order, each with its label. */
  fields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string(), value: z.unknown() })),
  /** The files the round shows; in a blind round named after their slot, not as uploaded. */
  attachments: z.array(
    z.object({
      slot: z.string(),
      label: z.string(),
      fileId: z.string(),
      name: z.string(),
      size: z.number().int(),
      type: z.string(),
      /**
       * Whether …/files/:fileId/preview.pdf has a PDF of it: a PPTX or PPT on a server with LibreOffice, never a blind
       * round's legacy .ppt (BLIND_FILE_UNMASKABLE). False: the web offers the download only.
       */
      pdfPreview: z.boolean(),
    }),
  ),
});
export type TJudgeEntry = z.infer<typeof ZJudgeEntry>;

/**
 * Why a judge may not save, submit or abstain now: the round is not open yet (its opening, its campaign's canScore
 * phase) or is past its deadline, the sheet is submitted and locked, or it was abstained (WRONG_STATUS).
 */
export const SHEET_REFUSALS = ['ROUND_NOT_OPEN', 'ROUND_CLOSED', 'SHEET_SUBMITTED', 'WRONG_STATUS'] as const;
export type SheetRefusal = (typeof SHEET_REFUSALS)[number];
const ZSheetAbility = ability(SHEET_REFUSALS);
export const ZSheetAbilities = z.object({
  /** PUT /api/judging/assignments/:assignmentId/sheet */
  save: ZSheetAbility,
  /** POST …/sheet/submit; completeness is checked on submission (SCORE_MISSING, COMMENT_REQUIRED). */
  submit: ZSheetAbility,
  /** POST …/abstain */
  abstain: ZSheetAbility,
});
export type TSheetAbilities = z.infer<typeof ZSheetAbilities>;

export const SHEET_LIMITS = { comment: 2000, abstainReason: 500 } as const;

const ZScores = z
  .record(z.string().max(32, code('TOO_LONG')), z.number().nullable())
  .refine((scores) => Object.keys(scores).length <= 12, code('TOO_MANY_ROWS'));

/**
 * A draft save sends the whole sheet as the judge has it and the version it was edited from (0 before the first
 * save); a stale one is refused with STALE_VERSION and the server's copy, so the client can merge and nothing typed
 * is lost. Ranges and decimals are checked on every save, completeness on submission.
 */
export const ZSaveSheetInput = z.object({
  version: ZInt32.min(0, code('OUT_OF_RANGE')),
  scores: ZScores,
  comment: z.string().max(SHEET_LIMITS.comment, code('TOO_LONG')).default(''),
  recommendation: z.string().max(20, code('TOO_LONG')).nullable().default(null),
});
export type TSaveSheetInput = z.infer<typeof ZSaveSheetInput>;
/** Submitting names the version; with the sheet's content it is saved and submitted at once. */
export const ZSubmitSheetInput = z.object({
  version: ZInt32.min(0, code('OUT_OF_RANGE')),
  scores: ZScores.optional(),
  comment: z.string().max(SHEET_LIMITS.comment, code('TOO_LONG')).optional(),
  recommendation: z.string().max(20, code('TOO_LONG')).nullable().optional(),
});
export type TSubmitSheetInput = z.infer<typeof ZSubmitSheetInput>;
export const ZAbstainInput = z.object({
  reason: z.string().trim().min(2, code('TOO_SHORT')).max(SHEET_LIMITS.abstainReason, code('TOO_LONG')),
});

/** The judge's own sheet. `version` 0: never saved (an empty draft). */
export const ZSheetView = z.object({
  status: z.enum(SHEET_STATUSES),
  version: z.number().int(),
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
  recommendation: z.string().nullable(),
  abstainReason: z.string().nullable(),
  savedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** The weighted total as the ranking counts it (0..weightTotal), once every criterion is scored; else null. */
  total: z.number().nullable(),
});
export type TSheetView = z.infer<typeof ZSheetView>;

/** A round as its judges see it. */
export const ZJudgeRound = z.object({
  id: z.string(),
  campaignId: z.string(),
  key: z.string(),
  label: z.string(),
  status: z.enum(ROUND_STATUSES),
  opensAt: z.string(),
  closesAt: z.string(),
  blind: z.boolean(),
});

/** GET /api/judging/assignments/:assignmentId: the entry as this judge may see it, the sheet spec, the judge's sheet. */
export const ZJudgeAssignment = z.object({
  assignmentId: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  round: ZJudgeRound,
  entry: ZJudgeEntry,
  spec: ZScoreSheetSpec,
  sheet: ZSheetView,
  abilities: ZSheetAbilities,
});
export type TJudgeAssignment = z.infer<typeof ZJudgeAssignment>;

/** A STALE_VERSION answer of a draft save: the error and the server's copy to merge with. */
export const ZStaleSheet = z.object({
  error: z.object({
    code: z.literal('STALE_VERSION'),
    message: z.string(),
    params: z.object({ current: z.number().int(), yours: z.number().int() }),
  }),
  sheet: ZSheetView,
});

export const ZSheetProgress = z.object({
  total: z.number().int(),
  /** Never saved. */
  notStarted: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  abstained: z.number().int(),
});
export type TSheetProgress = z.infer<typeof ZSheetProgress>;

/** GET /api/judging/me/assignments: the signed-in judge's entries in every open round, with progress. */
export const ZMyAssignments = z.object({
  rounds: z.array(
    z.object({
      round: ZJudgeRound,
      progress: ZSheetProgress,
      items: z.array(
        z.object({
          assignmentId: z.string(),
          entry: ZJudgeEntry.pick({ id: true, number: true, title: true, theme: true, track: true }),
          sheet: ZSheetView.pick({ status: true, version: true, savedAt: true, submittedAt: true, total: true }),
          abilities: ZSheetAbilities,
        }),
      ),
    }),
  ),
});
export type TMyAssignments = z.infer<typeof ZMyAssignments>;

/** What a sheet write answers (save, submit, abstain): the sheet as stored and what the judge may do next. */
export const ZSheetAnswer = z.object({ sheet: ZSheetView, abilities: ZSheetAbilities });
export type TSheetAnswer = z.infer<typeof ZSheetAnswer>;
