import { z } from 'zod';
import { ZId, ZIsoDateTime } from './fields.ts';

/**
 * The outbox as platform staff see it: every mail and SMS with its delivery state. `pending` waits for its next
 * attempt, `sending` is being delivered, `sent` is done, `failed` gave up after the last attempt (retry it).
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const ZOutboxQuery = z.object({ status: z.enum(OUTBOX_STATUSES).optional() });

/** A message without its body: bodies may hold one-time codes, which staff have no need to read. */
export const ZOutboxMessage = z.object({
  id: ZId,
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  createdAt: ZIsoDateTime,
  nextAttemptAt: ZIsoDateTime,
  sentAt: ZIsoDateTime.nullable(),
  lastError: z.string().nullable(),
});
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;

export const ZOutboxList = z.object({
  counts: z.object({ pending: z.number().int(), sending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  /** Newest first, at most 100, of the chosen status (all statuses when none). */
  items: z.array(ZOutboxMessage),
});
export type TOutboxList = z.infer<typeof ZOutboxList>;
