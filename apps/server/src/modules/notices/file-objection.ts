import type { TObjectionInput } from '@casearena/contract';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listLiveAwards } from '../awards/index.ts';
import { assertObjectionsTaken } from './evidence.ts';
import { campaignTitle, findNotice } from './notices.repo.ts';
import { objectionEvidence, objections } from './notices.tables.ts';
import { notifyObjector } from './notify-objector.ts';
import { notifyOrganizer } from './notify-organizer.ts';

/**
 * POST /api/public/campaigns/:campaignId/notice/objections (issue 12 item 2; S3-7): anyone signed in files an
 * objection about an entry on the notice, under a real name (ZRealName: REAL_NAME_REQUIRED, checked by the schema).
 * In one transaction, on the notice's row locked for share (a finalize waits): during the period only (NOTICE_NOT_OPEN
 * before it, NOTICE_ENDED{endsAt} after its last instant), the entry holding a live award on the notice
 * (NOT_ON_NOTICE), the evidence ids the caller's own files of this campaign not attached yet (evidenceIds INVALID).
 * Then the objection is stored with its first message, the files attached, `objection.filed` audited, the
 * objector notified (objection.received) and the organizer's managers told, with the objector's real name
 * (objection.filed). Any refusal stores nothing. Returns the objection's id.
 */
export async function fileObjection(input: {
  ctx: AppContext;
  actor: Actor;
  campaignId: string;
  body: TObjectionInput;
}): Promise<string> {
  const { ctx, actor, campaignId, body } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    await campaignTitle(tx, campaignId);
    assertObjectionsTaken(await findNotice(tx, campaignId, 'share'), at);
    const onNotice = (await listLiveAwards(tx, campaignId)).some((a) => a.entryId === body.entryId);
    if (!onNotice) throw new AppError('NOT_ON_NOTICE');
    const evidenceIds = [...new Set(body.evidenceIds)];
    if (evidenceIds.length > 0) {
      const mine = await tx
        .select({ id: objectionEvidence.id })
        .from(objectionEvidence)
        .where(
          and(
            inArray(objectionEvidence.id, evidenceIds),
            eq(objectionEvidence.userId, actor.id),
            eq(objectionEvidence.campaignId, campaignId),
            isNull(objectionEvidence.objectionId),
          ),
        )
        .for('update');
      if (mine.length !== evidenceIds.length)
        throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'evidenceIds', code: 'INVALID' }]);
    }
    const [row] = await tx
      .insert(objections)
      .values({
        campaignId,
        entryId: body.entryId,
        userId: actor.id,
        realName: body.realName,
        phone: body.phone,
        text: body.text,
        messages: [{ at: at.toISOString(), from: 'objector', kind: 'filed', text: body.text, by: actor.id }],
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    if (evidenceIds.length > 0)
      await tx.update(objectionEvidence).set({ objectionId: row.id }).where(inArray(objectionEvidence.id, evidenceIds));
    await appendAudit(tx, {
      kind: 'objection.filed',
      actorId: actor.id,
      subjectType: 'objection',
      subjectId: row.id,
      campaignId,
      data: { entryId: body.entryId, state: 'open', version: row.version, evidenceIds },
      at,
    });
    await notifyObjector({ ctx, tx, afterCommit, objection: row, template: 'objection.received', at });
    await notifyOrganizer({ ctx, tx, afterCommit, objection: row, at });
    return row.id;
  });
}
