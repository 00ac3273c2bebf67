import { randomBytes } from 'node:crypto';
import { renderNotice, type TJudgeInviteInput } from '@casearena/contract';
import { and, eq, or } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { tokenHash } from '../../platform/auth/sessions.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { type AfterCommit, inTransaction, uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { findUserIdByIdentifier, users } from '../accounts/index.ts';
import { organizations } from '../orgs/index.ts';
import { judges } from './judging.tables.ts';
import { poolAccess, whyNotManagePool, whyNotReinviteJudge } from './pool.policy.ts';
import { lockJudge } from './pool.repo.ts';
import { checkSpecialties } from './pool-specialties.ts';
import { transitionJudge } from './transition-judge.ts';

const POOL_CONSTRAINTS = new Set(['judges_organizer_email_key', 'judges_organizer_mobile_key']);

/** The page a link in the invitation opens (the web app's route); absolute when the public address is configured. */
export const invitationLink = (publicUrl: string | undefined, token: string) =>
  `${(publicUrl ?? '').replace(/\/$/, '')}/judging/invitations/${token}`;

/** A registered organization's name, or null when there is none with this id. */
export async function organizationNameOf(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return row?.name ?? null;
}

/**
 * An organizer's manager (or platform staff) invites an expert into the pool by email and/or mobile number (issue 10
 * item 1). An account that uses either address is linked at once; otherwise the account is made when the expert
 * accepts. Refuses someone already in the pool by either address or by the linked account (JUDGE_ALREADY_IN_POOL,
 * backed by the table's unique keys), an unknown unit (VALIDATION_FAILED, `organizationId` INVALID_CHOICE); to a
 * caller outside the organizer the pool is NOT_FOUND, a screener gets FORBIDDEN. Writes `judge.invited` and queues
 * the invitation (mail, else SMS) with a single-use link whose token is stored only as a hash.
 */
export async function inviteJudge(
  ctx: AppContext,
  input: { actor: Actor; organizerId: string; invite: TJudgeInviteInput },
): Promise<string> {
  const { actor, organizerId, invite } = input;
  const at = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  try {
    return await inTransaction(ctx.db, async (tx, afterCommit) => {
      const organizerName = await organizationNameOf(tx, organizerId);
      const refusal = organizerName ? whyNotManagePool(await poolAccess(tx, actor, organizerId)) : 'NOT_FOUND';
      if (refusal) throw new AppError(refusal);
      const organizationId = invite.organizationId ?? null;
      if (organizationId && !(await organizationNameOf(tx, organizationId))) {
        throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'organizationId', code: 'INVALID_CHOICE' }]);
      }
      await checkSpecialties(tx, organizerId, invite.specialties, 'specialties');
      const email = invite.email ?? null;
      const mobile = invite.mobile ?? null;
      const userId =
        (email ? await findUserIdByIdentifier(tx, email) : null) ?? (mobile ? await findUserIdByIdentifier(tx, mobile) : null);
      if (await alreadyInPool(tx, organizerId, { email, mobile, userId })) throw new AppError('JUDGE_ALREADY_IN_POOL');
      const [row] = await tx
        .insert(judges)
        .values({
          organizerId,
          userId,
          name: invite.name,
          email,
          mobile,
          organizationId,
          organizationName: organizationId ? '' : (invite.organizationName ?? ''),
          title: invite.title ?? null,
          specialties: invite.specialties,
          status: 'invited',
          inviteTokenHash: tokenHash(token),
          invitedBy: actor.id,
          invitedAt: at,
        })
        .returning({ id: judges.id });
      if (!row) throw new AppError('INTERNAL');
      await appendAudit(tx, {
        kind: 'judge.invited',
        actorId: actor.id,
        subjectType: 'judge',
        subjectId: row.id,
        data: { organizerId, userId, by: email ? 'email' : 'mobile' },
        at,
      });
      await notifyInvitee(ctx, tx, afterCommit, {
        to: { email, phone: mobile },
        userId,
        params: {
          name: invite.name,
          organizer: organizerName as string,
          inviter: actor.name,
          link: invitationLink(ctx.config.publicUrl, token),
        },
        at,
      });
      return row.id;
    });
  } catch (err) {
    if (POOL_CONSTRAINTS.has(uniqueViolation(err) ?? '')) throw new AppError('JUDGE_ALREADY_IN_POOL');
    throw err;
  }
}

