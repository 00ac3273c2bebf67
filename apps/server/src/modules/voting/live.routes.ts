import type { FastifyPluginAsync } from 'fastify';

/** Routes for the live count stream (SSE). */
export const liveRoutes: FastifyPluginAsync = async () => {};
