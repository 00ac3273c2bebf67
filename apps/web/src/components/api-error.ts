import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';
import i18n from '../i18n/index.ts';

/**
 * Puts an API refusal on a form: field errors under their fields (a path like `aliases.1` lands on `aliases`),
 * and returns the general message for an Alert. The form keeps every value the user typed.
 */
export function applyApiError(form: FormInstance | null, err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.unknown');
  if (!form || err.fields.length === 0) return err.message;
  const registered = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const elsewhere: string[] = [];
  for (const f of err.fields) {
    const name = f.path.split('.')[0] ?? '';
    // A conflict such as EMAIL_TAKEN names the field with a generic code; its own message says more.
    const text = err.code === 'VALIDATION_FAILED' ? f.message : err.message;
    if (registered.has(name)) byField.set(name, [...(byField.get(name) ?? []), text]);
    else elsewhere.push(f.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return elsewhere.length > 0 ? `${err.message}：${elsewhere.join('；')}` : err.message;
}

/** True when the refusal was the network, not the server: the UI says so and keeps the form as it is. */
export const isNetworkError = (err: unknown) => err instanceof ApiError && err.code === 'NETWORK';
