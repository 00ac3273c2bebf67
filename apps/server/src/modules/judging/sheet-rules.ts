import { checkSheet, type Locale, type ScoreSheetSpec, type SheetContent } from '@casearena/contract';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Refuses a sheet that breaks its spec with the first problem in sheet order (X-4): SCORE_OUT_OF_RANGE {criterion,
 * min, max}, SCORE_TOO_PRECISE {criterion, decimals}, SCORE_MISSING {criterion}, COMMENT_REQUIRED, or
 * VALIDATION_FAILED naming the field. `criterion` is the criterion's label in the judge's language (the messages
 * quote it), `key` its key for the client to mark the input. The rules are the contract's checkSheet, which the
 * judges' workspace runs too.
 */
export function assertSheet(spec: ScoreSheetSpec, sheet: SheetContent, mode: 'draft' | 'submit', locale: Locale): void {
  const [problem] = checkSheet(spec, sheet, mode);
  if (!problem) return;
  if (problem.code === 'VALIDATION_FAILED') {
    const { field, reason } = problem.params;
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: field, code: reason }]);
  }
  const key = problem.params.criterion;
  const label = spec.criteria.find((c) => c.key === key)?.label[locale] ?? '';
  throw new AppError(problem.code, { ...problem.params, criterion: label, key });
}
