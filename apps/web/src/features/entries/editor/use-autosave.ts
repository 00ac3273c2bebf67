import type { FieldError, TEntryView, TSaveEntryInput } from '@casearena/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { saveEntry } from '../../../api/entries.ts';
import { changedAnswers, contentOf, type EntryContent, sameContent } from './entry-content.ts';
import { clearLocalDraft, type LocalDraft, readLocalDraft, writeLocalDraft } from './local-draft.ts';

/** How long typing must pause before the text goes to the server. */
const DEBOUNCE_MS = 2000;
/** Offline: try again after this long (and at once when the browser says it is back online). */
const RETRY_MS = 15_000;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  /** Kept on this device only: some fields are invalid and wait for a correction before they are sent. */
  | { kind: 'held' }
  | { kind: 'failed'; message: string }
  | { kind: 'conflict'; current: number; yours: number };

interface Options {
  /** Draft fields that would be refused ('title', 'summary', 'answers.<key>'): kept locally, not sent yet. */
  invalid: (content: EntryContent) => ReadonlySet<string>;
  /** Every entry the server answers with (new version, attachments) goes here. */
  onSaved: (entry: TEntryView) => void;
}

/** A local copy the server has not seen, newer than the server's text: offered for restoring on opening. */
function unsyncedLocal(entry: TEntryView): LocalDraft | null {
  const local = readLocalDraft(entry.id);
  return local?.dirty && !sameContent(local.content, contentOf(entry)) ? local : null;
}

/**
 * The editor's text with autosave: every change is written to localStorage at once and sent to the server after a
 * pause, naming the version it was edited from. A stale save (someone saved in between) stops autosave and asks
 * the user to compare; nothing typed is ever dropped.
 */
