import { checkSheet, type TScoreSheetSpec, type TSheetAnswer, type TSheetView } from '@casearena/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { fetchJudgeAssignment, saveSheetDraft, submitSheet } from '../../../api/judging-judge.ts';
import {
  clearLocalSheet,
  draftOf,
  readLocalSheet,
  type SheetDraft,
  sameDraft,
  startDraft,
  writeLocalSheet,
} from './sheet-local.ts';

/**
 * Where the judge's typing is: `saved` only once the server confirmed this exact content; `offline` when it is on
 * this device only and waits for the network; `invalid` when a score breaks the sheet's rules (kept on this device,
 * not sent); `conflict` after STALE_VERSION until the judge chooses; `refused` when the server refuses drafts now
 * (the round closed, the sheet was submitted elsewhere); `locked` when the sheet may not be edited.
 */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'invalid' | 'conflict' | 'refused' | 'locked';

export const AUTOSAVE_DELAY_MS = 1000;
export const OFFLINE_RETRY_MS = 5000;

interface Options {
  assignmentId: string;
  spec: TScoreSheetSpec;
  server: TSheetView;
  canSave: boolean;
  /** Each answer of the server (a save, a submission): the page shows its sheet and abilities. */
  onAnswer: (answer: TSheetAnswer) => void;
}

const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * The score sheet's autosave: every change is written to this device at once, and to the server's draft after a
 * pause in typing, one save at a time, each naming the version it was edited from. Nothing typed is dropped: a
 * failed save keeps the local copy and retries on the `online` event and on an interval; a stale one shows both
 * copies (`conflict`) until the judge keeps theirs or takes the server's.
 */
