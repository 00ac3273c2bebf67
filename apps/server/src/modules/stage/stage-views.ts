import type { Locale, TStageHostView, TStageJudgeView, TStageList, TStageResults, TStageScreen } from '@casearena/contract';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignAccess, campaignThemes } from '../campaigns/index.ts';
import { loadHostedStage } from './load-hosted-stage.ts';
import { isHost, stageAbilities, whyNotScore } from './stage.policy.ts';
import {
  currentOf,
  factsOf,
  finalistsOf,
  isRevealed,
  judgesOf,
  loadStage,
  rankRowOf,
  recusedOn,
  type StageRow,
  submittedOn,
} from './stage.repo.ts';
import { stageFinalists, stageJudges, stages } from './stage.tables.ts';
import { rankStage, STAGE_TIE_BREAK } from './stage-ranking.ts';
import { loadScreen } from './stage-screen.ts';

async function screenOf(db: Db, stageId: string, now: Date): Promise<TStageScreen> {
  const screen = await loadScreen(db, stageId, now);
  if (!screen) throw new AppError('NOT_FOUND');
  return screen;
}

/**
 * GET /api/stages/:stageId (the host's console): the big screen's view (stage-screen.ts, so the console shows
 * exactly what the hall sees) plus the settings, the judges and every step's ability (stage.policy.ts).
 */
export async function hostView(db: Db, stage: StageRow, now: Date): Promise<TStageHostView> {
  const [screen, judges, facts] = await Promise.all([screenOf(db, stage.id, now), judgesOf(db, stage.id), factsOf(db, stage)]);
  return {
    ...screen,
    themeId: stage.themeId,
    sourceRoundId: stage.sourceRoundId,
    presentSeconds: stage.presentSeconds,
    qaSeconds: stage.qaSeconds,
    method: stage.method,
    sheet: stage.sheet,
    judges: judges.map((j) => ({ judgeId: j.judgeId, seat: j.seat, name: j.name })),
    abilities: stageAbilities(true, facts),
  };
}

/** The host view of a stage the caller hosts (NOT_FOUND for anyone else, UNAUTHENTICATED signed out). */
export async function readHostView(db: Db, actor: Actor | null, stageId: string, now: Date): Promise<TStageHostView> {
  const { stage } = await loadHostedStage(db, actor, stageId);
  return hostView(db, stage, now);
}

/**
 * GET /api/stages/:stageId/judge (a judge's phone): the current finalist as the screen shows it, the sheet, what
 * the server holds of this judge's score on it (回避 when recused, X-4) and whether they may submit now.
 */
export async function judgeView(
  db: Db,
  stage: StageRow,
  judge: { judgeId: string; seat: number },
  now: Date,
): Promise<TStageJudgeView> {
  const screen = await screenOf(db, stage.id, now);
  const current = currentOf(stage, await finalistsOf(db, stage.id));
  let mine: TStageJudgeView['mine'] = { status: 'none', scores: null, total: null };
  let recused = false;
  let submitted = false;
  if (current) {
    const [r, s] = await Promise.all([recusedOn(db, stage.id, current.entryId), submittedOn(db, stage.id, current.entryId)]);
    recused = r.has(judge.judgeId);
    const score = s.get(judge.judgeId);
    submitted = score !== undefined;
    if (recused) mine = { status: 'recused', scores: null, total: null };
    else if (score) mine = { status: 'submitted', scores: score.scores, total: score.total };
  }
  // The phone's ability is about the finalist on stage, so NOT_PRESENTING (another finalist) cannot arise here.
  const refusal = whyNotScore({ state: stage.state, currentEntryId: current?.entryId ?? null, recused, submitted }, null);
  return {
    id: stage.id,
    label: stage.label,
    themeLabel: screen.themeLabel,
    state: stage.state,
    version: stage.version,
    seat: judge.seat,
    sheet: stage.sheet,
    current: screen.current,
    mine,
    abilities: { submit: refusal === 'NOT_PRESENTING' ? 'STAGE_NOT_SCORING' : (refusal ?? true) },
  };
}

