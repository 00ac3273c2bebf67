import type { FastifyPluginAsync } from 'fastify';

/** Routes for vote cards, leaderboards and the popularity ranking. */
export const rankingRoutes: FastifyPluginAsync = async () => {};
