import { checkSheet, type Locale, type TStageScoreAnswer, type TStageScoreInput } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { weightedTotal } from '../judging/index.ts';
import { whyNotScore } from './stage.policy.ts';
import { currentOf, finalistsOf, loadStage, recusedOn, type StageRow, type StageScoreRow, submittedOn } from './stage.repo.ts';
import { stageJudges, stageScores } from './stage.tables.ts';
import { announceStage } from './stage-live.ts';

/** A judge's total on the stage's sheet: the weighted total (judging's formula), to 2 decimals, half up. */
export const totalOf = (stage: Pick<StageRow, 'sheet'>, scores: Record<string, number>) =>
  Math.round((weightedTotal(stage.sheet, scores) + 1e-9) * 100) / 100;

/** The caller's seat on the stage, or NOT_STAGE_JUDGE (the stage itself is public on the big screen). */
export async function stageJudgeOf(db: Queryable, stageId: string, actor: Actor) {
  const [judge] = await db
    .select()
    .from(stageJudges)
    .where(and(eq(stageJudges.stageId, stageId), eq(stageJudges.userId, actor.id)));
  if (!judge) throw new AppError('NOT_STAGE_JUDGE');
  return judge;
}

/**
 * The same scores, compared as numbers: the stored scores went through JSON, which writes -0 as 0, so a resend of
 * `-0` is the submission stored as `0` (Object.is would call it changed). NaN and ±Infinity never reach here.
 */
const sameScores = (a: Record<string, number>, b: Record<string, number>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/** A stored score under the key: the same submission answers as a replay, anything else is IDEMPOTENCY_KEY_REUSED. */
function replayOf(stored: StageScoreRow, judgeId: string, body: TStageScoreInput): TStageScoreAnswer {
  if (stored.judgeId !== judgeId || stored.entryId !== body.entryId || !sameScores(stored.scores, body.scores))
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { entryId: stored.entryId, total: stored.total, replayed: true, submittedAt: stored.submittedAt.toISOString() };
}

const byKey = async (tx: Tx, stageId: string, key: string) =>
  (
    await tx
      .select()
      .from(stageScores)
      .where(and(eq(stageScores.stageId, stageId), eq(stageScores.idempotencyKey, key)))
  )[0];

/**
 * Refuses scores that break the stage's sheet with the first problem in sheet order: SCORE_OUT_OF_RANGE, SCORE_TOO_PRECISE,
 * SCORE_MISSING (the contract's checkSheet, which the phone runs too), an unknown criterion as VALIDATION_FAILED.
 * A stage's sheet has no comment or recommendation on the phone, so only the scores are checked.
 */
function assertScores(stage: StageRow, scores: Record<string, number>, locale: Locale) {
  const problem = checkSheet({ criteria: stage.sheet.criteria }, { scores }, 'submit').find((p) => p.code !== 'COMMENT_REQUIRED');
  if (!problem) return;
  if (problem.code === 'VALIDATION_FAILED')
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: problem.params.field, code: problem.params.reason }]);
  const key = problem.params.criterion;
  const label = stage.sheet.criteria.find((c) => c.key === key)?.label[locale] ?? key;
  throw new AppError(problem.code, { ...problem.params, criterion: label, key });
}

/**
 * POST /api/stages/:stageId/scores (issue 11 item 3): a judge's score of the finalist being scored, resent by the
 * phone until it is confirmed. The order of checks: not a judge of the stage NOT_STAGE_JUDGE; the idempotency key
 * already stored answers from the stored row — the same submission 200 replayed (even after the reveal), anything
 * else IDEMPOTENCY_KEY_REUSED; then, on the stage's row locked FOR SHARE (judges score at once; a host step's FOR
 * UPDATE waits for them, so no score lands between the reveal's check and the reveal), STAGE_NOT_SCORING,
 * NOT_PRESENTING, RECUSED, SHEET_SUBMITTED, the sheet's checks. The row is inserted with ON CONFLICT DO NOTHING
 * under the two unique indexes (the key; one submitted score per judge and finalist), never read-then-write: when
 * a concurrent resend won, the stored row answers (a replay or IDEMPOTENCY_KEY_REUSED), when another key holds the
 * submitted score, SHEET_SUBMITTED. Nothing is ever counted twice. The screen's progress is published after commit.
 */
export async function submitStageScore(input: {
  ctx: AppContext;
  actor: Actor;
  stageId: string;
  body: TStageScoreInput;
}): Promise<TStageScoreAnswer> {
  const { ctx, actor, body } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const stage = await loadStage(tx, input.stageId, 'share');
    const judge = await stageJudgeOf(tx, stage.id, actor);
    const stored = await byKey(tx, stage.id, body.idempotencyKey);
    if (stored) return replayOf(stored, judge.judgeId, body);

    const current = currentOf(stage, await finalistsOf(tx, stage.id));
    const entryId = current?.entryId ?? null;
    const [recused, submitted] = entryId
      ? await Promise.all([recusedOn(tx, stage.id, entryId), submittedOn(tx, stage.id, entryId)])
      : [new Set<string>(), new Map()];
    const refusal = whyNotScore(
      {
        state: stage.state,
        currentEntryId: entryId,
        recused: recused.has(judge.judgeId),
        submitted: submitted.has(judge.judgeId),
      },
      body.entryId,
    );
    if (refusal) {
      // A resend racing this one may have committed the score since the key was looked up (READ COMMITTED): it is
      // the judge's own submission, so it answers as the replay it is, not SHEET_SUBMITTED.
      const winner = refusal === 'SHEET_SUBMITTED' ? await byKey(tx, stage.id, body.idempotencyKey) : undefined;
      if (winner) return replayOf(winner, judge.judgeId, body);
      throw new AppError(refusal);
    }
    assertScores(stage, body.scores, actor.locale);

    const total = totalOf(stage, body.scores);
    const [row] = await tx
      .insert(stageScores)
      .values({
        stageId: stage.id,
        entryId: body.entryId,
        judgeId: judge.judgeId,
        scores: body.scores,
        total,
        idempotencyKey: body.idempotencyKey,
        submittedAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const winner = await byKey(tx, stage.id, body.idempotencyKey);
      if (winner) return replayOf(winner, judge.judgeId, body);
      throw new AppError('SHEET_SUBMITTED');
    }
    // who scored which finalist, when, with what — in the same transaction as the score (a replay adds none).
    await appendAudit(tx, {
      kind: 'stage.score_submitted',
      actorId: actor.id,
      subjectType: 'stage_score',
      subjectId: row.id,
      campaignId: stage.campaignId,
      data: { stageId: stage.id, entryId: row.entryId, seat: judge.seat, scores: row.scores, total: row.total },
      at,
    });
    afterCommit(() => announceStage(ctx, stage.id));
    return { entryId: row.entryId, total: row.total, replayed: false, submittedAt: row.submittedAt.toISOString() };
  });
}
