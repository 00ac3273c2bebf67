import { type NoticeRef, renderRef } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { users } from '../accounts/index.ts';
import { entries } from '../entries/index.ts';
import { notify } from '../notifications/index.ts';
import { campaignTitle, type ObjectionRow } from './notices.repo.ts';

export type ObjectorNotice = 'objection.received' | 'objection.infoRequested' | 'objection.upheld' | 'objection.dismissed';

/**
 * Tells the objector of a step on their objection (issue 12 item 2: "the objector is notified"), in the step's
 * transaction: a bell notice (notifications module, rendered in the reader's language) and an email — or SMS when
 * the account has no email — queued in the outbox, delivered after commit and retried. `reason` is the organizer's
 * text (not for `received`). The notice names the objector by the real name they filed under.
 */
export async function notifyObjector(input: {
  ctx: Pick<AppContext, 'outbox'>;
  tx: Tx;
  afterCommit: AfterCommit;
  objection: Pick<ObjectionRow, 'id' | 'campaignId' | 'entryId' | 'userId' | 'realName'>;
  template: ObjectorNotice;
  reason?: string;
  at: Date;
}): Promise<void> {
  const { tx, objection, at } = input;
  const [person] = await tx
    .select({ email: users.email, phone: users.phone, locale: users.locale })
    .from(users)
    .where(eq(users.id, objection.userId));
  const [entry] = await tx.select({ title: entries.title }).from(entries).where(eq(entries.id, objection.entryId));
  if (!person) return;
  const the = { name: objection.realName, campaign: await campaignTitle(tx, objection.campaignId), entry: entry?.title ?? '' };
  const message: NoticeRef =
    input.template === 'objection.received'
      ? { template: input.template, params: the }
      : { template: input.template, params: { ...the, reason: input.reason ?? '' } };
  await notify(tx, {
    userId: objection.userId,
    kind: input.template,
    ...message,
    locale: person.locale,
    link: `/objections/${objection.id}`,
    at,
  });
  const { subject, body } = renderRef(message, person.locale);
  await enqueueToPerson(input.ctx.outbox, tx, input.afterCommit, person, { subject, body }, at);
}
