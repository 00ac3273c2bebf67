import type { TStageFinalist, TStageScreen, TStageState } from '@casearena/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { untrimmedMean } from './reveal.ts';
import { stageFinalists, stageJudges, stageRecusals, stageScores, stages } from './stage.tables.ts';
import { rankStage } from './stage-ranking.ts';

/** The states in which a finalist is on stage (`currentIndex` names it); before the start and after the last, none. */
const ON_STAGE = {
  draft: false,
  drawn: false,
  waiting: true,
  presenting: true,
  qa: true,
  scoring: true,
  revealed: true,
  finished: false,
  frozen: false,
} as const satisfies Record<TStageState, boolean>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The public big-screen view of a stage (issue 11 item 4), GET /api/stages/:stageId/screen and every `screen` event of
 * the stream; null when there is no such stage. Two queries, run together, since every change re-sends it: the stage
 * with its theme and each judge's progress on the current finalist (a judge row joined to that finalist's recusal and
 * submitted score: only whether there is one, never its figures), and the finalists with their entries' titles,
 * numbers and hospitals.
 *
 * Never a score of a finalist not yet revealed: a finalist's reveal is shown only for those already past (position
 * before the current one) or the current one in `revealed`, and from `finished` on for all — whatever the column
 * holds. Before the stage finishes the revealed finalists carry their running rank (rankStage over the reveals) and no
 * award; from `finished` on the rank and award the stage stored (the running rank where none is stored yet).
 */
export async function loadScreen(db: Queryable, stageId: string, now: Date): Promise<TStageScreen | null> {
  const current = and(eq(stageFinalists.stageId, stages.id), eq(stageFinalists.position, sql`${stages.currentIndex} + 1`));
  const [judgeRows, finalistRows] = await Promise.all([
    db
      .select({
        stage: stages,
        themeLabel: campaignThemes.title,
        seat: stageJudges.seat,
        name: stageJudges.name,
        recused: stageRecusals.judgeId,
        scored: stageScores.id,
      })
      .from(stages)
      .innerJoin(campaignThemes, eq(campaignThemes.id, stages.themeId))
      .leftJoin(stageJudges, eq(stageJudges.stageId, stages.id))
      .leftJoin(stageFinalists, current)
      .leftJoin(
        stageRecusals,
        and(
          eq(stageRecusals.stageId, stages.id),
          eq(stageRecusals.entryId, stageFinalists.entryId),
          eq(stageRecusals.judgeId, stageJudges.judgeId),
        ),
      )
      .leftJoin(
        stageScores,
        and(
          eq(stageScores.stageId, stages.id),
          eq(stageScores.entryId, stageFinalists.entryId),
          eq(stageScores.judgeId, stageJudges.judgeId),
          eq(stageScores.status, 'submitted'),
        ),
      )
      .where(eq(stages.id, stageId))
      .orderBy(asc(stageJudges.seat)),
    db
      .select({
        entryId: stageFinalists.entryId,
        position: stageFinalists.position,
        reveal: stageFinalists.reveal,
        rank: stageFinalists.rank,
        award: stageFinalists.award,
        title: entries.title,
        entryNumber: entries.number,
        organization: organizations.name,
      })
      .from(stageFinalists)
      .innerJoin(entries, eq(entries.id, stageFinalists.entryId))
      .innerJoin(organizations, eq(organizations.id, entries.organizationId))
      .where(eq(stageFinalists.stageId, stageId))
      .orderBy(asc(stageFinalists.position), sql`${entries.number} asc nulls last`, asc(stageFinalists.entryId)),
  ]);
  const first = judgeRows[0];
  if (!first) return null;
  const { stage } = first;
  const currentPosition = ON_STAGE[stage.state] ? stage.currentIndex + 1 : null;
  const done = stage.state === 'finished' || stage.state === 'frozen';
  const shows = (position: number | null) =>
    done ||
    (position !== null &&
      currentPosition !== null &&
      (position < currentPosition || (position === currentPosition && stage.state === 'revealed')));

  const finalists: TStageFinalist[] = finalistRows.map((f) => ({
    entryId: f.entryId,
    position: f.position,
    title: f.title,
    organization: f.organization,
    entryNumber: f.entryNumber,
    reveal: f.reveal && shows(f.position) ? f.reveal : null,
    rank: null,
    award: null,
  }));
  const revealed = finalists.flatMap((f) => (f.reveal ? [{ f, reveal: f.reveal }] : []));
  const running = new Map(
    rankStage(
      revealed.map(({ f, reveal }) => ({
        entryId: f.entryId,
        final: reveal.final,
        mean: untrimmedMean(reveal),
        position: f.position ?? 0,
      })),
      stage.awards,
    ).map((r) => [r.entryId, r.rank]),
  );
  finalistRows.forEach((row, i) => {
    const f = finalists[i] as TStageFinalist;
    if (!f.reveal) return;
    f.rank = done && row.rank !== null ? row.rank : (running.get(f.entryId) ?? null);
    f.award = done ? row.award : null;
  });

  const limitSeconds = stage.state === 'presenting' ? stage.presentSeconds : stage.state === 'qa' ? stage.qaSeconds : null;
  const currentFinalist = currentPosition === null ? null : (finalists.find((f) => f.position === currentPosition) ?? null);
  return {
    id: stage.id,
    campaignId: stage.campaignId,
    label: stage.label,
    themeLabel: first.themeLabel,
    state: stage.state,
    paused: stage.pausedAt !== null,
    version: stage.version,
    clock: {
      limitSeconds,
      warnSeconds: stage.warnSeconds,
      phaseStartedAt: limitSeconds === null ? null : iso(stage.phaseStartedAt),
      pausedAt: limitSeconds === null ? null : iso(stage.pausedAt),
      pausedMs: stage.pausedMs,
      serverNow: now.toISOString(),
    },
    draw: stage.drawSeed && stage.drawnAt ? { seed: stage.drawSeed, drawnAt: stage.drawnAt.toISOString() } : null,
    current: currentFinalist,
    progress:
      currentFinalist === null
        ? []
        : judgeRows.flatMap((j) =>
            j.seat === null || j.name === null
              ? []
              : [
                  {
                    seat: j.seat,
                    name: j.name,
                    status: j.recused ? ('recused' as const) : j.scored ? ('scored' as const) : ('waiting' as const),
                  },
                ],
          ),
    finalists,
    awards: stage.awards,
  };
}