export function useAutosave(entry: TEntryView, { invalid, onSaved }: Options) {
  const [draft, setDraftState] = useState<EntryContent>(() => contentOf(entry));
  const draftRef = useRef(draft);
  /** The last text and version the server confirmed. */
  const base = useRef({ version: entry.version, content: contentOf(entry) });
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [serverProblems, setServerProblems] = useState<FieldError[]>([]);
  const [restoreOffer, setRestoreOffer] = useState<LocalDraft | null>(() => unsyncedLocal(entry));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  /** True while a conflict or a restore offer waits for the user: nothing is sent meanwhile. */
  const paused = useRef(restoreOffer !== null);
  const invalidRef = useRef(invalid);
  invalidRef.current = invalid;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const writeLocal = useCallback(
    (content: EntryContent) =>
      writeLocalDraft(entry.id, {
        baseVersion: base.current.version,
        content,
        at: new Date().toISOString(),
        dirty: !sameContent(content, base.current.content),
      }),
    [entry.id],
  );

  const save = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    if (paused.current) return Promise.resolve();
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = async () => {
      const d = draftRef.current;
      const b = base.current;
      const held = invalidRef.current(d);
      const heldAnswers = new Set([...held].filter((k) => k.startsWith('answers.')).map((k) => k.slice('answers.'.length)));
      const input: TSaveEntryInput = { version: b.version };
      if (d.title !== b.content.title && !held.has('title')) input.title = d.title;
      if (d.summary !== b.content.summary && !held.has('summary')) input.summary = d.summary;
      const answers = changedAnswers(b.content.answers, d.answers, heldAnswers);
      if (answers) input.answers = answers;
      if (input.title === undefined && input.summary === undefined && !input.answers) {
        setState(sameContent(d, b.content) ? (s) => (s.kind === 'saved' ? s : { kind: 'idle' }) : { kind: 'held' });
        return;
      }
      setState({ kind: 'saving' });
      try {
        const saved = await saveEntry(entry.id, input);
        base.current = { version: saved.version, content: contentOf(saved) };
        onSavedRef.current(saved);
        setServerProblems([]);
        const now = draftRef.current;
        writeLocal(now);
        setState(held.size > 0 && !sameContent(now, base.current.content) ? { kind: 'held' } : { kind: 'saved', at: new Date() });
      } catch (err) {
        if (!(err instanceof ApiError)) {
          setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
        } else if (err.code === 'NETWORK') {
          setState({ kind: 'offline' });
          timer.current = setTimeout(() => void save(), RETRY_MS);
        } else if (err.code === 'STALE_VERSION') {
          paused.current = true;
          setState({ kind: 'conflict', current: Number(err.params.current ?? 0), yours: Number(err.params.yours ?? b.version) });
        } else {
          if (err.code === 'VALIDATION_FAILED') setServerProblems(err.fields);
          setState({ kind: 'failed', message: err.message });
        }
      }
    };
    const p = run().finally(() => {
      inFlight.current = null;
      if (again.current) {
        again.current = false;
        void save();
      }
    });
    inFlight.current = p;
    return p;
  }, [entry.id, writeLocal]);

  /** Applies an edit: kept on this device at once, sent to the server after a pause in typing. */
  const update = useCallback(
    (patch: Partial<EntryContent>) => {
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraftState(next);
      writeLocal(next);
      if (paused.current) return;
      setState((s) => (s.kind === 'offline' || s.kind === 'failed' ? s : { kind: 'pending' }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save, writeLocal],
  );

  /** Sends whatever is pending now; true when the server holds exactly what the user sees. */
  const flush = useCallback(async (): Promise<boolean> => {
    await save();
    while (inFlight.current) await inFlight.current;
    return !paused.current && sameContent(draftRef.current, base.current.content);
  }, [save]);

  /** The user merged field by field: their choice is edited on top of the latest version and saved at once. */
  const resolveConflict = useCallback(
    (merged: EntryContent, theirs: TEntryView) => {
      base.current = { version: theirs.version, content: contentOf(theirs) };
      onSavedRef.current(theirs);
      draftRef.current = merged;
      setDraftState(merged);
      writeLocal(merged);
      paused.current = false;
      void save();
    },
    [save, writeLocal],
  );

  /** The server changed something besides the text (an upload): take its version if the text is what we know. */
  const adopt = useCallback((server: TEntryView) => {
    if (server.version > base.current.version && sameContent(contentOf(server), base.current.content)) {
      base.current = { version: server.version, content: base.current.content };
    }
  }, []);

  const acceptRestore = useCallback(() => {
    const offer = restoreOffer;
    if (!offer) return;
    setRestoreOffer(null);
    draftRef.current = offer.content;
    setDraftState(offer.content);
    if (offer.baseVersion === base.current.version) {
      paused.current = false;
      writeLocal(offer.content);
      void save();
    } else {
      // Edited from an older version than the server's: compare before anything is overwritten.
      writeLocalDraft(entry.id, { ...offer, at: new Date().toISOString() });
      setState({ kind: 'conflict', current: base.current.version, yours: offer.baseVersion });
    }
  }, [restoreOffer, entry.id, save, writeLocal]);

  const declineRestore = useCallback(() => {
    setRestoreOffer(null);
    clearLocalDraft(entry.id);
    paused.current = false;
  }, [entry.id]);

  useEffect(() => {
    const online = () => void save();
    // A phone locks or the tab goes to the background: send now rather than after the pause.
    const hidden = () => {
      if (document.visibilityState === 'hidden' && !sameContent(draftRef.current, base.current.content)) void save();
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
      clearTimeout(timer.current);
      // Leaving the page inside the pause: send what is waiting (the local copy covers a failure).
      if (!paused.current && !sameContent(draftRef.current, base.current.content)) void save();
    };
  }, [save]);

  return {
    draft,
    state,
    serverProblems,
    restoreOffer,
    version: () => base.current.version,
    /** The text the user's edits started from, for the three-way defaults of the compare dialog. */
    baseContent: () => base.current.content,
    update,
    flush,
    resolveConflict,
    adopt,
    acceptRestore,
    declineRestore,
    forget: () => clearLocalDraft(entry.id),
  };
}

export type Autosave = ReturnType<typeof useAutosave>;
