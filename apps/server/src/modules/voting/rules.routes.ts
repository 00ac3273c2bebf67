import type { FastifyPluginAsync } from 'fastify';

/** Routes for the campaign's vote rules. */
export const rulesRoutes: FastifyPluginAsync = async () => {};
