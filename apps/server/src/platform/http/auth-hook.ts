import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { findSession, SESSION_COOKIE, tokenHash } from '../auth/sessions.ts';
import type { Actor, AppContext } from '../context.ts';
import type { Db } from '../db/client.ts';
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

export interface AuthHookOptions {
  /** Loads a session's user; given by app.ts from the accounts module, because platform/ imports no module. */
  loadActor: (db: Db, userId: string) => Promise<Actor | null>;
}

/** Resolves the session cookie to an actor and enforces CSRF on every unsafe /api request. */
export const authHook = fp(async (app: FastifyInstance, options: AuthHookOptions) => {
  const allowedOrigins = new Set(app.ctx.config.publicUrl ? [new URL(app.ctx.config.publicUrl).origin] : []);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    ensureCsrfCookie(request, reply, app.ctx.config.secureCookies);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.user = await resolveActor(app.ctx, token, options.loadActor);
      if (request.user) request.sessionToken = token;
    }
    checkCsrf(request, allowedOrigins);
  });
});

/** The session's user, from the identity cache when it is fresh, else from the database. */
async function resolveActor(ctx: AppContext, token: string, loadActor: AuthHookOptions['loadActor']): Promise<Actor | null> {
  const now = ctx.clock.now();
  const hash = tokenHash(token);
  const cached = ctx.identity.actor(hash, now.getTime());
  if (cached) return cached;
  const session = await findSession(ctx.db, token, now);
  if (!session) return null;
  const row = await loadActor(ctx.db, session.userId);
  if (!row) return null;
  ctx.identity.rememberActor(hash, row, session.expiresAt, now.getTime());
  return row;
}

export function requireUser(request: FastifyRequest): Actor {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}
