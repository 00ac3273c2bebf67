import type { TNoticeState } from '@casearena/contract';
import { formatShanghai } from '../../platform/clock/clock.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { finalizeAwardSet } from '../awards/index.ts';
import { noticeEndsAt } from './notice-period.ts';
import { noticeFacts } from './notice-view.ts';
import { assertOrganizer, whyNotFinalize, whyNotPublish } from './notices.policy.ts';
import { campaignTitle, findNotice } from './notices.repo.ts';
import { transitionNotice } from './transition-notice.ts';

/**
 * POST /api/campaigns/:campaignId/notice/actions (issue 12 item 2; S3-7). In one transaction the notice's row is
 * locked, the organizer and the step's policy decided on it, and the state written by transitionNotice with
 * compare-and-set on the version the page sent and the audit event:
 * - publish: needs saved settings and a frozen award set (AWARDS_NOT_FROZEN); the period starts now and its end is
 *   fixed (noticeEndsAt: the end of the Shanghai day N natural or working days later, day 1 the day after).
 * - finalize: needs the period over (NOTICE_NOT_ENDED{endsAt}) and every objection closed (OBJECTIONS_OPEN{count});
 *   writes open -> ended if no write has yet (the phase is derived from the clock), then ended -> final, and the
 *   awards writer finalizes the award set in the same transaction (finalizeAwardSet), so the results are final
 *   exactly when the notice is.
 */
export async function noticeAction(input: {
  ctx: AppContext;
  actor: Actor | null;
  campaignId: string;
  body: { action: 'publish' | 'finalize'; version: number };
}): Promise<void> {
  const { ctx, campaignId, body } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    await campaignTitle(tx, campaignId);
    const actor = await assertOrganizer(tx, input.actor, campaignId);
    const notice = await findNotice(tx, campaignId, 'update');
    const facts = await noticeFacts(tx, campaignId, notice, at);
    const base = { tx, actor, campaignId, at };
    if (body.action === 'publish') {
      const refusal = whyNotPublish(true, facts);
      if (refusal || !notice) throw new AppError(refusal ?? 'WRONG_STATUS');
      const endsAt = noticeEndsAt(at, notice.days, notice.dayKind);
      await transitionNotice({
        ...base,
        from: 'draft',
        to: 'open',
        version: body.version,
        patch: { startsAt: at, endsAt },
        data: { startsAt: at.toISOString(), endsAt: endsAt.toISOString(), days: notice.days, dayKind: notice.dayKind },
      });
      return;
    }
    const refusal = whyNotFinalize(true, facts);
    if (refusal === 'NOTICE_NOT_ENDED') throw new AppError(refusal, { endsAt: formatShanghai(notice?.endsAt as Date) });
    if (refusal === 'OBJECTIONS_OPEN') throw new AppError(refusal, { count: facts.openObjections });
    if (refusal || !notice) throw new AppError(refusal ?? 'WRONG_STATUS');
    let version = body.version;
    let from: TNoticeState = notice.state;
    if (from === 'open') {
      version = await transitionNotice({ ...base, from, to: 'ended', version, data: { endsAt: notice.endsAt?.toISOString() } });
      from = 'ended';
    }
    await transitionNotice({ ...base, from, to: 'final', version, patch: { finalAt: at } });
    await finalizeAwardSet({ ctx, tx, afterCommit, actor, campaignId });
  });
}
