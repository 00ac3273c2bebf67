import type { TStageScreen } from '@casearena/contract';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { revealOf } from './reveal.ts';
import { recusal, type StageFixture, setFinalist, setStage, stageFixture, submittedScore } from './stage-screen.fixtures.ts';

// What the screen's tests (stage-screen.test.ts) and the stream's (stage-stream.test.ts) both read: a stage in the
// middle of scoring, the reveals written into its rows, the screen route's answer and a finalist as it shows.

export const FIRST_REVEAL = revealOf({
  method: 'trimmed',
  judges: [
    { seat: 1, name: '评委1', total: 88.5, recused: false },
    { seat: 2, name: '评委2', total: 91, recused: false },
    { seat: 3, name: '评委3', total: 79.25, recused: false },
  ],
});
/** A reveal that must never show: written into the columns of finalists whose turn has not come. */
export const LEAKED = revealOf({ method: 'mean', judges: [{ seat: 1, name: '评委1', total: 12.34, recused: false }] });

type Finalist = StageFixture['finalists'][number];

/** Scoring the second finalist: the first revealed, judge 1 scored, judge 2 recused, judge 3 still scoring. */
export async function scoringStage(t: TestApp): Promise<StageFixture> {
  const scoring = await stageFixture(t, { finalists: 3, judges: 3, state: 'scoring', currentIndex: 1 });
  const [first, second, third] = scoring.finalists as [Finalist, Finalist, Finalist];
  const [j1, j2] = scoring.judges as [StageFixture['judges'][number], StageFixture['judges'][number]];
  await setFinalist(t, scoring.stageId, first.id, { reveal: FIRST_REVEAL, final: FIRST_REVEAL.final });
  await setFinalist(t, scoring.stageId, second.id, { reveal: LEAKED, final: LEAKED.final });
  await setFinalist(t, scoring.stageId, third.id, { reveal: LEAKED, final: LEAKED.final, rank: 1, award: 'gold' });
  await submittedScore(t, scoring.stageId, second.id, j1.judgeId, 90);
  await recusal(t, scoring.stageId, second.id, j2.judgeId);
  // Judge 1's score of the first finalist is no business of the second one's progress.
  await submittedScore(t, scoring.stageId, first.id, j2.judgeId, 91);
  await setStage(t, scoring.stageId, { version: 9 });
  return scoring;
}

/** The screen route's answer, as the hall's screen reads it (no session). */
export async function screenOf(t: TestApp, stageId: string): Promise<TStageScreen> {
  const res = await t.app.inject({ method: 'GET', url: `/api/stages/${stageId}/screen` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TStageScreen;
}

/** The finalist as the screen shows it, the entry's number read from the entry. */
export async function finalistView(f: Finalist, position: number | null, more: object = {}) {
  const entry = (await f.owner.get(`/api/entries/${f.id}`)).json();
  return {
    entryId: f.id,
    position,
    title: f.title,
    organization: f.hospital.name,
    entryNumber: entry.number as string,
    reveal: null,
    rank: null,
    award: null,
    ...more,
  };
}
