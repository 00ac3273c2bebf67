import { ZOutboxList, ZOutboxQuery } from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../context.ts';
import { requireUser } from '../http/auth-hook.ts';
import { AppError } from '../http/errors.ts';
import { listOutbox, retryMessage } from './outbox-admin.ts';

/** Platform staff only (the `manageOutbox` ability): the delivery state of every mail and SMS. */
function requireStaff(actor: Actor): Actor {
  if (actor.role !== 'staff' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  return actor;
}

export async function outboxRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  app.get(
    '/api/admin/outbox',
    { schema: { tags: ['admin'], querystring: ZOutboxQuery, response: { 200: ZOutboxList } } },
    async (request) => {
      requireStaff(requireUser(request));
      return listOutbox(ctx.db, request.query.status);
    },
  );

  app.post(
    '/api/admin/outbox/:id/retry',
    { schema: { tags: ['admin'], params: z.object({ id: z.string().uuid() }), response: { 200: ZOutboxList } } },
    async (request) => {
      const actor = requireStaff(requireUser(request));
      await retryMessage(ctx, actor, request.params.id);
      return listOutbox(ctx.db, undefined);
    },
  );
}
