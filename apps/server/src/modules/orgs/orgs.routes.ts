import type { FastifyInstance } from 'fastify';

export async function orgRoutes(_root: FastifyInstance) {}
