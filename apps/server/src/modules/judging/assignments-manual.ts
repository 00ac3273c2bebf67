import type { TAssignmentSwap, TAssignmentsView, TAssignmentView, TRoundPanelJudge } from '@casearena/contract';
import { eq, inArray } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { type AfterCommit, inTransaction, uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { entries } from '../entries/index.ts';
import { type FactsRound, loadRoundFacts, type RoundFacts } from './assignment-facts.ts';
import { type AssignmentAccess, seenRound, whyNotChangeAssignments, whyNotRemoveAssignment } from './assignment-policy.ts';
import { restoreAssignment } from './assignment-restore.ts';
import { assignments, judges, scoreSheets } from './judging.tables.ts';
import { conflictOf, recusalIndex } from './recusal.ts';
import { addAssignment, transitionAssignment } from './transition-assignment.ts';

type Row = typeof assignments.$inferSelect;

/** Assignment rows as the organizer sees them: entry number and title, judge, the sheet's status, `remove`. */
async function present(db: Queryable, rows: Row[], round: FactsRound, access: AssignmentAccess): Promise<TAssignmentView[]> {
  if (rows.length === 0) return [];
  const entryIds = [...new Set(rows.map((r) => r.entryId))];
  const judgeIds = [...new Set(rows.map((r) => r.judgeId))];
  // One after another: inside a transaction the three share one connection.
  const entryRows = await db
    .select({ id: entries.id, number: entries.number, title: entries.title })
    .from(entries)
    .where(inArray(entries.id, entryIds));
  const judgeRows = await db.select({ id: judges.id, name: judges.name }).from(judges).where(inArray(judges.id, judgeIds));
  const sheetRows = await db
    .select({ assignmentId: scoreSheets.assignmentId, status: scoreSheets.status })
    .from(scoreSheets)
    .where(
      inArray(
        scoreSheets.assignmentId,
        rows.map((r) => r.id),
      ),
    );
  const entry = new Map(entryRows.map((e) => [e.id, e]));
  const judge = new Map(judgeRows.map((j) => [j.id, j.name]));
  const sheet = new Map(sheetRows.map((s) => [s.assignmentId, s.status]));
  return rows.map((r) => {
    const sheetStatus = sheet.get(r.id) ?? null;
    return {
      id: r.id,
      roundId: r.roundId,
      entryId: r.entryId,
      number: entry.get(r.entryId)?.number ?? null,
      title: entry.get(r.entryId)?.title ?? '',
      judgeId: r.judgeId,
      judgeName: judge.get(r.judgeId) ?? '',
      status: r.status,
      sheetStatus,
      planId: r.planId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      abilities: { remove: whyNotRemoveAssignment(access, round, r, sheetStatus) ?? true },
    };
  });
}

/**
 * The round's panel for the manual pickers, from the facts every assignment is decided on (loadRoundFacts): each
 * active judge seated for at least one of the round's themes, those themes, their load (assignments still assigned,
 * as a plan counts it) against the round's maximum, and the round's entries of their themes conflictOf recuses them
 * from, with its reason (X-4; the rule putOn refuses with). By name, then id; recusals by entry id.
 */
function panelOf(facts: RoundFacts): TRoundPanelJudge[] {
  const load = new Map<string, number>();
  for (const a of facts.assignments) if (a.status === 'assigned') load.set(a.judgeId, (load.get(a.judgeId) ?? 0) + 1);
  const recused = new Map<number, TRoundPanelJudge['recused']>();
  const conflictsOf = recusalIndex(facts.judges, facts.tree);
  for (const entry of facts.entries)
    for (const [at, c] of [...conflictsOf(entry)].sort((a, b) => a[0] - b[0])) {
      if (!facts.judges[at]?.themeIds.includes(entry.themeId)) continue;
      recused.set(at, [...(recused.get(at) ?? []), { entryId: entry.id, reason: c.reason }]);
    }
  return facts.judges
    .map((j, at) => ({
      judgeId: j.id,
      name: j.name,
      themeIds: j.themeIds,
      load: load.get(j.id) ?? 0,
      maxLoad: facts.round.maxLoad,
      recused: recused.get(at) ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.judgeId < b.judgeId ? -1 : 1));
}

/**
 * Every assignment of the round, by entry number then judge: the organizer's people and the platform. Those who may
 * change them (managers, the platform) also get the round's panel; a screener gets the list alone.
 */
export async function listAssignments(ctx: AppContext, actor: Actor | null, roundId: string): Promise<TAssignmentsView> {
  const { round, access } = await seenRound(ctx.db, actor, roundId, false);
  const rows = await ctx.db.select().from(assignments).where(eq(assignments.roundId, roundId));
  const listed = await present(ctx.db, rows, round, access);
  listed.sort((a, b) =>
    (a.number ?? '') !== (b.number ?? '')
      ? (a.number ?? '') < (b.number ?? '')
        ? -1
        : 1
      : a.judgeName.localeCompare(b.judgeName),
  );
  const change = whyNotChangeAssignments(access, round) ?? true;
  const view: TAssignmentsView = { roundId, assignments: listed, abilities: { plan: change, assign: change } };
  if (access === 'manager' || access === 'platform') view.panel = panelOf(await loadRoundFacts(ctx.db, round));
  return view;
}

/**
 * Puts a judge on an entry under the single assignment's rule, in the caller's transaction (round locked): an entry
 * not in the round or a judge not on its theme's panel NOT_FOUND, a recused judge ASSIGNMENT_RECUSED with conflictOf's
 * reason, a judge already on it (assigned or abstained) WRONG_STATUS, a removed one assigned again (an abstained
 * sheet of theirs reopened as a draft).
 */
async function putOn(
  w: { tx: Tx; afterCommit: AfterCommit; actor: Actor; round: FactsRound; at: Date },
  input: { entryId: string; judgeId: string },
  data?: Record<string, unknown>,
): Promise<Row> {
  const facts = await loadRoundFacts(w.tx, w.round);
  const entry = facts.entries.find((e) => e.id === input.entryId);
  const judge = facts.judges.find((j) => j.id === input.judgeId);
  if (!entry || !judge) throw new AppError('NOT_FOUND');
  if (!judge.themeIds.includes(entry.themeId)) throw new AppError('NOT_FOUND'); // not on this theme's panel
  const conflict = conflictOf(judge, entry, facts.tree);
  if (conflict) throw new AppError('ASSIGNMENT_RECUSED', { reason: conflict.reason });
  const existing = facts.assignments.find((a) => a.entryId === entry.id && a.judgeId === judge.id);
  const common = { tx: w.tx, afterCommit: w.afterCommit, actor: w.actor, campaignId: w.round.campaignId, at: w.at };
  if (!existing) return addAssignment({ ...common, roundId: w.round.id, entryId: entry.id, judgeId: judge.id, data });
  if (existing.status !== 'removed') throw new AppError('WRONG_STATUS');
  return restoreAssignment({ ...common, assignment: { ...existing, roundId: w.round.id }, ...(data ? { data } : {}) });
}

/**
 * A manager assigns one judge to one entry (issue 10 item 3). In one transaction the round is locked (as every
 * assignment write), the caller's right decided on it, and the facts read: an entry not in the round or a judge not
 * on the panel for its theme is NOT_FOUND; a judge conflictOf recuses is ASSIGNMENT_RECUSED with the reason (X-4; the
 * rule every plan item is checked with); a judge already on the entry is WRONG_STATUS, one removed earlier is
 * assigned again. Audited in the transaction.
 */
export async function addManualAssignment(
  ctx: AppContext,
  actor: Actor | null,
  roundId: string,
  input: { entryId: string; judgeId: string },
): Promise<TAssignmentView> {
  const at = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (tx, afterCommit) => {
      const seen = await seenRound(tx, actor, roundId, true);
      const refusal = whyNotChangeAssignments(seen.access, seen.round);
      if (refusal) throw new AppError(refusal);
      const row = await putOn({ tx, afterCommit, actor: seen.actor, round: seen.round, at }, input);
      const [view] = await present(tx, [row], seen.round, seen.access);
      return view as TAssignmentView;
    });
  } catch (err) {
    // Two managers adding the same pair at once: the round lock queues them, the unique index still guards.
    if (uniqueViolation(err)) throw new AppError('WRONG_STATUS');
    throw err;
  }
}

