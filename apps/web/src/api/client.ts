import type { ApiErrorBody, ErrorCode, FieldError } from '@casearena/contract';
import i18n from '../i18n/index.ts';

/** Not a server code: the request never got an answer (offline, proxy down, server restarting). */
export type ClientErrorCode = 'NETWORK';

/** A refusal from the API (or the network), with the message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function csrfCookie(): string {
  const match = /(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

/** The double-submit token; a fresh visit has no cookie yet, and any /api GET makes the server set one. */
async function csrfToken(): Promise<string> {
  const existing = csrfCookie();
  if (existing) return existing;
  try {
    const res = await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const body = (await res.json()) as { csrfToken?: string };
    return csrfCookie() || body.csrfToken || '';
  } catch {
    throw networkError();
  }
}

function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', i18n.t('errors.network'));
}

/** Turns a response into data or an ApiError; a non-JSON error page (a proxy's 502) still gets a readable message. */
export function readResponse<T>(status: number, text: string): T {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300) return body as T;
  const err = (body as Partial<ApiErrorBody> | undefined)?.error;
  if (!err) {
    throw status === 502 || status === 503 || status === 504
      ? networkError()
      : new ApiError(status, 'INTERNAL', i18n.t('errors.unknown'));
  }
  throw new ApiError(status, err.code, err.message, err.fields ?? [], err.params ?? {});
}

export async function api<T>(method: Method, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  // The server answers in this language while signed out; signed in it follows the saved profile locale.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18n.language };
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError();
  }
  return readResponse<T>(res.status, await res.text());
}

/** Builds `path?k=v` skipping empty values, so URLs (and query keys) stay canonical. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Multipart upload with progress: fetch cannot report upload progress, XMLHttpRequest can.
 * The caller appends text fields before the file, because the server reads them first.
 */
export async function upload<T>(url: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  const token = await csrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(networkError());
    xhr.ontimeout = () => reject(networkError());
    xhr.onload = () => {
      try {
        resolve(readResponse<T>(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(form);
  });
}
