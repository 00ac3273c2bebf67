import { type NoticeRef, renderRef } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { users } from '../accounts/index.ts';
import { campaigns, organizerMembers } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { notify } from '../notifications/index.ts';
import { campaignTitle, type ObjectionRow } from './notices.repo.ts';

/**
 * Tells the organizer an objection was filed (template `objection.filed`), in the filing's transaction: each
 * manager of the campaign's organizer (organizer_members role manager; screeners and platform staff are not told)
 * gets a bell notice (rendered in the reader's language, link `/objections/<id>`, the page the organizer decides on)
 * and an email, or SMS without one, queued in the outbox. The notice names the objector by the real name filed
 * under: the objector's identity is the organizer's to see, so it goes to these people and to no one else.
 */
export async function notifyOrganizer(input: {
  ctx: Pick<AppContext, 'outbox'>;
  tx: Tx;
  afterCommit: AfterCommit;
  objection: Pick<ObjectionRow, 'id' | 'campaignId' | 'entryId' | 'realName'>;
  at: Date;
}): Promise<void> {
  const { tx, objection, at } = input;
  const managers = await tx
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, locale: users.locale })
    .from(campaigns)
    .innerJoin(
      organizerMembers,
      and(eq(organizerMembers.organizationId, campaigns.organizerId), eq(organizerMembers.role, 'manager')),
    )
    .innerJoin(users, eq(users.id, organizerMembers.userId))
    .where(eq(campaigns.id, objection.campaignId))
    .orderBy(asc(users.id));
  if (managers.length === 0) return;
  const [entry] = await tx.select({ title: entries.title }).from(entries).where(eq(entries.id, objection.entryId));
  const campaign = await campaignTitle(tx, objection.campaignId);
  for (const manager of managers) {
    const message: NoticeRef = {
      template: 'objection.filed',
      params: { name: manager.name, objector: objection.realName, campaign, entry: entry?.title ?? '' },
    };
    await notify(tx, {
      userId: manager.id,
      kind: 'objection.filed',
      ...message,
      locale: manager.locale,
      link: `/objections/${objection.id}`,
      at,
    });
    const { subject, body } = renderRef(message, manager.locale);
    await enqueueToPerson(input.ctx.outbox, tx, input.afterCommit, manager, { subject, body }, at);
  }
}
