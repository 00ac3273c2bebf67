import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { type Config, loadConfig } from './config.ts';
import { accountRoutes, findActor } from './modules/accounts/index.ts';
import { awardsRoutes, certificateRoutes } from './modules/awards/index.ts';
import { campaignRoutes } from './modules/campaigns/index.ts';
import { entryRoutes } from './modules/entries/index.ts';
import { healthRoutes } from './modules/health/index.ts';
import { judgingRoutes } from './modules/judging/index.ts';
import { noticeRoutes } from './modules/notices/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { accountOrgFacts, ensureRegions, orgRoutes } from './modules/orgs/index.ts';
import { stageRoutes, stageStreamRoutes } from './modules/stage/index.ts';
import { votingRoutes } from './modules/voting/index.ts';
import { swaggerOptions } from './openapi/document.ts';
import { createIdentityCache } from './platform/auth/identity-cache.ts';
import { type Clock, systemClock } from './platform/clock/index.ts';
import type { AppContext } from './platform/context.ts';
import { type Database, openDatabase } from './platform/db/client.ts';
import { authHook } from './platform/http/auth-hook.ts';
import { errorHandler, requestLocale, sendError } from './platform/http/errors.ts';
import { inputGuards } from './platform/http/input-guards.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { logTransport, smtpTransport, type Transport } from './platform/mail/mail.ts';
import { outboxRoutes } from './platform/outbox/outbox.routes.ts';
import { createOutbox } from './platform/outbox/outbox.ts';
import { createLocalRealtime } from './platform/realtime/realtime.ts';
import { createRedisRealtime } from './platform/realtime/redis-realtime.ts';
import { createStorage } from './platform/storage/storage.ts';

export const VERSION = '0.1.0';
const here = path.dirname(fileURLToPath(import.meta.url));

export interface BuildAppOptions {
  config?: Partial<Config>;
  /** An already open database (tests share one per file); otherwise one is opened from the config. */
  database?: Database;
  clock?: Clock;
  transport?: Transport;
  /** Deliver the outbox from this app (default: config.outboxWorker, on). Off, messages stay queued: a node that stops. */
  outboxWorker?: boolean;
  /** `false`: silent; a stream: JSON log lines at `level` go there (tests that read the log). */
  logger?: boolean | { level: string; stream: { write(line: string): void } };
  /** Requests per minute per IP on sign-in and reset endpoints (default 20). */
  authRateLimit?: number;
  /** Separates rate-limit counters in a shared Redis (tests run several apps at once). */
  rateLimitNamespace?: string;
  /** Serve the built web app (default: when its dist folder exists). */
  serveWeb?: boolean;
  /** Told of every route as it is registered (the fuzz test enumerates them, so new routes are covered). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config: Config = { ...loadConfig(), ...options.config };
  const app = Fastify({
    logger: options.logger === false ? false : typeof options.logger === 'object' ? options.logger : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Forwarded headers only from the configured proxies (TRUSTED_PROXIES); none by default.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onConnectionError: (err) => app.log.warn({ err }, 'database connection lost; the pool reconnects on the next query'),
    }));
  if (!options.database) app.addHook('onClose', () => database.close());
  await ensureRegions(database.db);

  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true }) : null;
  redis?.on('error', (err) => app.log.warn({ err }, 'redis unavailable'));
  // Connect before serving so that health and rate limits are right from the first request; a Redis that is
  // down does not stop the platform (rate limits then fail open with a logged warning, and health says so).
  await redis?.connect().catch((err: unknown) => app.log.warn({ err }, 'redis not reachable at start-up'));
  if (redis) app.addHook('onClose', async () => void redis.disconnect());

  const transport =
    options.transport ?? (config.smtpUrl ? await smtpTransport(config.smtpUrl, config.mailFrom, app.log) : logTransport(app.log));
  const ctx: AppContext = {
    config,
    db: database.db,
    dbKind: database.kind,
    clock: options.clock ?? systemClock,
    outbox: createOutbox({ db: database.db, transport, clock: options.clock ?? systemClock, log: app.log }),
    storage: createStorage(config),
    identity: createIdentityCache(),
    // Live counts: in process, or through Redis pub/sub so that every node's open pages see every node's votes.
    realtime: redis ? createRedisRealtime({ redis, log: app.log }) : createLocalRealtime(),
    log: app.log,
  };
  app.decorate('ctx', ctx);
  app.addHook('onClose', () => ctx.realtime.close());

  await app.register(cookie);
  registerSecurityHeaders(app, { https: config.secureCookies });
  await app.register(rateLimit, {
    global: false,
    // Fail open: a Redis outage must not lock everybody out of signing in.
    skipOnError: true,
    ...(redis ? { redis, nameSpace: `casearena-rl-${options.rateLimitNamespace ?? 'default'}-` } : {}),
  });
  await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(swagger, swaggerOptions(VERSION));
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(inputGuards);
  await app.register(authHook, { loadActor: findActor });

  app.setErrorHandler(errorHandler);
  await app.register(healthRoutes, {
    version: VERSION,
    redisStatus: () => (!redis ? 'disabled' : redis.status === 'ready' ? 'connected' : 'unavailable'),
  });
  await app.register(accountRoutes, { authRateLimit: options.authRateLimit ?? 20, orgFacts: accountOrgFacts });
  await app.register(orgRoutes);
  await app.register(campaignRoutes);
  await app.register(entryRoutes);
  await app.register(notificationRoutes);
  // The vote guard counts in Redis when there is one (every node sees the same rates).
  await app.register(judgingRoutes);
  await app.register(votingRoutes, { redis, namespace: options.rateLimitNamespace ?? 'default' });
  await app.register(stageRoutes);
  await app.register(stageStreamRoutes);
  await app.register(awardsRoutes);
  await app.register(noticeRoutes);
  await app.register(certificateRoutes);
  await app.register(outboxRoutes);
  if ((options.outboxWorker ?? config.outboxWorker) !== false) {
    ctx.outbox.start();
    // onClose hooks run last-registered first: the worker finishes its delivery before the database closes.
    app.addHook('onClose', () => ctx.outbox.stop());
  }

  const webDist = config.webDist ?? path.resolve(here, '../../web/dist');
  const serveWeb = options.serveWeb ?? fs.existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !serveWeb || request.method !== 'GET') {
      return sendError(reply, requestLocale(request), 'NOT_FOUND');
    }
    // Client-side routes: every page path answers with the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
