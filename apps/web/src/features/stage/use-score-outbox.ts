import { useEffect, useMemo, useState } from 'react';
import { type QueuedScore, ScoreOutbox, type ScoreStore } from './score-queue.ts';
import { refetchStage, sendStageScore } from './stage-api.ts';

/** localStorage, or nothing when the browser refuses it (the outbox then keeps scores in this tab only). */
function browserStore(): ScoreStore {
  try {
    return window.localStorage;
  } catch {
    const map = new Map<string, string>();
    return {
      get length() {
        return map.size;
      },
      key: (i) => [...map.keys()][i] ?? null,
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    };
  }
}

/**
 * The phone's outbox for one stage, resending on page load, whenever the browser reports it is online again, and on
 * its own backoff timer. `revision` changes with every change of a queued score, so the page re-renders.
 */
export function useScoreOutbox(stageId: string): { outbox: ScoreOutbox; revision: number } {
  const [revision, setRevision] = useState(0);
  const outbox = useMemo(
    () =>
      new ScoreOutbox({
        store: browserStore(),
        send: sendStageScore,
        stageId,
        onChange: (q: QueuedScore) => {
          setRevision((r) => r + 1);
          // The server holds it now (or refused): the judge view's `mine` and abilities changed.
          if (q.state !== 'pending') void refetchStage(stageId);
        },
      }),
    [stageId],
  );
  useEffect(() => {
    const flush = () => void outbox.flush();
    outbox.start();
    window.addEventListener('online', flush);
    // A phone woken from sleep may have missed the 'online' event.
    const onVisible = () => {
      if (document.visibilityState === 'visible') flush();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisible);
      outbox.stop();
    };
  }, [outbox]);
  return { outbox, revision };
}
