import { CERTIFICATION_TRANSITIONS, type CertificationStatus, type TCertification } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../accounts/index.ts';
import { findCertification } from './certifications.repo.ts';
import { certificationRequests } from './orgs.tables.ts';

type Decision = Exclude<CertificationStatus, 'pending'>;

const AUDIT_KIND = {
  approved: 'certification.approved',
  rejected: 'certification.rejected',
  withdrawn: 'certification.withdrawn',
} as const satisfies Record<Decision, string>;

/**
 * The one writer of a certification request's status. Checks the edge against CERTIFICATION_TRANSITIONS,
 * writes with compare-and-set (a request decided meanwhile gives WRONG_STATUS, never a double decision),
 * audits in the same transaction, and notifies the applicant after commit. Approval makes the user a member
 * of the certified organization (and records the professional title).
 */
export async function transitionCertification(
  ctx: AppContext,
  input: { actor: Actor; id: string; to: Decision; reason?: string | undefined },
): Promise<TCertification> {
  const now = ctx.clock.now();
  const from = 'pending' as const;
  if (!(CERTIFICATION_TRANSITIONS[from] as readonly CertificationStatus[]).includes(input.to)) throw new AppError('WRONG_STATUS');
  const userId = await inTransaction(
    ctx.db,
    async (tx, afterCommit) => {
      const [row] = await tx
        .update(certificationRequests)
        .set({
          status: input.to,
          decidedAt: now,
          decidedBy: input.actor.id,
          decisionReason: input.to === 'rejected' ? (input.reason ?? null) : null,
        })
        .where(and(eq(certificationRequests.id, input.id), eq(certificationRequests.status, from)))
        .returning();
      if (!row) throw new AppError('WRONG_STATUS');
      if (input.to === 'approved') {
        await tx
          .update(users)
          .set({ organizationId: row.organizationId, ...(row.title ? { title: row.title } : {}), updatedAt: now })
          .where(eq(users.id, row.userId));
      }
      await appendAudit(tx, {
        kind: AUDIT_KIND[input.to],
        actorId: input.actor.id,
        subjectType: 'certification',
        subjectId: row.id,
        data: { from, to: input.to, ...(input.reason ? { reason: input.reason } : {}) },
        at: now,
      });
      if (input.to !== 'withdrawn') afterCommit(() => notifyApplicant(ctx, row.userId, row.kind, input.to, input.reason, now));
      return row.userId;
    },
    (err) => ctx.log.error({ err }, 'certification notice failed'),
  );
  ctx.identity.invalidateUser(userId);
  return (await findCertification(ctx.db, input.id)) as TCertification;
}

async function notifyApplicant(
  ctx: AppContext,
  userId: string,
  kind: 'institution' | 'professional',
  to: Decision,
  reason: string | undefined,
  at: Date,
) {
  const [user] = await ctx.db
    .select({ email: users.email, phone: users.phone, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return;
  const what = kind === 'institution' ? '机构认证' : '医务人员专业认证';
  const body =
    to === 'approved'
      ? `${user.name}，您好：您的${what}申请已通过审核。`
      : `${user.name}，您好：您的${what}申请未通过审核。原因：${reason ?? ''}。请修改后重新提交。`;
  const subject = `CaseArena 案例擂台：${what}${to === 'approved' ? '已通过' : '未通过'}`;
  if (user.email) await ctx.sender.send({ channel: 'email', to: user.email, subject, body }, at);
  else if (user.phone) await ctx.sender.send({ channel: 'sms', to: user.phone, subject, body }, at);
}
