import type { OperationDoc } from './operations.ts';

/** The notices routes' API description (issue 12), keyed exactly as Fastify registers them; spread into OPERATIONS. */
export const NOTICES_OPERATIONS = {} satisfies Record<string, OperationDoc>;
