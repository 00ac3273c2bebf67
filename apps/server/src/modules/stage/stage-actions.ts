import type { TStageActionInput, TStageState } from '@casearena/contract';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { drawOrder, newDrawSeed } from './draw.ts';
import { loadHostedStage } from './load-hosted-stage.ts';
import { revealOf } from './reveal.ts';
import { whyNotStep } from './stage.policy.ts';
import {
  currentOf,
  factsOf,
  finalistsOf,
  isRevealed,
  judgesOf,
  rankRowOf,
  recusedOn,
  type StageRow,
  submittedOn,
} from './stage.repo.ts';
import { stageFinalists, stageScores } from './stage.tables.ts';
import { rankStage } from './stage-ranking.ts';
import { type StagePatch, stepStage, transitionStage } from './transition-stage.ts';

const reasonRequired = () => new AppError('VALIDATION_FAILED', undefined, [{ path: 'reason', code: 'REASON_REQUIRED' }]);

/** Gives the finalists their presenting positions from a new seed; returns the seed and the order. */
async function draw(tx: Tx, stageId: string) {
  const finalists = await finalistsOf(tx, stageId);
  const seed = newDrawSeed();
  const order = drawOrder(
    seed,
    finalists.map((f) => f.entryId),
  );
  // Positions are unique per stage: clear the old order before writing the new one.
  await tx.update(stageFinalists).set({ position: null }).where(eq(stageFinalists.stageId, stageId));
  for (const [i, entryId] of order.entries())
    await tx
      .update(stageFinalists)
      .set({ position: i + 1 })
      .where(and(eq(stageFinalists.stageId, stageId), eq(stageFinalists.entryId, entryId)));
  return { seed, order };
}

/**
 * The current finalist's reveal from its judges' submitted scores (recused judges shown, never counted; X-4). A judge
 * not recused without a submitted score (only when the host reveals with a reason, the policy's whyNotRevealAbsent)
 * is shown absent — total null, not recused — and counted no more than a recused one. Returns the reveal and the
 * absent judges' seats.
 */
async function reveal(tx: Tx, stage: StageRow, entryId: string) {
  const [judges, recused, submitted] = await Promise.all([
    judgesOf(tx, stage.id),
    recusedOn(tx, stage.id, entryId),
    submittedOn(tx, stage.id, entryId),
  ]);
  const result = revealOf({
    method: stage.method,
    judges: judges.map((j) => ({
      seat: j.seat,
      name: j.name,
      total: recused.has(j.judgeId) ? null : (submitted.get(j.judgeId)?.total ?? null),
      recused: recused.has(j.judgeId),
    })),
  });
  await tx
    .update(stageFinalists)
    .set({ reveal: result, final: result.final })
    .where(and(eq(stageFinalists.stageId, stage.id), eq(stageFinalists.entryId, entryId)));
  const absent = judges.filter((j) => !recused.has(j.judgeId) && !submitted.has(j.judgeId)).map((j) => j.seat);
  return { result, absent };
}

/** Ranks and awards the revealed finalists (rankStage) and writes them; returns the rows for the audit. */
export async function rankFinalists(tx: Tx, stage: StageRow) {
  const finalists = (await finalistsOf(tx, stage.id)).filter(isRevealed);
  const ranked = rankStage(finalists.map(rankRowOf), stage.awards);
  for (const r of ranked)
    await tx
      .update(stageFinalists)
      .set({ rank: r.rank, award: r.award })
      .where(and(eq(stageFinalists.stageId, stage.id), eq(stageFinalists.entryId, r.entryId)));
  return ranked;
}

/**
 * Reopens one judge's score of the current finalist (issue 11 item 2): the submitted row becomes `reopened` (kept
 * as history; the partial unique index then lets the judge submit again). After the reveal the finalist's reveal
 * and final are cleared and the stage goes back to scoring.
 */
async function reopen(tx: Tx, stage: StageRow, entryId: string, judgeId: string, at: Date) {
  const judges = await judgesOf(tx, stage.id);
  if (!judges.some((j) => j.judgeId === judgeId))
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'judgeId', code: 'INVALID' }]);
  const reopened = await tx
    .update(stageScores)
    .set({ status: 'reopened', reopenedAt: at })
    .where(
      and(
        eq(stageScores.stageId, stage.id),
        eq(stageScores.entryId, entryId),
        eq(stageScores.judgeId, judgeId),
        eq(stageScores.status, 'submitted'),
      ),
    )
    .returning({ id: stageScores.id, total: stageScores.total });
  // Nothing to reopen: the judge has not scored this finalist (or it was reopened already).
  if (reopened.length === 0) throw new AppError('WRONG_STATUS');
  if (stage.state === 'revealed')
    await tx
      .update(stageFinalists)
      .set({ reveal: null, final: null })
      .where(and(eq(stageFinalists.stageId, stage.id), eq(stageFinalists.entryId, entryId), isNotNull(stageFinalists.reveal)));
  return reopened[0] as { id: string; total: number };
}

