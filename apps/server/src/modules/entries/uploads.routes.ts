import type { Readable } from 'node:stream';
import { Metadata } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError, requestLocale } from '../../platform/http/errors.ts';
import { SNIFF_BYTES, sniff } from '../../platform/storage/sniff.ts';
import { createTusServer, type TusRequestState, tusRequests, UPLOADS_PATH } from './tus-server.ts';
import { dropUpload, expectedKinds, findOwnUpload, finishUpload, startUpload, type UploadRow } from './uploads.ts';

const TUS_VERSION = '1.0.0';

/**
 * Reads the first `n` bytes of a request body (or all of it when `length` says it is shorter) and puts them back,
 * so tus still receives the whole body. Never reads past what it needs, so the stream has not ended when the bytes go
 * back.
 */
async function peek(stream: Readable, n: number, length: number | null): Promise<Buffer> {
  const want = length === null ? n : Math.min(n, length);
  const chunks: Buffer[] = [];
  let got = 0;
  while (got < want) {
    const chunk = stream.read() as Buffer | null;
    if (chunk) {
      chunks.push(chunk);
      got += chunk.length;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) break;
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('readable', done);
        stream.off('end', done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('readable', done);
      stream.on('end', done);
      stream.on('error', done);
      stream.on('close', done);
    });
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0 && !stream.readableEnded) stream.unshift(head);
  return head;
}

const lengthOf = (value: string | string[] | undefined): number | null => {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
};

/**
 * Attachments arrive by the tus protocol (https://tus.io, v1.0.0: creation, expiration, termination), so a dropped
 * connection resumes from the offset the server really holds, on any node. This route layer authorizes each request
 * before tus sees it: creation for the entry's editor within the slot's size and the per-entry cap; HEAD, PATCH and
 * DELETE for the upload's owner only. The first bytes are sniffed before they are kept (an .exe renamed .pptx is
 * refused with 415 on its first PATCH).
 */
export async function uploadRoutes(root: FastifyInstance) {
  const { ctx } = root;
  const tus = createTusServer(ctx, root);

  /** Hands the request, unread, to tus, which answers on the raw response. */
  const toTus = async (request: FastifyRequest, reply: FastifyReply, state: TusRequestState) => {
    tusRequests.set(request.raw, state);
    reply.hijack();
    reply.raw.setHeader('cache-control', 'no-store');
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    await tus.handle(request.raw, reply.raw);
  };

  /** Refuses a body whose first bytes are not what the slot takes; the upload is dropped, nothing of it kept. */
  const sniffFirstBytes = async (request: FastifyRequest, row: UploadRow) => {
    const { kinds, label } = await expectedKinds(ctx, row);
    const head = await peek(request.raw, SNIFF_BYTES, lengthOf(request.headers['content-length']));
    if (head.length === 0) return;
    if (!kinds.includes(sniff(head))) {
      await dropUpload(ctx, row.id);
      throw new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: label });
    }
  };

  /** After a refusal the rest of the body is not wanted: the connection closes instead of draining megabytes. */
  const closeOnError = async (request: FastifyRequest, reply: FastifyReply, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      if (!reply.sent && !request.raw.readableEnded) reply.header('connection', 'close');
      throw err;
    }
  };

  await root.register(async (scope) => {
    // Upload bodies stay unread streams for tus; no other parser runs on these routes.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    scope.post(
      UPLOADS_PATH,
      { schema: { tags: ['entries'], summary: 'tus: create an upload (Upload-Length, Upload-Metadata entryId slot filename)' } },
      async (request, reply) =>
        closeOnError(request, reply, async () => {
          const actor = requireUser(request);
          if (request.headers['tus-resumable'] !== TUS_VERSION)
            throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'Tus-Resumable', code: 'REQUIRED' }]);
          let metadata: Record<string, string | null>;
          try {
            metadata = Metadata.parse(request.headers['upload-metadata'] as string | undefined);
          } catch {
            throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'Upload-Metadata', code: 'INVALID' }]);
          }
          const row = await startUpload(ctx, actor, { metadata, length: lengthOf(request.headers['upload-length']) });
          // creation-with-upload: bytes in the POST itself are sniffed like a first PATCH.
          if (lengthOf(request.headers['content-length'])) await sniffFirstBytes(request, row);
          await toTus(request, reply, { locale: requestLocale(request), uploadId: row.id });
        }),
    );

    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${UPLOADS_PATH}/:id`,
      schema: {
        tags: ['entries'],
        summary: 'tus: offset (HEAD), bytes (PATCH), cancel (DELETE)',
        params: z.object({ id: z.string() }),
      },
      handler: async (request, reply) =>
        closeOnError(request, reply, async () => {
          const actor = requireUser(request);
          const row = await findOwnUpload(ctx, actor, (request.params as { id: string }).id);
          const finished = () =>
            reply
              .status(request.method === 'HEAD' ? 200 : 204)
              .headers({
                'tus-resumable': TUS_VERSION,
                'upload-offset': row.size,
                'upload-length': row.size,
                'cache-control': 'no-store',
              })
              .send();
          if (request.method === 'DELETE') {
            if (!row.fileId) await dropUpload(ctx, row.id);
            return void (await reply.status(204).header('tus-resumable', TUS_VERSION).send());
          }
          if (row.fileId) return void (await finished());
          if (request.method === 'HEAD') {
            // Every byte arrived but the finish did not run to the end (a node stopped): finish now, not never.
            const held = await ctx.storage.uploads.getUpload(row.id).catch(() => null);
            if (held && held.size !== undefined && held.offset === held.size) {
              await finishUpload(ctx, row.id);
              return void (await finished());
            }
          }
          if (request.method === 'PATCH' && request.headers['upload-offset'] === '0') await sniffFirstBytes(request, row);
          await toTus(request, reply, { locale: requestLocale(request) });
        }),
    });
  });
}
