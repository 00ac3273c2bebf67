import type { AnswerProblem, Answers, TFormField } from '@casearena/contract';
import { AppError } from '../../platform/http/errors.ts';

/** Throws VALIDATION_FAILED with each problem at `answers.<path>`, so the form shows it under its field. */
export function answerErrors(problems: AnswerProblem[], prefix = 'answers'): void {
  if (problems.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    undefined,
    problems.map((p) => ({ ...p, path: `${prefix}.${p.path}` })),
  );
}

/** A save sends only what changed: keys sent replace, a null removes, the rest stays. */
export function mergeAnswers(current: Answers, patch: Answers | undefined): Answers {
  if (!patch) return current;
  const next: Answers = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** S1-3 joint entries: the units named in the form's organization fields, other than the entering one. */
export function partnerIdsOf(fields: readonly TFormField[], answers: Answers, organizationId: string): string[] {
  const ids = new Set<string>();
  for (const f of fields) {
    if (f.kind !== 'organization') continue;
    const v = answers[f.key];
    for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && id !== organizationId) ids.add(id);
  }
  return [...ids];
}
