import type { FastifyPluginAsync } from 'fastify';
import { poolRoutes } from './pool.routes.ts';
import { roundRoutes } from './rounds.routes.ts';
import { sheetRoutes } from './sheets.routes.ts';

/** Every judging route: the organizer's expert pool, the rounds, and the judges' score sheets. */
export const judgingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(poolRoutes);
  await app.register(roundRoutes);
  await app.register(sheetRoutes);
};