export function useSheetAutosave({ assignmentId, spec, server, canSave, onAnswer }: Options) {
  const [start] = useState(() => startDraft(server, canSave ? readLocalSheet(assignmentId) : null));
  const initial = start.kind === 'conflict' ? start.mine : start.draft;
  const [draft, setDraftState] = useState<SheetDraft>(initial);
  const [state, setState] = useState<SaveState>(
    !canSave
      ? 'locked'
      : start.kind === 'conflict'
        ? 'conflict'
        : start.kind === 'local'
          ? 'pending'
          : server.version > 0
            ? 'saved'
            : 'idle',
  );
  const [conflict, setConflict] = useState<{ mine: SheetDraft; theirs: TSheetView } | null>(
    start.kind === 'conflict' ? { mine: start.mine, theirs: server } : null,
  );
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [stored, setStored] = useState(true);

  const draftRef = useRef(initial);
  const baseRef = useRef(start.base);
  const editSeq = useRef(start.kind === 'local' ? 1 : 0);
  const savedSeq = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(start.kind === 'conflict' || !canSave);
  const wasOffline = useRef(false);
  const onAnswerRef = useRef(onAnswer);
  onAnswerRef.current = onAnswer;

  const keepLocal = useCallback(
    (synced: boolean) =>
      setStored(
        writeLocalSheet(assignmentId, {
          base: baseRef.current,
          draft: draftRef.current,
          editedAt: new Date().toISOString(),
          synced,
        }),
      ),
    [assignmentId],
  );

  /** The server's copy after a STALE_VERSION: the same content (our save got through, its answer did not) or a choice. */
  const resolveStale = useCallback(async () => {
    const fresh = await fetchJudgeAssignment(assignmentId);
    onAnswerRef.current({ sheet: fresh.sheet, abilities: fresh.abilities });
    if (fresh.sheet.status !== 'draft') {
      blocked.current = true;
      setState('refused');
      return;
    }
    if (sameDraft(draftOf(fresh.sheet), draftRef.current)) {
      baseRef.current = fresh.sheet.version;
      savedSeq.current = editSeq.current;
      keepLocal(true);
      setState('saved');
      return;
    }
    blocked.current = true;
    setConflict({ mine: draftRef.current, theirs: fresh.sheet });
    setState('conflict');
  }, [assignmentId, keepLocal]);

  const failed = useCallback(
    async (err: unknown) => {
      if (!(err instanceof ApiError) || err.code === 'NETWORK') {
        wasOffline.current = true;
        setState('offline');
        return;
      }
      if (err.code === 'STALE_VERSION') {
        await resolveStale().catch(() => {
          wasOffline.current = true;
          setState('offline');
        });
        return;
      }
      blocked.current = true;
      setRefusal(err);
      setState('refused');
      // The abilities changed with the refusal (ROUND_CLOSED, SHEET_SUBMITTED): the page shows the server's now.
      await fetchJudgeAssignment(assignmentId)
        .then((fresh) => onAnswerRef.current({ sheet: fresh.sheet, abilities: fresh.abilities }))
        .catch(() => undefined);
    },
    [assignmentId, resolveStale],
  );

  // The save loop calls itself through this ref: a save that ends with newer typing schedules the next one.
  const sendRef = useRef<() => Promise<void>>(async () => undefined);
  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void sendRef.current();
    }, ms);
  }, []);

  const send = useCallback(async (): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    if (blocked.current || editSeq.current === savedSeq.current) return;
    if (checkSheet(spec, draftRef.current, 'draft').length > 0) {
      setState('invalid');
      return;
    }
    if (offline()) {
      wasOffline.current = true;
      setState('offline');
      return;
    }
    const seq = editSeq.current;
    const body = { version: baseRef.current, ...draftRef.current };
    setState('saving');
    const run = (async () => {
      try {
        const answer = await saveSheetDraft(assignmentId, body);
        baseRef.current = answer.sheet.version;
        savedSeq.current = seq;
        wasOffline.current = false;
        onAnswerRef.current(answer);
        const synced = editSeq.current === seq;
        keepLocal(synced);
        setState(synced ? 'saved' : 'pending');
      } catch (err) {
        await failed(err);
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    await run;
    // Typing went on during the save: the newer content goes next, on the version just stored.
    if (!blocked.current && editSeq.current !== savedSeq.current && !wasOffline.current) schedule(0);
  }, [assignmentId, spec, keepLocal, failed, schedule]);
  sendRef.current = send;

  const change = useCallback(
    (patch: Partial<SheetDraft>) => {
      if (!canSave) return;
      draftRef.current = { ...draftRef.current, ...patch, scores: { ...draftRef.current.scores, ...patch.scores } };
      setDraftState(draftRef.current);
      editSeq.current += 1;
      keepLocal(false);
      if (blocked.current) return;
      setState(checkSheet(spec, draftRef.current, 'draft').length > 0 ? 'invalid' : wasOffline.current ? 'offline' : 'pending');
      schedule(AUTOSAVE_DELAY_MS);
    },
    [canSave, spec, keepLocal, schedule],
  );

  // A local copy that won on load goes to the server at once.
  useEffect(() => {
    if (start.kind === 'local' && canSave) schedule(0);
  }, [start.kind, canSave, schedule]);

  // Back online, on an interval while offline, and when the page is hidden (a phone switching apps).
  useEffect(() => {
    const retry = () => {
      if (editSeq.current !== savedSeq.current) void send();
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') retry();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', hidden);
    const interval = setInterval(() => {
      if (wasOffline.current) retry();
    }, OFFLINE_RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', hidden);
      clearInterval(interval);
    };
  }, [send]);

  // Leaving the page with a save still waiting for its pause sends it now (the list shows the progress it makes).
  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      timer.current = null;
      void sendRef.current();
    },
    [],
  );

  /** Keeps the judge's copy: it is saved again on the server's current version. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    baseRef.current = conflict.theirs.version;
    draftRef.current = conflict.mine;
    setDraftState(conflict.mine);
    setConflict(null);
    blocked.current = false;
    editSeq.current += 1;
    keepLocal(false);
    void send();
  }, [conflict, keepLocal, send]);

  /** Takes the server's copy; the judge's stays readable in the dialog until then, never silently dropped. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    const theirs = draftOf(conflict.theirs);
    baseRef.current = conflict.theirs.version;
    draftRef.current = theirs;
    setDraftState(theirs);
    setConflict(null);
    blocked.current = false;
    savedSeq.current = editSeq.current;
    keepLocal(true);
    setState('saved');
  }, [conflict, keepLocal]);

  /**
   * Submits the sheet as shown (saved and submitted at once), after any save under way. Throws the server's refusal
   * (SCORE_MISSING …) or NETWORK; the local copy stays until the server has taken it.
   */
  const submit = useCallback(async (): Promise<TSheetAnswer> => {
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const seq = editSeq.current;
    try {
      const answer = await submitSheet(assignmentId, { version: baseRef.current, ...draftRef.current });
      savedSeq.current = seq;
      blocked.current = true;
      clearLocalSheet(assignmentId);
      onAnswerRef.current(answer);
      setState('locked');
      return answer;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE_VERSION') await resolveStale().catch(() => undefined);
      else if (!(err instanceof ApiError) || err.code === 'NETWORK') {
        wasOffline.current = true;
        setState('offline');
      }
      throw err;
    }
  }, [assignmentId, resolveStale]);

  /** After abstaining the sheet is no longer a draft: nothing more is saved. */
  const lock = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    blocked.current = true;
    clearLocalSheet(assignmentId);
    setState('locked');
  }, [assignmentId]);

  return { draft, state, conflict, refusal, stored, change, keepMine, takeTheirs, submit, lock };
}
