import type { TJudgeAcceptInput, TJudgeInvitation } from '@casearena/contract';
import { and, eq, notInArray } from 'drizzle-orm';
import { tokenHash } from '../../platform/auth/sessions.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Db, Queryable, Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findUserIdByIdentifier, registerUser } from '../accounts/index.ts';
import { writeConflicts } from './judges-conflicts.ts';
import { organizationNameOf } from './judges-invite.ts';
import { judges } from './judging.tables.ts';
import { whyNotAcceptInvitation } from './pool.policy.ts';
import { findJudge, type JudgeRow, lockJudgeByToken } from './pool.repo.ts';
import { checkSpecialties } from './pool-specialties.ts';
import { transitionJudge } from './transition-judge.ts';

/** The account that answers for this invitation: the one linked when invited, else one using an invited address now. */
async function accountOf(db: Queryable, judge: Pick<JudgeRow, 'userId' | 'email' | 'mobile'>): Promise<string | null> {
  if (judge.userId) return judge.userId;
  return (
    (judge.email ? await findUserIdByIdentifier(db, judge.email) : null) ??
    (judge.mobile ? await findUserIdByIdentifier(db, judge.mobile) : null)
  );
}

/** GET /api/judging/invitations/:token: an open invitation as its page shows it; any other token is INVITE_INVALID. */
export async function readJudgeInvitation(db: Db, actor: Actor | null, token: string): Promise<TJudgeInvitation> {
  const [row] = await db
    .select({ id: judges.id })
    .from(judges)
    .where(eq(judges.inviteTokenHash, tokenHash(token)));
  const judge = row ? await findJudge(db, row.id) : null;
  if (judge?.status !== 'invited') throw new AppError('INVITE_INVALID');
  const accountId = await accountOf(db, judge);
  return {
    organizer: judge.organizer,
    name: judge.name,
    email: judge.email,
    mobile: judge.mobile,
    organization: judge.organization,
    organizationName: judge.organizationName,
    title: judge.title,
    specialties: judge.specialties,
    invitedBy: judge.invitedBy?.name ?? null,
    invitedAt: judge.invitedAt,
    account: accountId ? (actor?.id === accountId ? 'signedIn' : 'signIn') : actor ? 'signedIn' : 'create',
    abilities: { accept: whyNotAcceptInvitation(accountId, actor) ?? true, decline: true },
  };
}

/**
 * The invited expert answers by the link (issue 10 item 1). The token is looked up by its hash with the row locked;
 * an unknown, used or withdrawn token is INVITE_INVALID (every answer clears the hash: single use).
 *
 * Declining needs only the link. Accepting links the account (`whyNotAcceptInvitation`): the one using an invited
 * address, signed in; else the signed-in holder of the link (JUDGE_ALREADY_IN_POOL if that account is in the pool
 * already); else a new account with the invitation's name, email and mobile and the password given (`password`
 * REQUIRED without one), made in the same transaction so a refused acceptance leaves no account. The expert's
 * corrections (unit, title, specialties) and declared conflicts are written with the acceptance. Returns the judge's id
 * and the account's.
 */
export async function answerJudgeInvitation(
  ctx: AppContext,
  input: { actor: Actor | null; token: string; answer: 'accept' | 'decline'; body?: TJudgeAcceptInput },
): Promise<{ judgeId: string; userId: string | null }> {
  const { actor } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const judge = await lockJudgeByToken(tx, tokenHash(input.token));
    if (judge?.status !== 'invited') throw new AppError('INVITE_INVALID');
    const base = { tx, afterCommit, actor, id: judge.id, organizerId: judge.organizerId, from: judge.status, at } as const;
    if (input.answer === 'decline') {
      await transitionJudge({ ...base, to: 'declined', version: judge.version });
      return { judgeId: judge.id, userId: judge.userId };
    }
    const body = input.body ?? {};
    const linked = await accountOf(tx, judge);
    const refusal = whyNotAcceptInvitation(linked, actor);
    if (refusal) throw new AppError(refusal);
    const existing = linked ?? actor?.id ?? null;
    if (existing && existing !== judge.userId && (await otherRowOf(tx, judge, existing))) {
      throw new AppError('JUDGE_ALREADY_IN_POOL');
    }
    if (body.organizationId && !(await organizationNameOf(tx, body.organizationId))) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'organizationId', code: 'INVALID_CHOICE' }]);
    }
    if (body.specialties) await checkSpecialties(tx, judge.organizerId, body.specialties, 'specialties');
    const userId = existing ?? (await newAccount(ctx, tx, judge, body.password));
    // Who accepted: the signed-in caller, or the person whose account was made just now.
    const self: Actor = actor ?? { id: userId, name: judge.name, role: 'user', locale: 'zh-CN', organizationId: null };
    const unit =
      body.organizationId !== undefined || body.organizationName !== undefined
        ? {
            organizationId: body.organizationId ?? null,
            organizationName: body.organizationId ? '' : (body.organizationName ?? ''),
          }
        : {};
    const { version } = await transitionJudge({
      ...base,
      actor: self,
      to: 'active',
      version: judge.version,
      set: {
        userId,
        ...unit,
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.specialties !== undefined ? { specialties: body.specialties } : {}),
      },
    });
    if (body.conflicts) {
      const row = { ...judge, status: 'active' as const, userId, version };
      await writeConflicts({ tx, actor: self, judge: row, items: body.conflicts, path: 'conflicts', at });
    }
    return { judgeId: judge.id, userId };
  });
}

/** Another live row of this account in the same organizer's pool (declined and removed rows do not count). */
async function otherRowOf(tx: Tx, judge: JudgeRow, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: judges.id })
    .from(judges)
    .where(
      and(
        eq(judges.organizerId, judge.organizerId),
        eq(judges.userId, userId),
        notInArray(judges.status, ['declined', 'removed']),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * The expert's new account, through accounts' registerUser run on this transaction (its own transaction becomes a
 * savepoint), so that it exists exactly when the acceptance does; `user.registered` is audited by accounts.
 */
async function newAccount(ctx: AppContext, tx: Tx, judge: JudgeRow, password: string | undefined): Promise<string> {
  if (!password) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'password', code: 'REQUIRED' }]);
  const user = await registerUser(
    { ...ctx, db: tx as unknown as Db },
    {
      name: judge.name,
      password,
      ...(judge.email ? { email: judge.email } : {}),
      ...(judge.mobile ? { phone: judge.mobile } : {}),
    },
  );
  return user.id;
}
