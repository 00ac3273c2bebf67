import type { Readable } from 'node:stream';
import { ZEntryRoundMaterials, ZRoundMaterialFile } from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { entryRoundMaterials, uploadRoundMaterial } from './round-materials.ts';

/**
 * A round's own materials (issue 10 item 2; seed 002's 复审 asks its finalists for a 汇报 PPT and an MP4 <= 8 min):
 * what each round asks of an entry, for its applicants, and the upload into one slot, a multipart body with one
 * file part. Ids are checked in the handlers, so a stranger gets 404 whatever the path holds.
 */
export async function roundMaterialRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  app.get(
    '/api/entries/:entryId/round-materials',
    { schema: { tags: ['judging'], params: z.object({ entryId: z.string() }), response: { 200: ZEntryRoundMaterials } } },
    async (request) => entryRoundMaterials(ctx.db, requireUser(request), request.params.entryId),
  );

  app.post(
    '/api/judging/rounds/:roundId/entries/:entryId/materials/:slotKey',
    {
      schema: {
        tags: ['judging'],
        consumes: ['multipart/form-data'],
        params: z.object({ roundId: z.string(), entryId: z.string(), slotKey: z.string() }),
        response: { 201: ZRoundMaterialFile },
      },
    },
    async (request, reply) => {
      const file = await uploadRoundMaterial(ctx, requireUser(request), {
        ...request.params,
        file: async () => {
          const part = await request.file();
          return part?.type === 'file' ? { filename: part.filename, stream: part.file as Readable } : null;
        },
      });
      return reply.status(201).send(file);
    },
  );
}
