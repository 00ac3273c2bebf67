import { z } from 'zod';

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  redis: z.enum(['connected', 'disabled', 'unavailable']),
  version: z.string(),
  time: z.string(),
});
export type THealth = z.infer<typeof ZHealth>;