/**
 * POST /api/judges/:judgeId/reinvite: a manager invites a declined or removed expert again, to the email or mobile on
 * the row (issue 10 item 1). `whyNotReinviteJudge` on the locked row: NOT_FOUND outside the organizer, FORBIDDEN for
 * a screener or the judge themself, WRONG_STATUS for an invited or active judge; a `version` other than the row's is
 * STALE_VERSION. transitionJudge moves the row back to invited with a new token's hash (`judge.reinvited`, audited),
 * and the invitation is queued as the first one was. A link sent before stays INVITE_INVALID: its hash was cleared
 * when the expert answered or was removed. Re-seating on panels is the manager's, after the expert accepts.
 */
export async function reinviteJudge(ctx: AppContext, input: { actor: Actor; judgeId: string; version?: number | undefined }) {
  const { actor } = input;
  const at = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const judge = await lockJudge(tx, input.judgeId);
    if (!judge) throw new AppError('NOT_FOUND');
    const refusal = whyNotReinviteJudge(await poolAccess(tx, actor, judge.organizerId), actor, judge);
    if (refusal) throw new AppError(refusal);
    if (input.version !== undefined && input.version !== judge.version) throw new AppError('STALE_VERSION');
    await transitionJudge({
      tx,
      afterCommit,
      actor,
      id: judge.id,
      organizerId: judge.organizerId,
      from: judge.status,
      to: 'invited',
      version: judge.version,
      at,
      reinvitation: { tokenHash: tokenHash(token), invitedBy: actor.id },
      data: { by: judge.email ? 'email' : 'mobile' },
    });
    await notifyInvitee(ctx, tx, afterCommit, {
      to: { email: judge.email, phone: judge.mobile },
      userId: judge.userId,
      params: {
        name: judge.name,
        organizer: (await organizationNameOf(tx, judge.organizerId)) ?? '',
        inviter: actor.name,
        link: invitationLink(ctx.config.publicUrl, token),
      },
      at,
    });
  });
}

/** Someone is in the pool already under this email or mobile number, or with this account. */
async function alreadyInPool(
  tx: Tx,
  organizerId: string,
  who: { email: string | null; mobile: string | null; userId: string | null },
): Promise<boolean> {
  const same = [
    who.email ? eq(judges.email, who.email) : null,
    who.mobile ? eq(judges.mobile, who.mobile) : null,
    who.userId ? eq(judges.userId, who.userId) : null,
  ].filter((c) => c !== null);
  const [row] = await tx
    .select({ id: judges.id })
    .from(judges)
    .where(and(eq(judges.organizerId, organizerId), or(...same)))
    .limit(1);
  return Boolean(row);
}

/**
 * Queues the invitation in the transaction (the outbox delivers it after commit) to the address the manager typed:
 * mail when there is one, else SMS; in the linked account's language, Chinese for someone without an account.
 */
async function notifyInvitee(
  ctx: AppContext,
  tx: Tx,
  afterCommit: AfterCommit,
  n: {
    to: { email: string | null; phone: string | null };
    userId: string | null;
    params: { name: string; organizer: string; inviter: string; link: string };
    at: Date;
  },
): Promise<void> {
  const [user] = n.userId ? await tx.select({ locale: users.locale }).from(users).where(eq(users.id, n.userId)) : [];
  const { subject, body } = renderNotice('judge.invited', n.params, user?.locale ?? 'zh-CN');
  await enqueueToPerson(ctx.outbox, tx, afterCommit, n.to, { subject, body }, n.at);
}
