import type { Answers, TEntry } from '@casearena/contract';

/** What the applicant writes: the part of an entry that autosave keeps and the conflict dialog compares. */
export interface EntryContent {
  title: string;
  summary: string;
  answers: Answers;
}

export const contentOf = (entry: Pick<TEntry, 'title' | 'summary' | 'answers'>): EntryContent => ({
  title: entry.title,
  summary: entry.summary,
  answers: entry.answers ?? {},
});

/** JSON with sorted keys, so two answers objects built in different orders compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Blank answers (absent, null, empty text, empty list) are the same thing to the applicant. */
const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export function sameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  return stableJson(a) === stableJson(b);
}

export function sameContent(a: EntryContent, b: EntryContent): boolean {
  if (a.title !== b.title || a.summary !== b.summary) return false;
  const keys = new Set([...Object.keys(a.answers), ...Object.keys(b.answers)]);
  for (const k of keys) if (!sameValue(a.answers[k], b.answers[k])) return false;
  return true;
}

/** The answers to send: only those that changed; a cleared one is sent as null (the API keeps keys not sent). */
export function changedAnswers(base: Answers, draft: Answers, hold: ReadonlySet<string>): Answers | undefined {
  const out: Answers = {};
  const keys = new Set([...Object.keys(base), ...Object.keys(draft)]);
  for (const k of keys) {
    if (hold.has(k) || sameValue(base[k], draft[k])) continue;
    out[k] = draft[k] === undefined ? null : draft[k];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
