import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { voteVoids } from './voting.tables.ts';

export type VoteVoidStatus = (typeof voteVoids.$inferSelect)['status'];

/** A void is applied once and reverted once; a reverted void is history (voiding again makes a new plan). */
export const VOTE_VOID_TRANSITIONS = {
  planned: ['applied'],
  applied: ['reverted'],
  reverted: [],
  discarded: [],
} as const satisfies Record<VoteVoidStatus, readonly VoteVoidStatus[]>;

/** The statuses a writer moves to ('discarded' is kept by the table for plans nobody applies; no route sets it yet). */
type Target = 'applied' | 'reverted';

const AUDIT_KIND = { applied: 'voting.votes_voided', reverted: 'voting.void_reverted' } as const satisfies Record<Target, string>;

const STAMP = {
  applied: (at: Date) => ({ appliedAt: at }),
  reverted: (at: Date) => ({ revertedAt: at }),
} as const satisfies Record<Target, (at: Date) => Partial<typeof voteVoids.$inferInsert>>;

/**
 * The one writer of a vote void's status, inside the caller's transaction (the caller has locked the void and its
 * entries' counts, and moved the votes). Checks the edge against VOTE_VOID_TRANSITIONS, writes with compare-and-set
 * on `from` (a void applied twice at once gives WRONG_STATUS to the second) and audits on the campaign with the
 * reason in the same transaction. `afterCommit` is there for the shape every writer shares (the caller announces
 * the new counts after commit).
 */
export async function transitionVoteVoid(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  id: string;
  campaignId: string;
  from: VoteVoidStatus;
  to: Target;
  at: Date;
  reason: string;
  data?: Record<string, unknown>;
}): Promise<void> {
  const { tx, from, to, at } = input;
  if (!(VOTE_VOID_TRANSITIONS[from] as readonly VoteVoidStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(voteVoids)
    .set({ status: to, ...STAMP[to](at) })
    .where(and(eq(voteVoids.id, input.id), eq(voteVoids.status, from)))
    .returning({ id: voteVoids.id });
  if (!row) throw new AppError('WRONG_STATUS');
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'campaign',
    subjectId: input.campaignId,
    campaignId: input.campaignId,
    data: { voidId: input.id, from, to, reason: input.reason, ...input.data, ...who.data },
    at,
  });
}
