import type { TNoticeSettingsInput } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { noticePhase } from './notice-period.ts';
import { assertOrganizer, whyNotEdit } from './notices.policy.ts';
import { campaignTitle, findNotice } from './notices.repo.ts';
import { notices } from './notices.tables.ts';

/**
 * PUT /api/campaigns/:campaignId/notice (issue 12 item 2): the organizer sets the period (N natural or working days)
 * and the contact while the notice is a draft (WRONG_STATUS after publishing). Version 0 creates the notice (a
 * second creator meets STALE_VERSION); later saves compare-and-set on the version. Audited `notice.settings_updated`
 * with the values saved, in the same transaction.
 */
export async function saveNoticeSettings(input: {
  ctx: AppContext;
  actor: Actor | null;
  campaignId: string;
  body: TNoticeSettingsInput;
}): Promise<void> {
  const { ctx, campaignId, body } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx) => {
    await campaignTitle(tx, campaignId);
    const actor = await assertOrganizer(tx, input.actor, campaignId);
    const notice = await findNotice(tx, campaignId, 'update');
    const refusal = whyNotEdit(true, noticePhase(notice, at));
    if (refusal) throw new AppError(refusal);
    const { version, ...settings } = body;
    let saved: { version: number } | undefined;
    if (!notice) {
      if (version !== 0) throw new AppError('STALE_VERSION');
      [saved] = await tx
        .insert(notices)
        .values({ campaignId, ...settings, createdAt: at, updatedAt: at })
        .onConflictDoNothing()
        .returning({ version: notices.version });
    } else {
      [saved] = await tx
        .update(notices)
        .set({ ...settings, version: sql`${notices.version} + 1`, updatedAt: at })
        .where(and(eq(notices.campaignId, campaignId), eq(notices.state, 'draft'), eq(notices.version, version)))
        .returning({ version: notices.version });
    }
    if (!saved) throw new AppError('STALE_VERSION');
    await appendAudit(tx, {
      kind: 'notice.settings_updated',
      actorId: actor.id,
      subjectType: 'notice',
      subjectId: campaignId,
      campaignId,
      data: { version: saved.version, ...settings },
      at,
    });
  });
}
