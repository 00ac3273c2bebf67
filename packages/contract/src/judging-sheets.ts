import { z } from 'zod';

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
    }),
  ),
});
export type TJudgeEntry = z.infer<typeof ZJudgeEntry>;
