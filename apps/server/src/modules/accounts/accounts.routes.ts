import {
  type CertificationLevel,
  type TMe,
  ZLoginInput,
  ZMe,
  ZRegisterInput,
  ZResetConfirmInput,
  ZResetRequestInput,
  ZUpdateProfileInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS, tokenHash } from '../../platform/auth/sessions.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { abilitiesOf } from './accounts.policy.ts';
import { presentUser } from './accounts.presenter.ts';
import { findUserById } from './accounts.repo.ts';
import { logIn } from './log-in.ts';
import { registerUser } from './register-user.ts';
import { requestPasswordReset, resetPassword } from './reset-password.ts';
import { updateProfile } from './update-profile.ts';

const ZAccepted = z.object({ ok: z.literal(true) });
const ZCsrf = z.object({ csrfToken: z.string() });

export interface AccountRouteOptions {
  /** Requests per minute per IP on the sign-in and reset endpoints. */
  authRateLimit: number;
  /**
   * The user's organization name and certification level, which the orgs module knows. app.ts passes orgs'
   * accountOrgFacts, so accounts does not import orgs (orgs imports accounts).
   */
  orgFacts: (
    db: Queryable,
    user: { id: string; organizationId: string | null },
  ) => Promise<{ organizationName: string | null; certificationLevel: CertificationLevel }>;
}

export async function accountRoutes(root: FastifyInstance, opts: AccountRouteOptions) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const limited = { rateLimit: { max: opts.authRateLimit, timeWindow: '1 minute' } };

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      maxAge: SESSION_DAYS * 24 * 3600,
    });

  const me = async (actor: Pick<Actor, 'id'>): Promise<TMe> => {
    const user = await findUserById(ctx.db, actor.id);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const facts = await opts.orgFacts(ctx.db, user);
    return { user: presentUser(user, facts.organizationName, facts.certificationLevel), abilities: abilitiesOf(user) };
  };

  /**
   * The hot read: pages ask for it on every load. The validated, serialized view is cached per user, so a
   * repeat costs no query and no serialization (the cache is invalidated by every change to the user).
   */
  const meJson = async (actor: Pick<Actor, 'id'>): Promise<string> => {
    const now = ctx.clock.now().getTime();
    const cached = ctx.identity.view<string>(actor.id, now);
    if (cached) return cached;
    const json = JSON.stringify(ZMe.parse(await me(actor)));
    ctx.identity.rememberView(actor.id, json, now);
    return json;
  };

  app.get('/api/auth/csrf', { schema: { tags: ['accounts'], response: { 200: ZCsrf } } }, async (request) => ({
    csrfToken: request.cookies.ca_csrf ?? '',
  }));

  app.post(
    '/api/auth/register',
    { config: limited, schema: { tags: ['accounts'], body: ZRegisterInput, response: { 201: ZMe } } },
    async (request, reply) => {
      const user = await registerUser(ctx, request.body);
      const session = await createSession(ctx.db, {
        userId: user.id,
        now: ctx.clock.now(),
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, session.token);
      return reply.status(201).send(await me(user));
    },
  );

  app.post(
    '/api/auth/login',
    { config: limited, schema: { tags: ['accounts'], body: ZLoginInput, response: { 200: ZMe } } },
    async (request, reply) => {
      const { user, token } = await logIn(ctx, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(reply, token);
      return me(user);
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['accounts'], response: { 200: ZAccepted } } }, async (request, reply) => {
    if (request.sessionToken) {
      await deleteSession(ctx.db, request.sessionToken);
      ctx.identity.invalidateToken(tokenHash(request.sessionToken));
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.post(
    '/api/auth/password-reset/request',
    { config: limited, schema: { tags: ['accounts'], body: ZResetRequestInput, response: { 202: ZAccepted } } },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { config: limited, schema: { tags: ['accounts'], body: ZResetConfirmInput, response: { 200: ZAccepted } } },
    async (request) => {
      await resetPassword(ctx, request.body);
      return { ok: true as const };
    },
  );

  app.get('/api/me', { schema: { tags: ['accounts'], response: { 200: ZMe } } }, async (request, reply) =>
    // A string payload with a content type is sent as is, skipping the second serialization.
    reply.type('application/json; charset=utf-8').send((await meJson(requireUser(request))) as unknown as TMe),
  );

  app.patch('/api/me', { schema: { tags: ['accounts'], body: ZUpdateProfileInput, response: { 200: ZMe } } }, async (request) => {
    const actor = requireUser(request);
    await updateProfile(ctx, actor, request.body);
    return me(actor);
  });
}
