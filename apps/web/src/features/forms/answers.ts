import { type AnswerProblem, type Answers, fieldMessage, type Locale, type TFormField } from '@casearena/contract';

export type FieldOf<K extends TFormField['kind']> = Extract<TFormField, { kind: K }>;

/** Blank answers are left out, so "not filled in" looks the same to checkAnswers whichever control cleared it. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The answers with one key replaced, or removed when the value is blank. */
export function withAnswer(answers: Answers, key: string, value: unknown): Answers {
  const next = { ...answers };
  if (isBlank(value)) delete next[key];
  else next[key] = value;
  return next;
}

/** The messages of the problems at exactly this path ('key', 'key.name', 'key.0.col'). */
export function messagesAt(problems: readonly AnswerProblem[], path: string, lang: Locale): string[] {
  return problems.filter((p) => p.path === path).map((p) => fieldMessage(p.code, lang, p.params));
}

/** Problems no field on screen can show (an answer to a field the form no longer has). */
export function strayProblems(problems: readonly AnswerProblem[], fields: readonly TFormField[]): AnswerProblem[] {
  const keys = new Set(fields.map((f) => f.key));
  return problems.filter((p) => !keys.has(p.path.split('.')[0] ?? ''));
}

/** DOM id of a field's first control, so its label focuses it (and tests can find it). */
export const controlId = (key: string, sub?: string | number) => (sub === undefined ? `ff-${key}` : `ff-${key}-${sub}`);
