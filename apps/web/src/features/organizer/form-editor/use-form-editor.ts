import { type FieldError, type Locale, type TForm, type TFormField, ZFormDefinition } from '@casearena/contract';
import { useMemo, useState } from 'react';
import { issueMessage } from '../../../components/zod-form.ts';
import type { EditorItem } from './FieldList.tsx';
import { clearFormDraft, type FormDraft, readFormDraft, writeFormDraft } from './form-draft.ts';
import type { SettingIssue } from './Setting.tsx';

/** The form as last saved; version 0 when the campaign has none yet. */
export type FormBase = Pick<TForm, 'version' | 'fields'>;

let uidCounter = 0;
const uid = () => {
  uidCounter += 1;
  return `f${uidCounter}`;
};
const toItems = (fields: TFormField[]): EditorItem[] => fields.map((field) => ({ uid: uid(), field }));

/** JSON with sorted keys: the server may return a field's properties in another order without changing it. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

/** Issues by field index, paths relative to the field: 'fields.3.columns.0.key' → field 3, 'columns.0.key'. */
export function issuesByField(list: readonly { path: string; message: string }[]): Map<number, SettingIssue[]> {
  const map = new Map<number, SettingIssue[]>();
  for (const { path, message } of list) {
    const m = /^fields\.(\d+)(?:\.(.*))?$/.exec(path);
    if (!m) continue;
    const i = Number(m[1]);
    const rel = m[2] ?? '';
    const seen = map.get(i) ?? [];
    if (!seen.some((s) => s.path === rel && s.message === message)) map.set(i, [...seen, { path: rel, message }]);
  }
  return map;
}

/**
 * The editor's state: the fields being edited, kept in localStorage on every change until saved or discarded,
 * and the contract's own check of them (the same ZFormDefinition the server applies), by field.
 */
export function useFormEditor(campaignId: string, initialBase: FormBase, lang: Locale) {
  const [base, setBase] = useState(initialBase);
  const [restored] = useState<FormDraft | null>(() => readFormDraft(campaignId));
  const [items, setItems] = useState<EditorItem[]>(() => toItems(restored?.fields ?? initialBase.fields));
  const [serverIssues, setServerIssues] = useState<Map<number, SettingIssue[]>>(new Map());

  const fields = useMemo(() => items.map((i) => i.field), [items]);
  const dirty = canonical(fields) !== canonical(base.fields);

  const localIssues = useMemo(() => {
    const parsed = ZFormDefinition.safeParse({ fields });
    if (parsed.success) return new Map<number, SettingIssue[]>();
    return issuesByField(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issueMessage(issue, lang) })),
    );
  }, [fields, lang]);

  const issues = useMemo(() => {
    const merged = new Map(localIssues);
    for (const [i, list] of serverIssues) {
      const own = merged.get(i) ?? [];
      merged.set(i, [...own, ...list.filter((s) => !own.some((o) => o.path === s.path && o.message === s.message))]);
    }
    return merged;
  }, [localIssues, serverIssues]);

  /** Every edit goes through here: the draft is written at once, so nothing typed is lost to a closed tab. */
  const commit = (next: EditorItem[], keepServerIssues = false) => {
    setItems(next);
    if (!keepServerIssues) setServerIssues(new Map());
    const nextFields = next.map((i) => i.field);
    if (canonical(nextFields) === canonical(base.fields)) clearFormDraft(campaignId);
    else writeFormDraft(campaignId, { baseVersion: base.version, fields: nextFields, editedAt: new Date().toISOString() });
  };

  return {
    base,
    items,
    fields,
    dirty,
    restored,
    issues,
    add: (field: TFormField): EditorItem => {
      const item = { uid: uid(), field };
      commit([...items, item]);
      return item;
    },
    change: (index: number, field: TFormField) => {
      // A fix to one field clears the server's complaints about that field only; the others still stand.
      setServerIssues((prev) => {
        const next = new Map(prev);
        next.delete(index);
        return next;
      });
      commit(
        items.map((it, i) => (i === index ? { ...it, field } : it)),
        true,
      );
    },
    move: (from: number, to: number) => {
      const next = [...items];
      const [moved] = next.splice(from, 1);
      if (moved) next.splice(to, 0, moved);
      commit(next);
    },
    remove: (index: number) => commit(items.filter((_, i) => i !== index)),
    /** Replaces every field (an earlier version loaded as the start of a new one). */
    replace: (next: TFormField[]) => commit(toItems(next)),
    discard: () => {
      clearFormDraft(campaignId);
      setServerIssues(new Map());
      setItems(toItems(base.fields));
    },
    /** After a save: the saved version is the new base; panels stay as they were. */
    saved: (form: TForm) => {
      clearFormDraft(campaignId);
      setBase(form);
      setServerIssues(new Map());
      setItems((prev) =>
        form.fields.length === prev.length
          ? form.fields.map((field, i) => ({ uid: prev[i]?.uid ?? uid(), field }))
          : toItems(form.fields),
      );
    },
    refused: (fieldErrors: readonly FieldError[]) => setServerIssues(issuesByField(fieldErrors)),
  };
}
