import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { awardsAccess } from './awards.policy.ts';
import { certificates } from './awards.tables.ts';
import { whyNotRevoke } from './certificate.policy.ts';

/**
 * POST /api/certificates/:certificateId/revoke (issue 12 item 4, X-7): the organizer's manager withdraws a
 * certificate with a written reason. On the locked row: anyone else NOT_FOUND, one already revoked WRONG_STATUS;
 * the write is a compare-and-set on `revoked_at is null` and appends certificate.revoked (number, reason) in the
 * same transaction. From then on the verification page says "revoked", with the day and the reason.
 */
export async function revokeCertificate(input: { ctx: AppContext; actor: Actor; certificateId: string; reason: string }) {
  const { ctx, actor, certificateId, reason } = input;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(certificates).where(eq(certificates.id, certificateId)).for('update');
    if (!row || !(await awardsAccess(tx, actor, row.campaignId))) throw new AppError('NOT_FOUND');
    const refusal = whyNotRevoke(true, row);
    if (refusal) throw new AppError(refusal);
    const [updated] = await tx
      .update(certificates)
      .set({ revokedAt: at, revokedBy: actor.id, revokeReason: reason })
      .where(and(eq(certificates.id, certificateId), isNull(certificates.revokedAt)))
      .returning();
    if (!updated) throw new AppError('WRONG_STATUS');
    await appendAudit(tx, {
      kind: 'certificate.revoked',
      actorId: actor.id,
      subjectType: 'certificate',
      subjectId: certificateId,
      campaignId: row.campaignId,
      data: { number: row.number, reason },
      at,
    });
    return updated;
  });
}
