import type { FastifyPluginAsync } from 'fastify';

/** Routes for the organizer's voting dashboard and voiding. */
export const fraudRoutes: FastifyPluginAsync = async () => {};
