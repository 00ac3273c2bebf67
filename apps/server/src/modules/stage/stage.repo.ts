import type { TStageReveal } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { untrimmedMean } from './reveal.ts';
import { stageFinalists, stageJudges, stageRecusals, stageScores, stages } from './stage.tables.ts';

export type StageRow = typeof stages.$inferSelect;
export type StageJudgeRow = typeof stageJudges.$inferSelect;
export type StageFinalistRow = typeof stageFinalists.$inferSelect;
export type StageScoreRow = typeof stageScores.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stage's row, or NOT_FOUND (also for an id that is no uuid, so a stranger's guess costs no query). In a
 * transaction `lock` takes the row: 'update' for a host step (one at a time), 'share' for a judge's score (many at
 * once, never across a host step: a score cannot land between the check that everyone scored and the reveal).
 */
export async function loadStage(db: Queryable, stageId: string, lock?: 'update' | 'share'): Promise<StageRow> {
  if (!UUID.test(stageId)) throw new AppError('NOT_FOUND');
  const query = db.select().from(stages).where(eq(stages.id, stageId));
  const [row] = lock ? await query.for(lock) : await query;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The stage's judges by seat. */
export const judgesOf = (db: Queryable, stageId: string) =>
  db.select().from(stageJudges).where(eq(stageJudges.stageId, stageId)).orderBy(asc(stageJudges.seat));

/** The stage's finalists in presenting order (before the draw: by entry id, a stable order). */
export const finalistsOf = (db: Queryable, stageId: string) =>
  db
    .select()
    .from(stageFinalists)
    .where(eq(stageFinalists.stageId, stageId))
    .orderBy(asc(stageFinalists.position), asc(stageFinalists.entryId));

/** The finalist on stage (from `waiting` on; null in draft and drawn). */
export function currentOf(stage: Pick<StageRow, 'state' | 'currentIndex'>, finalists: readonly StageFinalistRow[]) {
  if (stage.state === 'draft' || stage.state === 'drawn') return null;
  return finalists.find((f) => f.position === stage.currentIndex + 1) ?? null;
}

/** The judges recused from one finalist, by judge id. */
export async function recusedOn(db: Queryable, stageId: string, entryId: string): Promise<Set<string>> {
  const rows = await db
    .select({ judgeId: stageRecusals.judgeId })
    .from(stageRecusals)
    .where(and(eq(stageRecusals.stageId, stageId), eq(stageRecusals.entryId, entryId)));
  return new Set(rows.map((r) => r.judgeId));
}

/** The submitted (not reopened) scores of one finalist, by judge id. */
export async function submittedOn(db: Queryable, stageId: string, entryId: string): Promise<Map<string, StageScoreRow>> {
  const rows = await db
    .select()
    .from(stageScores)
    .where(and(eq(stageScores.stageId, stageId), eq(stageScores.entryId, entryId), eq(stageScores.status, 'submitted')));
  return new Map(rows.map((r) => [r.judgeId, r]));
}

/** What the policy decides a host step on: counts and the current finalist's progress. */
export interface StageFacts {
  state: StageRow['state'];
  paused: boolean;
  currentIndex: number;
  finalists: number;
  judges: number;
  /** Non-recused judges of the current finalist without a submitted score (0 outside scoring). */
  missing: number;
  /** Non-recused judges of the current finalist with a submitted score (0 outside scoring). */
  scored: number;
}

export async function factsOf(db: Queryable, stage: StageRow): Promise<StageFacts> {
  const [judges, finalists] = await Promise.all([judgesOf(db, stage.id), finalistsOf(db, stage.id)]);
  const current = currentOf(stage, finalists);
  let missing = 0;
  let scored = 0;
  if (current && stage.state === 'scoring') {
    const [recused, submitted] = await Promise.all([
      recusedOn(db, stage.id, current.entryId),
      submittedOn(db, stage.id, current.entryId),
    ]);
    const counted = judges.filter((j) => !recused.has(j.judgeId));
    missing = counted.filter((j) => !submitted.has(j.judgeId)).length;
    scored = counted.length - missing;
  }
  return {
    state: stage.state,
    paused: stage.pausedAt !== null,
    currentIndex: stage.currentIndex,
    finalists: finalists.length,
    judges: judges.length,
    missing,
    scored,
  };
}

/**
 * A revealed finalist as rankStage takes it: its final, the untrimmed mean of its counted totals (reveal.ts's, the
 * one the big screen's running rank uses too), its position.
 */
export function rankRowOf(f: RevealedFinalist) {
  return { entryId: f.entryId, final: f.final, mean: untrimmedMean(f.reveal), position: f.position ?? 0 };
}

export type RevealedFinalist = StageFinalistRow & { reveal: TStageReveal; final: number };
/** A finalist revealed (its reveal and final stored; a reopen after the reveal clears both). */
export const isRevealed = (f: StageFinalistRow): f is RevealedFinalist => f.reveal !== null && f.final !== null;
