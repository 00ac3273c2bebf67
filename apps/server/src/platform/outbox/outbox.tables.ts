import { OUTBOX_STATUSES } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant } from '../db/columns.ts';

/**
 * Every message the platform sends (mail, SMS), written in the same transaction as the change it reports and
 * delivered after commit by the outbox worker (platform/outbox/worker.ts). `pending` waits for `next_attempt_at`;
 * `sending` is claimed by one worker until `lease_until`; `sent` is done; `failed` gave up after the last attempt
 * (staff may retry it).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().default(sql`now()`),
    leaseUntil: instant('lease_until'),
    sentAt: instant('sent_at'),
    /** The last delivery error (the column kept its first name, `error`). */
    lastError: text('error'),
  },
  (t) => [index('outbox_recipient_idx').on(t.recipient, t.createdAt), index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);
