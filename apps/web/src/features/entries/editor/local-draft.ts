import type { EntryContent } from './entry-content.ts';

/** A copy of the editor kept on this device, written on every change (a dropped connection costs nothing). */
export interface LocalDraft {
  /** The server version the text was edited from. */
  baseVersion: number;
  content: EntryContent;
  /** When it was last written, ISO. */
  at: string;
  /** True until the server has acknowledged exactly this text. */
  dirty: boolean;
}

const key = (entryId: string) => `casearena.entry-draft.${entryId}`;

export function readLocalDraft(entryId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(entryId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof parsed.baseVersion !== 'number' || !parsed.content || typeof parsed.content.title !== 'string') return null;
    return {
      baseVersion: parsed.baseVersion,
      content: { title: parsed.content.title, summary: parsed.content.summary ?? '', answers: parsed.content.answers ?? {} },
      at: parsed.at ?? new Date(0).toISOString(),
      dirty: parsed.dirty !== false,
    };
  } catch {
    return null;
  }
}

export function writeLocalDraft(entryId: string, draft: LocalDraft): boolean {
  try {
    localStorage.setItem(key(entryId), JSON.stringify(draft));
    return true;
  } catch {
    // Storage full or refused (private mode): the server copy still is the fallback.
    return false;
  }
}

export function clearLocalDraft(entryId: string) {
  try {
    localStorage.removeItem(key(entryId));
  } catch {
    // Nothing to clear.
  }
}
