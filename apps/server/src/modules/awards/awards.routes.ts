import type { FastifyInstance } from 'fastify';

/** The awards' HTTP routes (issue 12): rules, compute -> preview -> adjust -> freeze, honour lists, exports. */
export async function awardsRoutes(_root: FastifyInstance) {}
