import type { FastifyInstance } from 'fastify';

/** The stage's HTTP routes (issue 11): the host's console, the judges' phones, the results. */
export async function stageRoutes(_root: FastifyInstance) {}
