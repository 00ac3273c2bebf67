import { FIELD_MESSAGES, type FieldErrorCode, fieldMessage, type Locale } from '@casearena/contract';
import type { FormInstance, FormRule } from 'antd';

/**
 * The parts of a zod issue we read. Typed structurally so the web app uses the contract's schemas
 * without depending on zod itself.
 */
interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
}

export type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: IssueLike[] } };

export interface SchemaLike<T> {
  safeParse(value: unknown): SafeParse<T>;
}

const isFieldCode = (m: string): m is FieldErrorCode => m in FIELD_MESSAGES;

/** The contract's schemas name a FieldErrorCode in `error`; zod's own issues map to the nearest code, as on the server. */
export function issueMessage(issue: IssueLike, lang: Locale): string {
  const params: Record<string, number> = {};
  if (issue.minimum !== undefined) params.min = Number(issue.minimum);
  if (issue.maximum !== undefined) params.max = Number(issue.maximum);
  if (isFieldCode(issue.message)) return fieldMessage(issue.message, lang, params);
  switch (issue.code) {
    case 'invalid_type':
      return fieldMessage(issue.input === undefined || issue.input === null ? 'REQUIRED' : 'INVALID', lang);
    case 'too_small':
      return fieldMessage(issue.origin === 'string' && params.min === 1 ? 'REQUIRED' : 'TOO_SHORT', lang, params);
    case 'too_big':
      return fieldMessage(issue.origin === 'string' ? 'TOO_LONG' : 'OUT_OF_RANGE', lang, params);
    case 'invalid_value':
      return fieldMessage('INVALID_CHOICE', lang);
    case 'invalid_format':
      return fieldMessage(issue.format === 'email' ? 'EMAIL_INVALID' : 'INVALID', lang);
    default:
      return fieldMessage('INVALID', lang);
  }
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
