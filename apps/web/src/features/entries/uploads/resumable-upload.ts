import type { TAttachment, TUpload } from '@casearena/contract';
import { ApiError, api, readResponse } from '../../../api/client.ts';
import i18n from '../../../i18n/index.ts';

/** Big enough to keep a 700 MB video to ~175 requests, small enough that a dropped chunk costs seconds on 4G. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Waits between retries after a network failure; the last one repeats. */
const BACKOFF_S = [1, 2, 4, 8, 15, 30];
/** About five minutes of retrying before the upload reports the network error (and can be resumed later). */
const MAX_RETRIES = 14;

/** What is kept per entry and slot so an upload can resume after a reload (the user picks the same file again). */
export interface PendingUpload {
  uploadId: string;
  name: string;
  size: number;
  lastModified: number;
  /** Bytes the server held when last heard from, for the "resume" hint. */
  offset: number;
}

const storageKey = (entryId: string, slot: string) => `casearena.upload.${entryId}.${slot}`;

export function readPendingUpload(entryId: string, slot: string): PendingUpload | null {
  try {
    const raw = localStorage.getItem(storageKey(entryId, slot));
    const p = raw ? (JSON.parse(raw) as Partial<PendingUpload>) : null;
    return p && typeof p.uploadId === 'string' && typeof p.size === 'number'
      ? { uploadId: p.uploadId, name: p.name ?? '', size: p.size, lastModified: p.lastModified ?? 0, offset: p.offset ?? 0 }
      : null;
  } catch {
    return null;
  }
}

function writePending(entryId: string, slot: string, p: PendingUpload) {
  try {
    localStorage.setItem(storageKey(entryId, slot), JSON.stringify(p));
  } catch {
    // Not resumable after a reload, but the upload itself goes on.
  }
}

export function forgetPendingUpload(entryId: string, slot: string) {
  try {
    localStorage.removeItem(storageKey(entryId, slot));
  } catch {
    // Nothing kept.
  }
}

/** The same file as the pending upload, judged by name, size and modification time (contents are not hashed). */
export const sameFile = (p: PendingUpload, file: File) =>
  p.name === file.name && p.size === file.size && (p.lastModified === 0 || p.lastModified === file.lastModified);

function csrfCookie(): string {
  const match = /(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

const networkError = () => new ApiError(0, 'NETWORK', i18n.t('errors.network'));
const abortError = () => new DOMException('upload cancelled', 'AbortError');

/** One chunk by XMLHttpRequest, which (unlike fetch) reports upload progress within the chunk. */
function sendChunk(url: string, offset: number, chunk: Blob, onSent: (bytes: number) => void, signal: AbortSignal) {
  return new Promise<TUpload>((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', url);
    xhr.setRequestHeader('content-type', 'application/offset+octet-stream');
    xhr.setRequestHeader('upload-offset', String(offset));
    // The create request went through api(), which made sure the double-submit cookie exists.
    xhr.setRequestHeader('x-csrf-token', csrfCookie());
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    xhr.onabort = () => reject(abortError());
    xhr.onerror = () => reject(networkError());
    xhr.ontimeout = () => reject(networkError());
    xhr.onload = () => {
      signal.removeEventListener('abort', abort);
      try {
        resolve(readResponse<TUpload>(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(chunk);
  });
}

function wait(seconds: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError());
      },
      { once: true },
    );
  });
}

const retryable = (err: unknown) => err instanceof ApiError && (err.code === 'NETWORK' || err.status >= 500);

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
 * Sends a file into an entry's attachment slot in chunks, resuming where the server stopped: after a dropped
 * connection (retrying with backoff), a refused offset (409 says where) or a reload (the upload id is kept in
 * localStorage). Resolves with the attachment the server made of it.
 */
export async function uploadResumable({ entryId, slot, file, signal, onProgress, onRetry }: UploadOptions): Promise<TAttachment> {
  let upload = await resumeOrCreate(entryId, slot, file);
  let offset = upload.offset;
  let failures = 0;
  onProgress(offset);
  while (!upload.complete) {
    const url = `/api/uploads/${encodeURIComponent(upload.id)}`;
    try {
      const chunk = file.slice(offset, Math.min(offset + CHUNK_BYTES, file.size));
      const start = offset;
      upload = await sendChunk(url, start, chunk, (n) => onProgress(start + n), signal);
      offset = upload.offset;
      failures = 0;
      writePending(entryId, slot, { ...pendingOf(upload, file) });
      onProgress(offset);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UPLOAD_OFFSET_MISMATCH') {
        offset = Number(err.params.offset ?? offset);
        continue;
      }
      if (!retryable(err) || failures >= MAX_RETRIES) throw err;
      const seconds = BACKOFF_S[Math.min(failures, BACKOFF_S.length - 1)] ?? 30;
      failures += 1;
      onRetry(seconds);
      await wait(seconds, signal);
      // Ask where the server stopped: the lost chunk may have arrived in part or in full.
      try {
        upload = await api<TUpload>('GET', url, undefined, signal);
        offset = upload.offset;
        onProgress(offset);
      } catch (again) {
        if (!retryable(again)) throw again;
      }
    }
  }
  forgetPendingUpload(entryId, slot);
  if (!upload.attachment) throw new ApiError(500, 'INTERNAL', i18n.t('errors.unknown'));
  return upload.attachment;
}

const pendingOf = (u: TUpload, file: File): PendingUpload => ({
  uploadId: u.id,
  name: file.name,
  size: file.size,
  lastModified: file.lastModified,
  offset: u.offset,
});

async function resumeOrCreate(entryId: string, slot: string, file: File): Promise<TUpload> {
  const pending = readPendingUpload(entryId, slot);
  if (pending && sameFile(pending, file)) {
    try {
      const known = await api<TUpload>('GET', `/api/uploads/${encodeURIComponent(pending.uploadId)}`);
      if (known.size === file.size) return known;
    } catch (err) {
      // Expired or gone: start a new upload. A network failure surfaces on the create below.
      if (!(err instanceof ApiError) || err.code === 'NETWORK') throw err;
    }
  }
  const created = await api<TUpload>('POST', `/api/entries/${encodeURIComponent(entryId)}/uploads`, {
    slot,
    name: file.name,
    size: file.size,
  });
  writePending(entryId, slot, pendingOf(created, file));
  return created;
}