/**
 * GET /api/campaigns/:campaignId/stages: every stage of the campaign for its host (role host, canCreate), the
 * stages a judge sits on for that judge (role judge); anyone else NOT_FOUND.
 */
export async function listStages(db: Db, actor: Actor, campaignId: string): Promise<TStageList> {
  const { access } = await campaignAccess(db, actor, campaignId);
  const host = access === 'platform' || access === 'manager';
  const seated = host
    ? []
    : await db
        .select({ stageId: stageJudges.stageId })
        .from(stageJudges)
        .innerJoin(stages, eq(stages.id, stageJudges.stageId))
        .where(and(eq(stages.campaignId, campaignId), eq(stageJudges.userId, actor.id)));
  if (!host && seated.length === 0) throw new AppError('NOT_FOUND');
  const rows = await db
    .select({ id: stages.id, label: stages.label, state: stages.state, themeLabel: campaignThemes.title })
    .from(stages)
    .innerJoin(campaignThemes, eq(campaignThemes.id, stages.themeId))
    .where(
      and(
        eq(stages.campaignId, campaignId),
        host
          ? undefined
          : inArray(
              stages.id,
              seated.map((s) => s.stageId),
            ),
      ),
    )
    .orderBy(asc(stages.createdAt), asc(stages.id));
  const ids = rows.map((r) => r.id);
  const countBy = async (table: typeof stageFinalists | typeof stageJudges) =>
    ids.length === 0
      ? new Map<string, number>()
      : new Map(
          (
            await db
              .select({ stageId: table.stageId, n: count() })
              .from(table)
              .where(inArray(table.stageId, ids))
              .groupBy(table.stageId)
          ).map((r) => [r.stageId, Number(r.n)]),
        );
  const [finalists, judges] = await Promise.all([countBy(stageFinalists), countBy(stageJudges)]);
  return {
    stages: rows.map((r) => ({
      ...r,
      finalists: finalists.get(r.id) ?? 0,
      judges: judges.get(r.id) ?? 0,
      role: host ? 'host' : 'judge',
    })),
    canCreate: host,
  };
}

/**
 * GET /api/stages/:stageId/results (issue 11 item 5): the revealed finalists ranked with the stated tie-break and
 * their awards (S0-10 gold 1, silver 2-3, bronze 4-6; S2-6 1st/2nd/3rd prizes). Once the stage is finished the
 * stored ranks are shown (frozen: final); before, rankStage over the finalists revealed so far. The host sees it
 * at any time; everyone, signed in or not, once the stage is frozen; otherwise NOT_FOUND.
 */
export async function resultsView(
  db: Db,
  actor: Actor | null,
  stageId: string,
  now: Date,
  locale: Locale,
): Promise<TStageResults> {
  const stage = await loadStage(db, stageId);
  if (stage.state !== 'frozen' && !(await isHost(db, actor, stage.campaignId))) throw new AppError('NOT_FOUND');
  const screen = await screenOf(db, stage.id, now);
  const shown = new Map(screen.finalists.map((f) => [f.entryId, f]));
  const finalists = (await finalistsOf(db, stage.id)).filter(isRevealed);
  const stored = stage.state === 'finished' || stage.state === 'frozen';
  const ranked = stored
    ? finalists.map((f) => ({ entryId: f.entryId, rank: f.rank ?? 0, award: f.award }))
    : rankStage(finalists.map(rankRowOf), stage.awards);
  const finalOf = new Map(finalists.map((f) => [f.entryId, f.final]));
  return {
    stageId: stage.id,
    state: stage.state,
    frozenAt: stage.frozenAt?.toISOString() ?? null,
    tieBreak: STAGE_TIE_BREAK[locale],
    rows: ranked
      .map((r) => ({
        entryId: r.entryId,
        rank: r.rank,
        title: shown.get(r.entryId)?.title ?? '',
        organization: shown.get(r.entryId)?.organization ?? '',
        final: finalOf.get(r.entryId) ?? 0,
        award: r.award,
      }))
      // By rank; equal ranks keep the presenting order both lists come in, as on the big screen's leaderboard.
      .sort((a, b) => a.rank - b.rank),
  };
}
