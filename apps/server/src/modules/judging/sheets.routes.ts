import type { FastifyInstance } from 'fastify';

/** The judges' workspace: assigned entries, score sheet drafts, submit, abstain (issue 10). */
export async function sheetRoutes(_app: FastifyInstance) {}