/**
 * A manager removes a judge from an entry: assigned or abstained -> removed, never once the judge submitted the sheet
 * (WRONG_STATUS). The assignment row is locked first and then the round (the order the judges' sheet writes take:
 * assignment, then round), the sheet read under the assignment's lock, the policy asked on those rows, and the status
 * written through transitionAssignment with audit.
 */
export async function removeAssignment(ctx: AppContext, actor: Actor | null, assignmentId: string): Promise<TAssignmentView> {
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const [row] = await tx.select().from(assignments).where(eq(assignments.id, assignmentId)).for('update');
    if (!row) throw new AppError(actor ? 'NOT_FOUND' : 'UNAUTHENTICATED');
    const seen = await seenRound(tx, actor, row.roundId, true);
    const [sheet] = await tx.select({ status: scoreSheets.status }).from(scoreSheets).where(eq(scoreSheets.assignmentId, row.id));
    const refusal = whyNotRemoveAssignment(seen.access, seen.round, row, sheet?.status ?? null);
    if (refusal) throw new AppError(refusal);
    const after = await transitionAssignment({
      tx,
      afterCommit,
      actor: seen.actor,
      assignment: row,
      campaignId: seen.round.campaignId,
      from: row.status,
      to: 'removed',
      at,
    });
    const [view] = await present(tx, [after], seen.round, seen.access);
    return view as TAssignmentView;
  });
}

