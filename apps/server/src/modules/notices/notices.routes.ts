import type { FastifyInstance } from 'fastify';

/** The public notice's HTTP routes (issue 12 item 2): settings, publish, the public page, objections. */
export async function noticeRoutes(_root: FastifyInstance) {}
