import type { SheetStatus } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { scoreSheets } from './judging.tables.ts';
import type { SheetRow } from './sheet-repo.ts';
import { transitionAssignment } from './transition-assignment.ts';

/**
 * A sheet is a draft until the judge submits it (locked for good) or abstains (the entry goes back to the organizer).
 * An abstained sheet becomes a draft again when the organizer assigns the judge the entry again (assignment-restore.ts):
 * the scores typed before abstaining are still there.
 */
export const SHEET_TRANSITIONS = {
  draft: ['submitted', 'abstained'],
  submitted: [],
  abstained: ['draft'],
} as const satisfies Record<SheetStatus, readonly SheetStatus[]>;

const AUDIT_KIND = {
  submitted: 'judging.sheet_submitted',
  abstained: 'judging.sheet_abstained',
  draft: 'judging.sheet_reopened',
} as const satisfies Record<SheetStatus, string>;

/**
 * The one writer of a score sheet's status, inside the caller's transaction (the caller has loaded and locked the
 * assignment and the sheet, and asked the policy on them): checks the edge against SHEET_TRANSITIONS, writes with
 * compare-and-set on `from` and `version` (a lost race is WRONG_STATUS or STALE_VERSION, never a double change),
 * stamps the submission, and audits in the same transaction with the scores as submitted (X-3: who scored what).
 * Abstaining also turns the assignment to 'abstained' through transitionAssignment (compare-and-set on 'assigned'),
 * so the organizer sees the entry short of a judge and reassigns it. Reopening (abstained -> draft) is the
 * organizer's, when the assignment is made again; the event keeps the reason the judge had given. No effect runs
 * after commit (`afterCommit` for the shape every writer shares).
 */
export async function transitionSheet(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  sheet: SheetRow;
  campaignId: string;
  from: SheetStatus;
  to: SheetStatus;
  version: number;
  at: Date;
  reason?: string;
}): Promise<SheetRow> {
  const { tx, sheet, from, to, at } = input;
  if (!(SHEET_TRANSITIONS[from] as readonly SheetStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const stamp =
    to === 'submitted'
      ? { submittedAt: at }
      : to === 'abstained'
        ? { abstainReason: input.reason ?? '' }
        : { abstainReason: null };
  const [row] = await tx
    .update(scoreSheets)
    .set({ status: to, version: input.version + 1, ...stamp })
    .where(and(eq(scoreSheets.id, sheet.id), eq(scoreSheets.status, from), eq(scoreSheets.version, input.version)))
    .returning();
  if (!row) {
    const [current] = await tx
      .select({ status: scoreSheets.status, version: scoreSheets.version })
      .from(scoreSheets)
      .where(eq(scoreSheets.id, sheet.id));
    if (!current || current.status !== from) throw new AppError('WRONG_STATUS');
    throw new AppError('STALE_VERSION', { current: current.version, yours: input.version });
  }
  if (to === 'abstained') {
    await transitionAssignment({
      tx,
      afterCommit: input.afterCommit,
      actor: input.actor,
      assignment: { id: sheet.assignmentId, roundId: sheet.roundId, entryId: sheet.entryId, judgeId: sheet.judgeId },
      campaignId: input.campaignId,
      from: 'assigned',
      to: 'abstained',
      at,
    });
  }
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'score_sheet',
    subjectId: sheet.id,
    campaignId: input.campaignId,
    data: {
      from,
      to,
      version: row.version,
      assignmentId: sheet.assignmentId,
      roundId: sheet.roundId,
      entryId: sheet.entryId,
      ...(to === 'submitted'
        ? { scores: row.scores, comment: row.comment, recommendation: row.recommendation }
        : to === 'abstained'
          ? { reason: row.abstainReason }
          : { judgeId: sheet.judgeId, abstainReason: sheet.abstainReason }),
      ...who.data,
    },
    at,
  });
  return row;
}
