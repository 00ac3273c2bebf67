import type { FastifyInstance } from 'fastify';

/** The stage's public screen and its live stream (issue 11 item 4). */
export async function stageStreamRoutes(_root: FastifyInstance) {}
