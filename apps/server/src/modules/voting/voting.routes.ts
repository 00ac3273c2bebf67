import type { FastifyPluginAsync } from 'fastify';
import { fraudRoutes } from './fraud.routes.ts';
import { liveRoutes } from './live.routes.ts';
import { rankingRoutes } from './ranking.routes.ts';
import { rulesRoutes } from './rules.routes.ts';
import { voteRoutes } from './votes.routes.ts';

/** Every voting route: casting (votes), rules, counts and rankings, the live stream, and the organizer's fraud tools. */
export const votingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(voteRoutes);
  await app.register(rulesRoutes);
  await app.register(rankingRoutes);
  await app.register(liveRoutes);
  await app.register(fraudRoutes);
};
