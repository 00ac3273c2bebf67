import type { FastifyInstance } from 'fastify';

/** Judging rounds: dates, scope, score sheet, materials, blind, validated as a set (issue 10). */
export async function roundRoutes(_app: FastifyInstance) {}
