import type { IncomingMessage } from 'node:http';
import { ERROR_STATUS, type ErrorCode, errorMessage, type Locale } from '@casearena/contract';
import { Server } from '@tus/server';
import { ERRORS } from '@tus/utils';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { SharedLocker } from '../../platform/storage/shared-locker.ts';
import { finishUpload } from './uploads.ts';

/** The tus endpoint: POST here creates an upload, `/api/uploads/<id>` takes HEAD and PATCH. */
export const UPLOADS_PATH = '/api/uploads';
/** No slot takes more (S0-5: a 700 MB video); each upload is held to its own slot's limit when it is created. */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** What the Fastify route learned about a request before handing it to tus (tus hooks only see the raw request). */
export interface TusRequestState {
  locale: Locale;
  /** On creation: the id `startUpload` recorded, which tus then uses for the stored bytes. */
  uploadId?: string;
}
export const tusRequests = new WeakMap<IncomingMessage, TusRequestState>();

const nodeRequest = (req: unknown) => (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
const stateOf = (req: unknown): TusRequestState | undefined => {
  const raw = nodeRequest(req);
  return raw ? tusRequests.get(raw) : undefined;
};

/** The API's error body, as every other route answers (the web app shows `message` or translates `code`). */
export function errorJson(locale: Locale, code: ErrorCode, params?: Record<string, string | number>) {
  return {
    status_code: ERROR_STATUS[code],
    body: JSON.stringify({ error: { code, message: errorMessage(code, locale, params), ...(params ? { params } : {}) } }),
  };
}

/** tus's own refusals, in the API's vocabulary. */
const TUS_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  403: 'VALIDATION_FAILED',
  404: 'NOT_FOUND',
  409: 'UPLOAD_OFFSET_MISMATCH',
  410: 'NOT_FOUND',
  413: 'FILE_TOO_LARGE',
};

/**
 * The tus lock of an upload (held around each HEAD, PATCH and DELETE): on PostgreSQL, where several nodes may serve
 * one upload, a session advisory lock every node sees (`platform/storage/shared-locker.ts`); embedded (PGlite, one
 * process) tus's own MemoryLocker. The shared locker's connections close with the app.
 */
function lockerFor(ctx: AppContext, app?: FastifyInstance): SharedLocker | undefined {
  if (ctx.dbKind !== 'postgresql' || !ctx.config.databaseUrl) return undefined;
  const locker = new SharedLocker({ connectionString: ctx.config.databaseUrl, log: ctx.log });
  app?.addHook('onClose', () => locker.close());
  return locker;
}

/** The offset the store holds for the upload a tus request names (0 when it cannot be read). */
async function heldOffset(ctx: AppContext, req: Request): Promise<number> {
  const id = new URL(req.url).pathname.split('/').pop() ?? '';
  const held = await ctx.storage.uploads.getUpload(id).catch(() => null);
  return held?.offset ?? 0;
}

/**
 * The tus server over the storage's upload store (disk or S3, so every node sees the same uploads). Authorization,
 * the per-entry cap and sniffing happen in the Fastify route before a request reaches it; here the last byte
 * triggers `finishUpload` (inspection, storage, the slot) and every refusal gets the API's JSON error body.
 */
export function createTusServer(ctx: AppContext, app?: FastifyInstance): Server {
  const locker = lockerFor(ctx, app);
  const tus = new Server({
    path: UPLOADS_PATH,
    datastore: ctx.storage.uploads,
    ...(locker ? { locker } : {}),
    relativeLocation: true,
    // Same origin only: the API never grants CORS.
    allowedOrigins: () => false,
    maxSize: MAX_UPLOAD_BYTES,
    namingFunction(req) {
      const id = stateOf(req)?.uploadId;
      if (!id) throw new AppError('FORBIDDEN');
      return id;
    },
    async onUploadFinish(_req, upload) {
      const done = await finishUpload(ctx, upload.id);
      return { status_code: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(done) };
    },
    async onResponseError(req, err) {
      const locale = stateOf(req)?.locale ?? 'zh-CN';
      if (err instanceof AppError) return errorJson(locale, err.code, err.params);
      // Another request kept the upload past tus's wait although asked to release it: the client asks for the
      // offset (HEAD) and resumes, as after any offset conflict (tus-js-client retries a 409).
      if ('body' in err && err.body === ERRORS.ERR_LOCK_TIMEOUT.body)
        return errorJson(locale, 'UPLOAD_OFFSET_MISMATCH', { offset: await heldOffset(ctx, req) });
      const status = 'status_code' in err ? err.status_code : 500;
      const code = TUS_STATUS_CODES[status];
      if (!code) {
        ctx.log.error({ err }, 'tus upload failed');
        return errorJson(locale, 'INTERNAL');
      }
      if (code === 'UPLOAD_OFFSET_MISMATCH') return errorJson(locale, code, { offset: await heldOffset(ctx, req) });
      if (code === 'FILE_TOO_LARGE') return errorJson(locale, code, { limit: 'Upload-Length' });
      return errorJson(locale, code);
    },
  });
  return tus;
}
