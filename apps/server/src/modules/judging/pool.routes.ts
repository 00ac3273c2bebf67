import type { FastifyInstance } from 'fastify';

/** The organizer's expert pool: invitations, acceptance, declared conflicts, panels and lead judges (issue 10). */
export async function poolRoutes(_app: FastifyInstance) {}
