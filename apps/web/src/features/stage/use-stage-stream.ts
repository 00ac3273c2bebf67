import { type TStageScreen, ZStageScreen } from '@casearena/contract';
import { useEffect, useRef, useState } from 'react';
import { stageStreamUrl } from './stage-api.ts';

/** While the stream is down (or the server says other nodes' changes may not arrive) the page polls this often. */
export const STAGE_POLL_MS = 2_000;
/** Waits before opening a refused or closed stream again: doubling from the first to the last. */
const RECONNECT_MS = [1_000, 30_000] as const;

/**
 * The stage's live screen (GET /api/stages/:stageId/stream, public): `onScreen` gets every `screen` event, newest
 * version only (two nodes' messages can cross). `live` is false while the stream is down, refused or the server
 * reports `status {live:false}`: the page then polls its query every STAGE_POLL_MS, and `onReconnect` runs once the
 * stream is back, since what changed meanwhile was missed. EventSource retries a dropped connection by itself; a
 * closed one (a refusal, a proxy's error page) is opened again here with a growing wait.
 */
export function useStageStream(
  stageId: string | undefined,
  onScreen: (screen: TStageScreen) => void,
  onReconnect?: () => void,
): { live: boolean } {
  const [live, setLive] = useState(false);
  const onScreenRef = useRef(onScreen);
  onScreenRef.current = onScreen;
  const onReconnectRef = useRef(onReconnect);
  onReconnectRef.current = onReconnect;

  useEffect(() => {
    if (!stageId || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    let wait: number = RECONNECT_MS[0];
    let stopped = false;
    let lastVersion = 0;
    let up = false;
    /** Whether the stream was down since the page loaded its data (then messages were missed). */
    let missed = false;

    const mark = (now: boolean) => {
      up = now;
      setLive(now);
      if (now && missed) onReconnectRef.current?.();
      missed = !now;
    };
    const open = () => {
      if (stopped) return;
      const es = new EventSource(stageStreamUrl(stageId), { withCredentials: true });
      source = es;
      es.onopen = () => {
        wait = RECONNECT_MS[0];
      };
      es.addEventListener('status', (e) => {
        const data = safeJson((e as MessageEvent<string>).data) as { live?: unknown } | undefined;
        if (typeof data?.live === 'boolean') mark(data.live);
      });
      es.addEventListener('screen', (e) => {
        const parsed = ZStageScreen.safeParse(safeJson((e as MessageEvent<string>).data));
        if (!parsed.success) return;
        // The first event after a (re)connect is the whole screen: the stream is up even without a `status`.
        if (!up) mark(true);
        if (parsed.data.version < lastVersion) return;
        lastVersion = parsed.data.version;
        onScreenRef.current(parsed.data);
      });
      es.onerror = () => {
        mark(false);
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        source = null;
        reconnect = setTimeout(open, wait);
        wait = Math.min(wait * 2, RECONNECT_MS[1]);
      };
    };
    // The phone knows before the stream does (an EventSource notices a dead Wi-Fi only at its next read).
    const offline = () => mark(false);
    window.addEventListener('offline', offline);
    open();
    return () => {
      stopped = true;
      window.removeEventListener('offline', offline);
      source?.close();
      if (reconnect !== undefined) clearTimeout(reconnect);
    };
  }, [stageId]);

  return { live };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
