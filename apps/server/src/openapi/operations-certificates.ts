import type { OperationDoc } from './operations.ts';

/** The certificates routes' API description (issue 12), keyed exactly as Fastify registers them; spread into OPERATIONS. */
export const CERTIFICATES_OPERATIONS = {} satisfies Record<string, OperationDoc>;
