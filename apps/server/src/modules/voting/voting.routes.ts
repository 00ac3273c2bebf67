import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import { fraudRoutes } from './fraud.routes.ts';
import { liveRoutes } from './live.routes.ts';
import { rankingRoutes } from './ranking.routes.ts';
import { rulesRoutes } from './rules.routes.ts';
import { deviceCookieHook } from './vote-guard.ts';
import { voteRoutes } from './votes.routes.ts';

/** Every voting route: casting (votes), rules, counts and rankings, the live stream, and the organizer's fraud tools. */
export const votingRoutes: FastifyPluginAsync<{ redis?: Redis | null; namespace?: string }> = async (app, options) => {
  // The device cookie (a fraud signal) on the vote, the vote card and the challenge, before any of their handlers.
  app.addHook('onRequest', deviceCookieHook);
  await app.register(voteRoutes);
  await app.register(rulesRoutes);
  await app.register(rankingRoutes);
  await app.register(liveRoutes);
  await app.register(fraudRoutes, { redis: options.redis ?? null, namespace: options.namespace ?? 'default' });
};
