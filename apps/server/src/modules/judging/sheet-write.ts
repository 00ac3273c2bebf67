import type { TSheetAnswer, TSheetView } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type AfterCommit, inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type CampaignPhases, loadCampaignPhases } from '../campaigns/index.ts';
import { scoreSheets } from './judging.tables.ts';
import { assertWriteSheet, type SheetQuestion, sheetAbilities } from './sheet-policy.ts';
import { type JudgeAssignment, loadJudgeAssignment, presentSheet, type SheetRow } from './sheet-repo.ts';

export interface SheetWrite {
  ctx: AppContext;
  tx: Tx;
  afterCommit: AfterCommit;
  actor: Actor;
  /** The assignment, round and sheet as locked in this transaction. */
  state: JudgeAssignment;
  phases: CampaignPhases | null;
  at: Date;
}

/** A write's outcome: the sheet as stored, or the server's copy when the judge's version was stale. */
export type SheetOutcome = { sheet: SheetRow } | { stale: TSheetView; yours: number };

export const question = (state: JudgeAssignment, phases: CampaignPhases | null, now: Date): SheetQuestion => ({
  round: state.round,
  phases,
  sheetStatus: state.sheet?.status ?? 'draft',
  assignmentStatus: state.assignment.status,
  now,
});

/**
 * Every sheet write (issue 8 item 4's shape): one transaction; the judge's assignment, its sheet and round loaded
 * locked there (NOT_FOUND when it is not the caller's); the policy asked on those rows (SHEET_SUBMITTED, WRONG_STATUS,
 * ROUND_NOT_OPEN, ROUND_CLOSED with the deadline, from ctx.clock); then `work`. A concurrent write of the same sheet
 * waits for the lock and then meets this one's result. Answers the sheet with the judge's abilities after it.
 */
export async function writeSheet(
  ctx: AppContext,
  actor: Actor,
  assignmentId: string,
  work: (w: SheetWrite) => Promise<SheetOutcome>,
): Promise<TSheetAnswer | { stale: TSheetView; yours: number }> {
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const state = await loadJudgeAssignment(tx, actor, assignmentId, { tx });
    const phases = await loadCampaignPhases(tx, state.round.campaignId);
    assertWriteSheet(question(state, phases, at));
    const outcome = await work({ ctx, tx, afterCommit, actor, state, phases, at });
    if ('stale' in outcome) return outcome;
    const after: JudgeAssignment = {
      ...state,
      sheet: outcome.sheet,
      assignment: { ...state.assignment, status: outcome.sheet.status === 'abstained' ? 'abstained' : state.assignment.status },
    };
    return { sheet: presentSheet(outcome.sheet, state.round.sheet), abilities: sheetAbilities(question(after, phases, at)) };
  });
}

export interface SheetContentInput {
  version: number;
  scores: Record<string, number | null>;
  comment: string;
  recommendation: string | null;
}

/**
 * Stores the judge's whole sheet as a draft, with compare-and-set on the version it was edited from (0: the first
 * save, which creates the row). A stale version is not an error thrown: it answers the server's copy, so the client
 * can merge and the judge's typing stays on their screen. The caller has checked ranges and decimals.
 */
export async function storeDraft(w: SheetWrite, input: SheetContentInput): Promise<SheetOutcome> {
  const { tx, state, at } = w;
  const scores = Object.fromEntries(Object.entries(input.scores).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const content = { scores, comment: input.comment, recommendation: input.recommendation, savedAt: at };
  const current = state.sheet;
  if ((current?.version ?? 0) !== input.version) return { stale: presentSheet(current, state.round.sheet), yours: input.version };
  let row: SheetRow | undefined;
  if (!current) {
    [row] = await tx
      .insert(scoreSheets)
      .values({
        assignmentId: state.assignment.id,
        roundId: state.assignment.roundId,
        entryId: state.assignment.entryId,
        judgeId: state.assignment.judgeId,
        status: 'draft',
        version: 1,
        ...content,
      })
      .returning();
  } else {
    [row] = await tx
      .update(scoreSheets)
      .set({ ...content, version: current.version + 1 })
      .where(and(eq(scoreSheets.id, current.id), eq(scoreSheets.version, input.version), eq(scoreSheets.status, 'draft')))
      .returning();
  }
  if (!row) throw new AppError('STALE_VERSION', { current: current?.version ?? 0, yours: input.version });
  await appendAudit(tx, {
    kind: 'judging.sheet_saved',
    actorId: w.actor.id,
    subjectType: 'score_sheet',
    subjectId: row.id,
    campaignId: state.round.campaignId,
    data: { version: row.version, assignmentId: row.assignmentId },
    at,
  });
  return { sheet: row };
}
