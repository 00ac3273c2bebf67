import type { TAttachment } from '@casearena/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { forgetPendingUpload, type PendingUpload, readPendingUpload, uploadResumable } from './resumable-upload.ts';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; sent: number; total: number; bytesPerSecond: number; retryIn: number | null }
  | { phase: 'failed'; message: string };

/** Speed over the last few seconds: a stall shows at once, a single fast burst does not mislead. */
const WINDOW_MS = 5000;
/** Progress events come many times a second; the bar needs a few. */
const RENDER_MS = 250;

/** One slot's upload: progress, bytes per second, retries, cancel, and the pending upload kept for a reload. */
export function useUpload(entryId: string, slot: string, onDone: (attachment: TAttachment | null) => void) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [pending, setPending] = useState<PendingUpload | null>(() => readPendingUpload(entryId, slot));
  const controller = useRef<AbortController | null>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    (file: File) => {
      controller.current?.abort();
      const ctl = new AbortController();
      controller.current = ctl;
      const samples: { at: number; bytes: number }[] = [];
      let lastRender = 0;
      let retryIn: number | null = null;
      const render = (sent: number, force = false) => {
        const now = performance.now();
        samples.push({ at: now, bytes: sent });
        while (samples.length > 2 && (samples[0]?.at ?? now) < now - WINDOW_MS) samples.shift();
        if (!force && now - lastRender < RENDER_MS) return;
        lastRender = now;
        const first = samples[0];
        const span = first ? (now - first.at) / 1000 : 0;
        const bytesPerSecond = first && span > 0.2 ? Math.max(0, (sent - first.bytes) / span) : 0;
        setState({ phase: 'uploading', name: file.name, sent, total: file.size, bytesPerSecond, retryIn });
      };
      setState({ phase: 'uploading', name: file.name, sent: 0, total: file.size, bytesPerSecond: 0, retryIn: null });
      uploadResumable({
        entryId,
        slot,
        file,
        signal: ctl.signal,
        onProgress: (sent) => {
          retryIn = null;
          render(sent);
        },
        onRetry: (seconds) => {
          retryIn = seconds;
          samples.length = 0;
          setState((s) => (s.phase === 'uploading' ? { ...s, retryIn: seconds, bytesPerSecond: 0 } : s));
          setPending(readPendingUpload(entryId, slot));
        },
      }).then(
        (attachment) => {
          if (ctl.signal.aborted) return;
          setPending(null);
          setState({ phase: 'idle' });
          onDoneRef.current(attachment);
        },
        (err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          // A refusal (type, size, content) will not change on retrying: drop the server's partial upload.
          if (err instanceof ApiError && err.code !== 'NETWORK') forgetPendingUpload(entryId, slot);
          setPending(readPendingUpload(entryId, slot));
          setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
        },
      );
    },
    [entryId, slot],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setPending(readPendingUpload(entryId, slot));
    setState({ phase: 'idle' });
  }, [entryId, slot]);

  const forget = useCallback(() => {
    forgetPendingUpload(entryId, slot);
    setPending(null);
  }, [entryId, slot]);

  return { state, pending, start, cancel, forget, fail: (message: string) => setState({ phase: 'failed', message }) };
}
