import type { FastifyPluginAsync } from 'fastify';

/** Routes for casting a vote (POST /api/entries/:entryId/votes). */
export const voteRoutes: FastifyPluginAsync = async () => {};
