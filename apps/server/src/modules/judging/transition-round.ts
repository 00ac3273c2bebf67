import { ROUND_TRANSITIONS, type RoundStatus } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { judgingRounds } from './judging.tables.ts';

type Target = Exclude<RoundStatus, 'draft'>;

const AUDIT_KIND = (from: RoundStatus, to: Target) =>
  to === 'open'
    ? from === 'closed'
      ? 'judging.round_reopened'
      : 'judging.round_opened'
    : to === 'closed'
      ? 'judging.round_closed'
      : 'judging.round_frozen';

/**
 * The one writer of a judging round's status (draft -> open -> closed -> frozen; a closed round may reopen before it
 * is frozen), inside the caller's transaction (the caller has loaded and locked the round's row and decided on it).
 * Checks the edge against ROUND_TRANSITIONS, writes with compare-and-set on `from` and `version` (a concurrent change
 * gives WRONG_STATUS or STALE_VERSION), raises the version, and audits in the same transaction with `data`
 * (what the change carried: the entries put in scope, the reason). No effect runs after commit; `afterCommit` is there
 * for the shape every writer shares. Returns the new version.
 */
export async function transitionRound(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  id: string;
  campaignId: string;
  from: RoundStatus;
  to: Target;
  version: number;
  at: Date;
  data?: Record<string, unknown>;
}): Promise<number> {
  const { tx, from, to, at } = input;
  if (!(ROUND_TRANSITIONS[from] as readonly RoundStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(judgingRounds)
    .set({ status: to, version: sql`${judgingRounds.version} + 1`, updatedAt: at })
    .where(and(eq(judgingRounds.id, input.id), eq(judgingRounds.status, from), eq(judgingRounds.version, input.version)))
    .returning({ version: judgingRounds.version });
  if (!row) {
    const [now] = await tx.select({ status: judgingRounds.status }).from(judgingRounds).where(eq(judgingRounds.id, input.id));
    throw new AppError(now && now.status === from ? 'STALE_VERSION' : 'WRONG_STATUS');
  }
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: AUDIT_KIND(from, to),
    actorId: who.actorId,
    subjectType: 'judging_round',
    subjectId: input.id,
    campaignId: input.campaignId,
    data: { from, to, ...input.data, ...who.data },
    at,
  });
  return row.version;
}
