import type { TAssignmentsEnded } from '@casearena/contract';
import { and, asc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { WriterActor } from '../../platform/audit/system-actor.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { assignments, judgingRounds, roundEntries, scoreSheets } from './judging.tables.ts';
import { transitionAssignment } from './transition-assignment.ts';

/**
 * A judge leaving themes of a campaign's panel (savePanel), or the pool (removeJudge, every theme: `themeIds` null),
 * gives up their standing assignments there. Only rounds not frozen are touched: a frozen round's results are read
 * from round_results and its assignments can no longer change (whyNotChangeAssignments); a closed round is touched,
 * since it may reopen and the judge would be back on its entries.
 */
export interface Departure {
  judgeId: string;
  themeIds: readonly string[] | null;
}

export interface Ended extends TAssignmentsEnded {
  /** The assignments ended (assigned -> removed) and those kept for their submitted sheet, by id. */
  endedIds: string[];
  keptSubmittedIds: string[];
}

const NONE: Ended = { endedAssignments: 0, keptSubmitted: 0, endedIds: [], keptSubmittedIds: [] };

/** The judge's assignments still assigned, in the campaigns' rounds not frozen, for entries of the themes left. */
function standing(campaignIds: readonly string[], departures: readonly Departure[]): SQL | undefined {
  return and(
    eq(assignments.status, 'assigned'),
    ne(judgingRounds.status, 'frozen'),
    inArray(judgingRounds.campaignId, [...campaignIds]),
    or(
      ...departures.map((d) =>
        d.themeIds === null
          ? eq(assignments.judgeId, d.judgeId)
          : and(eq(assignments.judgeId, d.judgeId), inArray(roundEntries.themeId, [...d.themeIds])),
      ),
    ),
  );
}

const lockStanding = (tx: Tx, campaignIds: readonly string[], departures: readonly Departure[]) =>
  tx
    .select({ a: assignments, themeId: roundEntries.themeId, campaignId: judgingRounds.campaignId })
    .from(assignments)
    .innerJoin(roundEntries, and(eq(roundEntries.roundId, assignments.roundId), eq(roundEntries.entryId, assignments.entryId)))
    .innerJoin(judgingRounds, eq(judgingRounds.id, assignments.roundId))
    .where(standing(campaignIds, departures))
    .orderBy(asc(assignments.id))
    .for('update', { of: assignments });

/**
 * In the caller's transaction (the judges' rows locked, the panel already changed): ends each departing judge's
 * standing assignments for the themes they left. Locks in the order of the other writers of a live assignment
 * (removeAssignment, swapAssignment, the judge's sheet writes: the assignment, then its round): the judge's standing
 * assignment rows FOR UPDATE in id order, then every round of the campaigns not frozen FOR SHARE in id order (so a
 * manual add, a plan's apply, a round's closing or freezing — all FOR UPDATE on the round — wait for this change and
 * then read the new panel, while a judge's sheet write, FOR SHARE on the round, queues on the assignment only); then
 * reads them again under those locks (an assignment a manual add or a plan committed meanwhile is included). Each
 * whose sheet is not submitted goes assigned -> removed through transitionAssignment, audited as
 * `judging.assignment_removed` with `cause` and the theme; its draft sheet stays as typed, so assigning the judge
 * again (restoreAssignment) brings it back. Those with a submitted sheet stay assigned and count.
 */
export async function endLeftAssignments(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  campaignIds: readonly string[];
  departures: readonly Departure[];
  cause: 'panel' | 'pool';
  at: Date;
}): Promise<Ended> {
  const { tx, campaignIds, at } = input;
  const departures = input.departures.filter((d) => d.themeIds === null || d.themeIds.length > 0);
  if (campaignIds.length === 0 || departures.length === 0) return NONE;
  await lockStanding(tx, campaignIds, departures);
  await tx
    .select({ id: judgingRounds.id })
    .from(judgingRounds)
    .where(and(inArray(judgingRounds.campaignId, [...campaignIds]), ne(judgingRounds.status, 'frozen')))
    .orderBy(asc(judgingRounds.id))
    .for('share');
  const rows = await lockStanding(tx, campaignIds, departures);
  if (rows.length === 0) return NONE;
  const sheets = await tx
    .select({ assignmentId: scoreSheets.assignmentId, status: scoreSheets.status })
    .from(scoreSheets)
    .where(
      inArray(
        scoreSheets.assignmentId,
        rows.map((r) => r.a.id),
      ),
    );
  const sheetOf = new Map(sheets.map((s) => [s.assignmentId, s.status]));
  const endedIds: string[] = [];
  const keptSubmittedIds: string[] = [];
  for (const { a, themeId, campaignId } of rows) {
    const sheet = sheetOf.get(a.id) ?? null;
    if (sheet === 'submitted') {
      keptSubmittedIds.push(a.id);
      continue;
    }
    await transitionAssignment({
      tx,
      afterCommit: input.afterCommit,
      actor: input.actor,
      assignment: a,
      campaignId,
      from: 'assigned',
      to: 'removed',
      at,
      data: { cause: input.cause, themeId, sheetStatus: sheet },
    });
    endedIds.push(a.id);
  }
  return { endedAssignments: endedIds.length, keptSubmitted: keptSubmittedIds.length, endedIds, keptSubmittedIds };
}

/**
 * Per judge and theme of the campaign: their open assignments (still assigned, the sheet not submitted, in rounds
 * not frozen) — what endLeftAssignments would end if they left the theme.
 */
export async function openAssignmentCounts(db: Queryable, campaignId: string): Promise<Map<string, Record<string, number>>> {
  const rows = await db
    .select({ judgeId: assignments.judgeId, themeId: roundEntries.themeId, n: sql<number>`count(*)::int` })
    .from(assignments)
    .innerJoin(roundEntries, and(eq(roundEntries.roundId, assignments.roundId), eq(roundEntries.entryId, assignments.entryId)))
    .innerJoin(judgingRounds, eq(judgingRounds.id, assignments.roundId))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, assignments.id))
    .where(
      and(
        eq(judgingRounds.campaignId, campaignId),
        ne(judgingRounds.status, 'frozen'),
        eq(assignments.status, 'assigned'),
        or(isNull(scoreSheets.status), ne(scoreSheets.status, 'submitted')),
      ),
    )
    .groupBy(assignments.judgeId, roundEntries.themeId);
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.judgeId, { ...out.get(r.judgeId), [r.themeId]: Number(r.n) });
  return out;
}
