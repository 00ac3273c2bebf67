import type { OperationDoc } from './operations.ts';

/** The awards routes' API description (issue 12), keyed exactly as Fastify registers them; spread into OPERATIONS. */
export const AWARDS_OPERATIONS = {} satisfies Record<string, OperationDoc>;
