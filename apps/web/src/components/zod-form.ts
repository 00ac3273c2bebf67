import { fieldErrorOfIssue, fieldMessage, type IssueLike, type Locale } from '@casearena/contract';
import type { FormInstance, FormRule } from 'antd';

export type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: IssueLike[] } };

export interface SchemaLike<T> {
  safeParse(value: unknown): SafeParse<T>;
}

/** The same mapping the server's error handler uses (contract: fieldErrorOfIssue). */
export function issueMessage(issue: IssueLike, lang: Locale): string {
  const f = fieldErrorOfIssue(issue);
  return fieldMessage(f.code, lang, f.params);
}

/** Empty inputs are "not given": optional schemas accept them, required ones say REQUIRED. */
function normalize(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/**
 * An antd Form rule that checks one field against a contract schema, so the form says exactly what the
 * server would say, before the request is sent.
 */
export function zodRule(schema: SchemaLike<unknown>, lang: Locale, options: { required?: boolean } = {}): FormRule {
  return {
    required: options.required,
    validator: async (_rule, raw: unknown) => {
      const value = normalize(raw);
      if (value === undefined) {
        if (options.required) throw new Error(fieldMessage('REQUIRED', lang));
        return;
      }
      const result = schema.safeParse(value);
      if (!result.success)
        throw new Error(issueMessage(result.error.issues[0] ?? { code: 'custom', path: [], message: '' }, lang));
    },
  };
}

/**
 * Validates a whole payload with its contract schema (refinements across fields included) and returns the parsed,
 * normalized value (trimmed, lower-cased email) or null after putting the issues on the form.
 */
export function parseForm<T>(form: FormInstance, schema: SchemaLike<T>, value: unknown, lang: Locale): T | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const byField = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    byField.set(key, [...(byField.get(key) ?? []), issueMessage(issue, lang)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return null;
}
