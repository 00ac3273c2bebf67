import { FIELD_KINDS, type TFormField } from '@casearena/contract';

/** Unsaved edits of one campaign's form, kept in this browser until they are saved or discarded. */
export interface FormDraft {
  /** The version the edits started from, to warn when someone has saved a newer one since. */
  baseVersion: number;
  fields: TFormField[];
  /** ISO time of the last edit. */
  editedAt: string;
}

const PREFIX = 'casearena.formEditor.';

const looksLikeField = (f: unknown): f is TFormField =>
  typeof f === 'object' &&
  f !== null &&
  typeof (f as { key?: unknown }).key === 'string' &&
  (FIELD_KINDS as readonly unknown[]).includes((f as { kind?: unknown }).kind);

/**
 * localStorage, not sessionStorage: an organizer may spend an afternoon on a form, and a closed tab or a crashed
 * browser must not cost them that work. A draft that does not look like one (an older format) is ignored.
 */
export function readFormDraft(campaignId: string): FormDraft | null {
  try {
    const raw = localStorage.getItem(PREFIX + campaignId);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<FormDraft>;
    if (typeof d.baseVersion !== 'number' || !Array.isArray(d.fields) || !d.fields.every(looksLikeField)) return null;
    return { baseVersion: d.baseVersion, fields: d.fields, editedAt: typeof d.editedAt === 'string' ? d.editedAt : '' };
  } catch {
    return null;
  }
}

export function writeFormDraft(campaignId: string, draft: FormDraft): void {
  try {
    localStorage.setItem(PREFIX + campaignId, JSON.stringify(draft));
  } catch {
    // Storage full or refused: editing still works, the leave warning still guards the page.
  }
}

export function clearFormDraft(campaignId: string): void {
  try {
    localStorage.removeItem(PREFIX + campaignId);
  } catch {
    // Nothing kept, nothing to clear.
  }
}
