import type { FormInstance } from 'antd';
import { useCallback, useMemo } from 'react';

const PREFIX = 'casearena.draft.';

function read<T extends object>(key: string): Partial<T> {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Partial<T>) : {};
  } catch {
    return {};
  }
}

/**
 * Keeps a form's text fields in sessionStorage until it succeeds, so a reload, a lost connection or a detour
 * to sign in does not cost the user what they typed. Only the listed fields are kept: never passwords or files.
 */
export function useSessionDraft<T extends object>(key: string, fields: readonly (keyof T & string)[]) {
  // Read once per form key: later saves must not feed back into the form's initial values.
  const initial = useMemo(() => read<T>(key), [key]);
  const save = useCallback(
    (form: FormInstance) => {
      const all = form.getFieldsValue(true) as Record<string, unknown>;
      const kept = Object.fromEntries(fields.filter((f) => all[f] !== undefined).map((f) => [f, all[f]]));
      try {
        sessionStorage.setItem(PREFIX + key, JSON.stringify(kept));
      } catch {
        // Storage full or refused: the form still works, only the draft is not kept.
      }
    },
    [key, fields],
  );
  const clear = useCallback(() => {
    try {
      sessionStorage.removeItem(PREFIX + key);
    } catch {
      // Nothing to clear.
    }
  }, [key]);
  return { initial, save, clear };
}