/**
 * A manager swaps the judge of an assignment for another of the theme's panel, in one transaction: the assignment
 * row locked first, then the round (as a removal); the old judge comes off under the removal's rule (not once the
 * sheet is submitted), the new one goes on under the single assignment's rule (NOT_FOUND, ASSIGNMENT_RECUSED with the
 * reason, WRONG_STATUS). Two audit events, each naming the other judge.
 */
export async function swapAssignment(
  ctx: AppContext,
  actor: Actor | null,
  assignmentId: string,
  input: { judgeId: string },
): Promise<TAssignmentSwap> {
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const [row] = await tx.select().from(assignments).where(eq(assignments.id, assignmentId)).for('update');
    if (!row) throw new AppError(actor ? 'NOT_FOUND' : 'UNAUTHENTICATED');
    const seen = await seenRound(tx, actor, row.roundId, true);
    const [sheet] = await tx.select({ status: scoreSheets.status }).from(scoreSheets).where(eq(scoreSheets.assignmentId, row.id));
    const refusal = whyNotRemoveAssignment(seen.access, seen.round, row, sheet?.status ?? null);
    if (refusal) throw new AppError(refusal);
    if (input.judgeId === row.judgeId) throw new AppError('WRONG_STATUS');
    const assigned = await putOn(
      { tx, afterCommit, actor: seen.actor, round: seen.round, at },
      { entryId: row.entryId, judgeId: input.judgeId },
      { swappedFor: row.judgeId },
    );
    const removed = await transitionAssignment({
      tx,
      afterCommit,
      actor: seen.actor,
      assignment: row,
      campaignId: seen.round.campaignId,
      from: row.status,
      to: 'removed',
      at,
      data: { swappedTo: input.judgeId },
    });
    const [removedView, assignedView] = await present(tx, [removed, assigned], seen.round, seen.access);
    return { removed: removedView as TAssignmentView, assigned: assignedView as TAssignmentView };
  });
}
