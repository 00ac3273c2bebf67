import type { OperationDoc } from './operations.ts';

/**
 * The judging routes' API description (issue 10), kept beside operations.ts so the pool, round and sheet routes add
 * their lines here: keyed exactly as Fastify registers them, `'METHOD /api/path/:param'`.
 */
export const JUDGING_OPERATIONS = {
  // pool (organizer's experts)
  // rounds
  // sheets (judges' workspace)
} as const satisfies Record<string, OperationDoc>;
