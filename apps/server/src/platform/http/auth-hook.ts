import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { users } from '../../modules/accounts/accounts.tables.ts';
import { findSessionUserId, SESSION_COOKIE } from '../auth/sessions.ts';
import type { Actor, AppContext } from '../context.ts';
import { checkCsrf, ensureCsrfCookie } from './csrf.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: Actor | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/** Resolves the session cookie to an actor and enforces CSRF on every unsafe /api request. */
export const authHook = fp(async (app: FastifyInstance) => {
  const allowedOrigins = new Set(app.ctx.config.publicUrl ? [new URL(app.ctx.config.publicUrl).origin] : []);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    ensureCsrfCookie(request, reply, app.ctx.config.secureCookies);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const userId = await findSessionUserId(app.ctx.db, token, app.ctx.clock.now());
      if (userId) {
        const [row] = await app.ctx.db
          .select({
            id: users.id,
            name: users.name,
            role: users.role,
            locale: users.locale,
            organizationId: users.organizationId,
          })
          .from(users)
          .where(eq(users.id, userId));
        if (row) {
          request.user = row;
          request.sessionToken = token;
        }
      }
    }
    checkCsrf(request, allowedOrigins);
  });
});

export function requireUser(request: FastifyRequest): Actor {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}
