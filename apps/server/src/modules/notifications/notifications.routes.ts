import { type Locale, pickLocale, ZNotifications } from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { listNotifications, markRead } from './notifications.ts';

export async function notificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  app.get('/api/notifications', { schema: { tags: ['notifications'], response: { 200: ZNotifications } } }, async (request) =>
    listNotifications(ctx.db, requireUser(request).id, readerLocale(request)),
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], response: { 200: ZNotifications } } },
    async (request) => {
      const actor = requireUser(request);
      await markRead(ctx.db, actor.id, 'all', ctx.clock.now());
      return listNotifications(ctx.db, actor.id, readerLocale(request));
    },
  );

  app.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['notifications'], params: z.object({ id: z.string().uuid() }), response: { 200: ZNotifications } } },
    async (request) => {
      const actor = requireUser(request);
      await markRead(ctx.db, actor.id, request.params.id, ctx.clock.now());
      return listNotifications(ctx.db, actor.id, readerLocale(request));
    },
  );
}

/**
 * The language the bell is read in: the one on the reader's screen (the web sends it as Accept-Language), else the
 * profile's saved locale. Right after a language switch the two may differ until the profile is saved.
 */
function readerLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return header ? pickLocale(header) : requireUser(request).locale;
}
