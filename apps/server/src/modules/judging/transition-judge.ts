import { JUDGE_TRANSITIONS, type JudgeStatus } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { judges } from './judging.tables.ts';

const AUDIT_KIND = {
  invited: 'judge.reinvited',
  active: 'judge.accepted',
  declined: 'judge.declined',
  removed: 'judge.removed',
} as const satisfies Record<JudgeStatus, string>;

/** A new invitation of a declined or removed judge: the new link's token hash and who sent it. */
export interface JudgeReinvitation {
  tokenHash: string;
  invitedBy: string;
}

/** What accepting may set with the status: the linked account and the expert's corrections of the invitation. */
export interface JudgeAcceptance {
  userId: string;
  organizationId?: string | null;
  organizationName?: string;
  title?: string | null;
  specialties?: string[];
}

/**
 * The one writer of a judge's status, inside the caller's transaction (which locked the row): checks the edge
 * against JUDGE_TRANSITIONS (WRONG_STATUS), writes with compare-and-set on status and version (a judge changed
 * meanwhile: WRONG_STATUS or STALE_VERSION), bumps the version, clears the invitation's token hash on every answer so
 * a link works once, and appends the audit event. Accepting carries the linked account (`set`). Inviting a declined
 * or removed judge again (`to: 'invited'`) needs `reinvitation`: the new token's hash replaces none (the old one was
 * cleared by the answer or the removal), the invitation's time and sender are the new ones and the answer is
 * cleared. It has no effect to run after commit; `afterCommit` is there for the shape every writer shares.
 */
export async function transitionJudge(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  /**
   * A person: the invited expert answers, a manager removes. Null for a decline by the link without signing in: the
   * event then says `via: 'invitation-link'` rather than naming anyone.
   */
  actor: Actor | null;
  id: string;
  organizerId: string;
  from: JudgeStatus;
  to: JudgeStatus;
  version: number;
  at: Date;
  set?: JudgeAcceptance;
  reinvitation?: JudgeReinvitation;
  data?: Record<string, unknown>;
}): Promise<{ version: number }> {
  const { tx, from, to, at } = input;
  if (!(JUDGE_TRANSITIONS[from] as readonly JudgeStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  if ((to === 'invited') !== Boolean(input.reinvitation)) throw new AppError('INTERNAL');
  // answered_at records the expert's answer; a manager withdrawing an open invitation is not one.
  const answered = from === 'invited' && to !== 'removed';
  const invitation = input.reinvitation
    ? { inviteTokenHash: input.reinvitation.tokenHash, invitedBy: input.reinvitation.invitedBy, invitedAt: at, answeredAt: null }
    : { inviteTokenHash: null, ...(answered ? { answeredAt: at } : {}) };
  const [row] = await tx
    .update(judges)
    .set({
      status: to,
      version: sql`${judges.version} + 1`,
      ...invitation,
      ...(input.set ?? {}),
    })
    .where(and(eq(judges.id, input.id), eq(judges.status, from), eq(judges.version, input.version)))
    .returning({ version: judges.version });
  if (!row) {
    const [now] = await tx.select({ status: judges.status }).from(judges).where(eq(judges.id, input.id));
    throw new AppError(now?.status === from ? 'STALE_VERSION' : 'WRONG_STATUS');
  }
  const who = input.actor ? { actorId: input.actor.id, data: {} } : { actorId: null, data: { via: 'invitation-link' } };
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'judge',
    subjectId: input.id,
    data: {
      ...who.data,
      organizerId: input.organizerId,
      from,
      to,
      ...(input.set?.userId ? { userId: input.set.userId } : {}),
      ...input.data,
    },
    at,
  });
  return row;
}
