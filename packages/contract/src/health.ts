import { z } from 'zod';

/** `unavailable` (HTTP 503): the database did not answer; the node keeps running and recovers by itself. */
export const ZHealth = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgresql']),
  redis: z.enum(['connected', 'disabled', 'unavailable']),
  version: z.string(),
  time: z.string(),
});
export type THealth = z.infer<typeof ZHealth>;
