import type { AssignmentStatus } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assignments } from './judging.tables.ts';

/**
 * An assignment's edges. assigned -> abstained is the judge's, taken with the sheet's (transitionSheet calls this
 * writer in its transaction); an organizer removes an assigned or abstained judge, and may assign a removed one again
 * (the row keeps the history: assignments are never deleted; assignment-restore.ts reopens an abstained sheet then).
 */
export const ASSIGNMENT_TRANSITIONS = {
  assigned: ['abstained', 'removed'],
  abstained: ['removed'],
  removed: ['assigned'],
} as const satisfies Record<AssignmentStatus, readonly AssignmentStatus[]>;

export interface NewAssignment {
  roundId: string;
  entryId: string;
  judgeId: string;
  planId: string | null;
}

type Row = typeof assignments.$inferSelect;

/**
 * The one insert of assignments: new (entry, judge) pairs of a round, status 'assigned', in the caller's transaction
 * (the round row locked). Audited by the caller: one event for a plan's items (transitionAssignmentPlan), or
 * `judging.assignment_added` for a manual one (addAssignment below).
 */
export async function insertAssignments(tx: Tx, rows: readonly NewAssignment[], at: Date): Promise<Row[]> {
  if (rows.length === 0) return [];
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({ ...r, status: 'assigned' as const, createdAt: at, updatedAt: at }));
    out.push(...(await tx.insert(assignments).values(chunk).returning()));
  }
  return out;
}

/**
 * The one writer of an assignment's status (the organizer removes, or assigns a removed judge again; the judge
 * abstains), inside the caller's transaction (the caller has locked the assignment, or the round, and asked the
 * policy): checks the edge against ASSIGNMENT_TRANSITIONS, writes with compare-and-set on `from` (a lost race is
 * WRONG_STATUS), and audits in the same transaction — unless another event of that transaction records the change:
 * a plan's item (`planId`: the plan's event names it) or an abstention (the sheet's event names the assignment).
 */
export async function transitionAssignment(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  assignment: Pick<Row, 'id' | 'roundId' | 'entryId' | 'judgeId'>;
  campaignId: string;
  from: AssignmentStatus;
  to: AssignmentStatus;
  at: Date;
  planId?: string;
  data?: Record<string, unknown>;
}): Promise<Row> {
  const { tx, assignment, from, to, at } = input;
  if (!(ASSIGNMENT_TRANSITIONS[from] as readonly AssignmentStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(assignments)
    .set({ status: to, updatedAt: at, ...(input.planId ? { planId: input.planId } : {}) })
    .where(and(eq(assignments.id, assignment.id), eq(assignments.status, from)))
    .returning();
  if (!row) throw new AppError('WRONG_STATUS');
  if (!input.planId && to !== 'abstained') await auditAssignment({ ...input, to }, row, from);
  return row;
}

/** A manual assignment of a new pair: inserted and audited as `judging.assignment_added`. */
export async function addAssignment(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  roundId: string;
  entryId: string;
  judgeId: string;
  campaignId: string;
  at: Date;
  data?: Record<string, unknown>;
}): Promise<Row> {
  const [row] = await insertAssignments(
    input.tx,
    [{ roundId: input.roundId, entryId: input.entryId, judgeId: input.judgeId, planId: null }],
    input.at,
  );
  if (!row) throw new AppError('INTERNAL');
  await auditAssignment({ ...input, to: 'assigned' }, row, null);
  return row;
}

async function auditAssignment(
  input: { tx: Tx; actor: WriterActor; campaignId: string; to: 'assigned' | 'removed'; at: Date; data?: Record<string, unknown> },
  row: Row,
  from: AssignmentStatus | null,
) {
  const who = auditActor(input.actor);
  await appendAudit(input.tx, {
    kind: input.to === 'removed' ? 'judging.assignment_removed' : 'judging.assignment_added',
    actorId: who.actorId,
    subjectType: 'assignment',
    subjectId: row.id,
    campaignId: input.campaignId,
    data: { from, to: input.to, roundId: row.roundId, entryId: row.entryId, judgeId: row.judgeId, ...input.data, ...who.data },
    at: input.at,
  });
}