/**
 * POST /api/stages/:stageId/actions (issue 11 item 2): one host step. In one transaction the stage's row is locked
 * (FOR UPDATE), the caller's host access and the step's policy decided on it, the step's own rows written (the draw,
 * the reveal, the ranks, a reopened score) and the state by transitionStage (or stepStage for a step that keeps it),
 * with compare-and-set on the version the console sent and the audit event in the same transaction; the new
 * screen is published after commit. redraw and reopen need a reason (REASON_REQUIRED), reopen a judge; a reveal
 * while some judges have not scored needs one too (WRONG_STATUS without), and reveals them as absent. A reveal with
 * a reason when nobody is missing is WRONG_STATUS: the plain reveal is the step then.
 */
export async function stageAction(input: { ctx: AppContext; actor: Actor | null; stageId: string; body: TStageActionInput }) {
  const { ctx, body } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const { stage, host: actor } = await loadHostedStage(tx, input.actor, input.stageId, 'update');
    const { action } = body;
    if ((action === 'redraw' || action === 'reopen') && !body.reason) throw reasonRequired();
    if (action === 'reopen' && !body.judgeId)
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'judgeId', code: 'REQUIRED' }]);
    // A reason lets the reveal go on without the judges who have not scored (whyNotRevealAbsent).
    const refusal = whyNotStep(true, await factsOf(tx, stage), action, body.reason !== undefined);
    if (refusal) throw new AppError(refusal);

    const base = { ctx, tx, afterCommit, actor, id: stage.id, campaignId: stage.campaignId, from: stage.state, at };
    const version = body.version;
    const go = (to: TStageState, patch?: StagePatch, data?: Record<string, unknown>) =>
      transitionStage({ ...base, to, version, patch, data });
    const current = currentOf(stage, await finalistsOf(tx, stage.id));
    const clockReset = { phaseStartedAt: at, pausedAt: null, pausedMs: 0 };
    switch (action) {
      case 'draw':
      case 'redraw': {
        const { seed, order } = await draw(tx, stage.id);
        const data = { seed, order, ...(action === 'redraw' ? { reason: body.reason, previousSeed: stage.drawSeed } : {}) };
        return go('drawn', { drawSeed: seed, drawnAt: at }, data);
      }
      case 'start':
        return go('waiting', { currentIndex: 0, phaseStartedAt: null, pausedAt: null, pausedMs: 0 });
      case 'present':
        return go('presenting', clockReset, { entryId: current?.entryId });
      case 'qa':
        return go('qa', clockReset, { entryId: current?.entryId });
      case 'score':
        return go('scoring', { phaseStartedAt: null, pausedAt: null, pausedMs: 0 }, { entryId: current?.entryId });
      case 'reveal': {
        const entryId = (current as { entryId: string }).entryId;
        const { result, absent } = await reveal(tx, stage, entryId);
        const data = { entryId, final: result.final, scores: result.scores };
        // Revealed without some judges (asked with a reason, the policy's whyNotRevealAbsent): the event says who
        // was absent and why.
        return go('revealed', undefined, body.reason ? { ...data, reason: body.reason, absent } : data);
      }
      case 'next':
        return go('waiting', { currentIndex: stage.currentIndex + 1 });
      case 'finish':
        return go('finished', undefined, { ranking: await rankFinalists(tx, stage) });
      case 'freeze':
        return go('frozen', { frozenAt: at }, { ranking: await rankFinalists(tx, stage) });
      case 'pause':
        return stepStage({ ...base, action, version, patch: { pausedAt: at } });
      case 'resume': {
        const pausedMs = stage.pausedMs + Math.max(0, at.getTime() - (stage.pausedAt as Date).getTime());
        return stepStage({ ...base, action, version, patch: { pausedAt: null, pausedMs } });
      }
      case 'reopen': {
        const entryId = (current as { entryId: string }).entryId;
        const judgeId = body.judgeId as string;
        const score = await reopen(tx, stage, entryId, judgeId, at);
        const data = { entryId, judgeId, reason: body.reason, scoreId: score.id, total: score.total };
        return stage.state === 'revealed' ? go('scoring', undefined, data) : stepStage({ ...base, action, version, data });
      }
    }
  });
}
