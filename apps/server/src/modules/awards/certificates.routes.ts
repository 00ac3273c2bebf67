import type { FastifyInstance } from 'fastify';

/** The certificates' HTTP routes (issue 12 item 4): design, issue, PDFs, zip, revocation, public verification. */
export async function certificateRoutes(_root: FastifyInstance) {}
