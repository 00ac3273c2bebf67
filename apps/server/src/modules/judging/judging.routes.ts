import type { FastifyPluginAsync } from 'fastify';
import { assignmentRoutes } from './assignments.routes.ts';
import { poolRoutes } from './pool.routes.ts';
import { resultRoutes } from './results.routes.ts';
import { roundMaterialRoutes } from './round-materials.routes.ts';
import { roundRoutes } from './rounds.routes.ts';
import { sheetRoutes } from './sheets.routes.ts';

/** Every judging route: the expert pool, the rounds, assignment, the judges' score sheets, and the results. */
export const judgingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(poolRoutes);
  await app.register(roundRoutes);
  await app.register(assignmentRoutes);
  await app.register(sheetRoutes);
  await app.register(resultRoutes);
  await app.register(roundMaterialRoutes);
};
