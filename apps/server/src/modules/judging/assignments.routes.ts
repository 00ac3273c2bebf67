import type { FastifyInstance } from 'fastify';

/** Assigning judges to a round's entries: plan -> preview -> apply, manual changes, Excel export/import (issue 10). */
export async function assignmentRoutes(_app: FastifyInstance) {}
