import type { TAttachment, TUpload } from '@casearena/contract';
import { type DetailedError, type HttpResponse, Upload } from 'tus-js-client';
import { ApiError, readResponse } from '../../../api/client.ts';
import i18n from '../../../i18n/index.ts';

/**
 * Big enough to keep a 700 MB video to ~90 requests and to fill one S3 part per request in cluster mode, small
 * enough that a dropped chunk costs seconds on 4G.
 */
export const CHUNK_BYTES = 8 * 1024 * 1024;
/** Waits between retries after a network failure: about five minutes in all, then the error shows (and can resume). */
const RETRY_DELAYS_MS = [1, 2, 4, 8, 15, 30, 30, 30, 30, 30, 30, 30, 30, 30].map((s) => s * 1000);

/** What is kept per entry and slot for the "resume" hint after a reload (tus keeps the upload's URL by fingerprint). */
export interface PendingUpload {
  name: string;
  size: number;
  lastModified: number;
  /** Bytes the server held when last heard from. */
  offset: number;
}

const hintKey = (entryId: string, slot: string) => `casearena.upload.${entryId}.${slot}`;

export function readPendingUpload(entryId: string, slot: string): PendingUpload | null {
  try {
    const raw = localStorage.getItem(hintKey(entryId, slot));
    const p = raw ? (JSON.parse(raw) as Partial<PendingUpload>) : null;
    return p && typeof p.name === 'string' && typeof p.size === 'number'
      ? { name: p.name, size: p.size, lastModified: p.lastModified ?? 0, offset: p.offset ?? 0 }
      : null;
  } catch {
    return null;
  }
}

function writePending(entryId: string, slot: string, p: PendingUpload) {
  try {
    localStorage.setItem(hintKey(entryId, slot), JSON.stringify(p));
  } catch {
    // Not resumable after a reload, but the upload itself goes on.
  }
}

/** The tus client's own record of where an upload lives, per entry, slot and file. */
const fingerprintOf = (entryId: string, slot: string, file: File) =>
  `casearena-${entryId}-${slot}-${file.name}-${file.size}-${file.lastModified}`;

/** Forgets the hint and the tus URLs kept for this slot, so the next pick starts a new upload. */
export function forgetPendingUpload(entryId: string, slot: string) {
  try {
    localStorage.removeItem(hintKey(entryId, slot));
    const prefix = `tus::casearena-${entryId}-${slot}-`;
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  } catch {
    // Nothing kept.
  }
}

function csrfCookie(): string {
  const match = /(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

/** The double-submit token the upload requests echo; a first visit gets the cookie from any API GET. */
async function csrfToken(): Promise<string> {
  if (csrfCookie()) return csrfCookie();
  try {
    await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw networkError();
  }
  return csrfCookie();
}

const networkError = () => new ApiError(0, 'NETWORK', i18n.t('errors.network'));
const abortError = () => new DOMException('upload cancelled', 'AbortError');

/** The server's refusal (its JSON body, in the user's language) or a network failure, as the rest of the app sees it. */
function apiErrorOf(err: Error | DetailedError): ApiError {
  const res = 'originalResponse' in err ? err.originalResponse : null;
  if (!res) return networkError();
  try {
    readResponse(res.getStatus(), res.getBody() ?? '');
  } catch (apiErr) {
    if (apiErr instanceof ApiError) return apiErr;
  }
  return new ApiError(res.getStatus(), 'INTERNAL', i18n.t('errors.unknown'));
}

/**
 * Worth another try: no answer (network), a server or proxy failure, an offset that moved on (the client then asks
 * the server where it stands) or tus's "someone else holds the upload".
 */
const retryable = (res: HttpResponse | null) =>
  !res || res.getStatus() >= 500 || res.getStatus() === 409 || res.getStatus() === 423;

export interface UploadOptions {
  entryId: string;
  slot: string;
  file: File;
  signal: AbortSignal;
  /** Bytes the server holds plus those of the chunk in flight. */
  onProgress(sent: number): void;
  /** The connection dropped; the next attempt starts in this many seconds. */
  onRetry(seconds: number): void;
}

/**
 * Sends a file into an entry's attachment slot by the tus protocol, resuming where the server stopped: after a dropped
 * connection (the tus client asks the server's offset and retries with backoff) or a reload (the upload's URL is kept
 * by the file's fingerprint; the user picks the same file again). Resolves with the attachment the server made of it,
 * or null when the upload had already been finished earlier (the entry then shows it).
 */
export async function uploadResumable({
  entryId,
  slot,
  file,
  signal,
  onProgress,
  onRetry,
}: UploadOptions): Promise<TAttachment | null> {
  const token = await csrfToken();
  const pending = { name: file.name, size: file.size, lastModified: file.lastModified };
  return new Promise<TAttachment | null>((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const upload = new Upload(file, {
      endpoint: '/api/uploads',
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS_MS,
      metadata: { entryId, slot, filename: file.name },
      headers: { 'x-csrf-token': token, 'accept-language': i18n.language, accept: 'application/json' },
      fingerprint: async () => fingerprintOf(entryId, slot, file),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onUploadUrlAvailable: () => writePending(entryId, slot, { ...pending, offset: 0 }),
      onProgress: (sent) => onProgress(sent),
      onChunkComplete: (_chunk, accepted) => writePending(entryId, slot, { ...pending, offset: accepted }),
      onShouldRetry: (err, attempt) => {
        if (!retryable(err.originalResponse)) return false;
        onRetry(Math.round((RETRY_DELAYS_MS[attempt] ?? 30_000) / 1000));
        return true;
      },
      onSuccess: ({ lastResponse }) => {
        forgetPendingUpload(entryId, slot);
        let done: TUpload | undefined;
        try {
          done = lastResponse.getBody() ? (JSON.parse(lastResponse.getBody()) as TUpload) : undefined;
        } catch {
          done = undefined;
        }
        resolve(done?.attachment ?? null);
      },
      onError: (err) => reject(apiErrorOf(err)),
    });
    signal.addEventListener(
      'abort',
      () => {
        void upload.abort(false);
        reject(abortError());
      },
      { once: true },
    );
    upload.findPreviousUploads().then(
      (previous) => {
        const [last] = previous;
        if (last) upload.resumeFromPreviousUpload(last);
        upload.start();
      },
      () => upload.start(),
    );
  });
}
