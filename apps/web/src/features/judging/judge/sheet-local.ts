import type { TSheetView } from '@casearena/contract';

/** What the judge edits on a sheet: a score per criterion key (null: cleared), the comment, the recommendation. */
export interface SheetDraft {
  scores: Record<string, number | null>;
  comment: string;
  recommendation: string | null;
}

/**
 * The copy kept on this device after every keystroke, with the server version it was edited from. `synced`: the
 * server has confirmed exactly this content (a later reload may then take the server's copy without asking).
 */
export interface LocalSheet {
  base: number;
  draft: SheetDraft;
  editedAt: string;
  synced: boolean;
}

const key = (assignmentId: string) => `casearena.judgeSheet.${assignmentId}`;

export function readLocalSheet(assignmentId: string): LocalSheet | null {
  try {
    const raw = localStorage.getItem(key(assignmentId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalSheet>;
    if (typeof parsed.base !== 'number' || !parsed.draft || typeof parsed.draft.scores !== 'object') return null;
    return {
      base: parsed.base,
      draft: {
        scores: parsed.draft.scores ?? {},
        comment: typeof parsed.draft.comment === 'string' ? parsed.draft.comment : '',
        recommendation: typeof parsed.draft.recommendation === 'string' ? parsed.draft.recommendation : null,
      },
      editedAt: typeof parsed.editedAt === 'string' ? parsed.editedAt : '',
      synced: parsed.synced === true,
    };
  } catch {
    return null;
  }
}

/** False when the browser refuses storage (private mode, quota): the page then warns that only the server keeps it. */
export function writeLocalSheet(assignmentId: string, local: LocalSheet): boolean {
  try {
    localStorage.setItem(key(assignmentId), JSON.stringify(local));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalSheet(assignmentId: string): void {
  try {
    localStorage.removeItem(key(assignmentId));
  } catch {
    // Nothing to clear.
  }
}

export const draftOf = (sheet: Pick<TSheetView, 'scores' | 'comment' | 'recommendation'>): SheetDraft => ({
  scores: { ...sheet.scores },
  comment: sheet.comment,
  recommendation: sheet.recommendation,
});

/** Same scores (a cleared score equals an absent one), comment and recommendation. */
export function sameDraft(a: SheetDraft, b: SheetDraft): boolean {
  const keys = new Set([...Object.keys(a.scores), ...Object.keys(b.scores)]);
  for (const k of keys) if ((a.scores[k] ?? null) !== (b.scores[k] ?? null)) return false;
  return a.comment === b.comment && (a.recommendation ?? null) === (b.recommendation ?? null);
}

export type DraftStart =
  | { kind: 'server'; draft: SheetDraft; base: number }
  | { kind: 'local'; draft: SheetDraft; base: number }
  | { kind: 'conflict'; mine: SheetDraft; base: number };

/**
 * Where the page starts after a load: the local copy wins when it holds changes the server has not confirmed and
 * was edited from the server's current version; edited from an older one (another device saved meanwhile), the
 * judge chooses between both copies. A sheet that is no longer a draft starts from the server's copy.
 */
export function startDraft(server: TSheetView, local: LocalSheet | null): DraftStart {
  const fromServer = draftOf(server);
  if (server.status !== 'draft' || !local || local.synced || sameDraft(local.draft, fromServer))
    return { kind: 'server', draft: fromServer, base: server.version };
  if (local.base === server.version) return { kind: 'local', draft: local.draft, base: server.version };
  return { kind: 'conflict', mine: local.draft, base: server.version };
}
