import type { FastifyInstance } from 'fastify';

/** A round's ranking, panel quality, advancement and tiers: preview, freeze, publish (issue 10). */
export async function resultRoutes(_app: FastifyInstance) {}
