import { MEDALS_S0_10, type TStageScreen, ZStageScreen } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { revealOf } from './reveal.ts';
import { FIXTURE_SEED, type StageFixture, setFinalist, setStage, stageFixture } from './stage-screen.fixtures.ts';
import { FIRST_REVEAL, finalistView, LEAKED, scoringStage, screenOf as screenRoute } from './stage-screen-scoring.fixtures.ts';

// The big screen (issue 11 item 4) over HTTP: GET /api/stages/:stageId/screen, public. Stages are written straight
// into the stage tables (stage-screen.fixtures.ts); the host's steps are not under test here, only what the hall sees
// of the rows. The stream that carries the screen: stage-stream.test.ts.
let t: TestApp;
/** Scoring the second finalist: the first revealed, judge 1 scored, judge 2 recused, judge 3 still scoring. */
let scoring: StageFixture;
const screenOf = (stageId: string) => screenRoute(t, stageId);

beforeAll(async () => {
  t = await startTestApp();
  scoring = await scoringStage(t);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('the stage screen (issue 11 item 4): GET /api/stages/:stageId/screen, public', () => {
  it('S0-10 X-4 the screen while the second finalist is scored: the first one revealed with its running rank, progress without scores (recused shown), no score of a finalist not yet revealed', async () => {
    // No session at all: the hall's screen signs in as nobody.
    const res = await t.app.inject({ method: 'GET', url: `/api/stages/${scoring.stageId}/screen` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const [first, second, third] = scoring.finalists as [
      StageFixture['finalists'][number],
      StageFixture['finalists'][number],
      StageFixture['finalists'][number],
    ];
    const current = await finalistView(second, 2);
    const expected: TStageScreen = {
      id: scoring.stageId,
      campaignId: scoring.campaignId,
      label: '全国总决赛 · 第一场',
      themeLabel: scoring.themeTitle,
      state: 'scoring',
      paused: false,
      version: 9,
      clock: {
        limitSeconds: null,
        warnSeconds: 60,
        phaseStartedAt: null,
        pausedAt: null,
        pausedMs: 0,
        serverNow: t.clock.now().toISOString(),
      },
      draw: { seed: FIXTURE_SEED, drawnAt: t.clock.now().toISOString() },
      current,
      progress: [
        { seat: 1, name: '评委1', status: 'scored' },
        { seat: 2, name: '评委2', status: 'recused' },
        { seat: 3, name: '评委3', status: 'waiting' },
      ],
      finalists: [await finalistView(first, 1, { reveal: FIRST_REVEAL, rank: 1 }), current, await finalistView(third, 3)],
      awards: MEDALS_S0_10,
    };
    expect(res.json()).toEqual(expected);
    expect(ZStageScreen.parse(res.json())).toEqual(expected);
    // The reveal shown is the trimmed mean of the three: 88.5 kept, 91 and 79.25 dropped.
    expect(FIRST_REVEAL.final).toBe(88.5);
    expect(res.body).not.toContain('12.34');
  });

  it('the clock of a running phase: its limit, start and pause; the current reveal shows once revealed; from `finished` the stored rank and award', async () => {
    const f = await stageFixture(t, { finalists: 2, judges: 3, state: 'presenting' });
    const [a, b] = f.finalists as [StageFixture['finalists'][number], StageFixture['finalists'][number]];
    const started = new Date(t.clock.now().getTime() - 90_000);
    const paused = new Date(t.clock.now().getTime() - 10_000);
    await setStage(t, f.stageId, { phaseStartedAt: started, pausedAt: paused, pausedMs: 5_000, presentSeconds: 600 });
    await setFinalist(t, f.stageId, a.id, { reveal: LEAKED, final: LEAKED.final });
    const presenting = await screenOf(f.stageId);
    expect([presenting.paused, presenting.clock, presenting.current?.entryId, presenting.current?.reveal]).toEqual([
      true,
      {
        limitSeconds: 600,
        warnSeconds: 60,
        phaseStartedAt: started.toISOString(),
        pausedAt: paused.toISOString(),
        pausedMs: 5_000,
        serverNow: t.clock.now().toISOString(),
      },
      a.id,
      null,
    ]);
    expect(presenting.progress.map((p) => p.status)).toEqual(['waiting', 'waiting', 'waiting']);

    await setStage(t, f.stageId, { state: 'qa', qaSeconds: 300, pausedAt: null });
    expect((await screenOf(f.stageId)).clock.limitSeconds).toBe(300);

    await setStage(t, f.stageId, { state: 'revealed', phaseStartedAt: null, pausedMs: 0 });
    const revealed = await screenOf(f.stageId);
    expect([revealed.current?.reveal, revealed.finalists.map((x) => [x.rank, x.award])]).toEqual([
      LEAKED,
      [
        [1, null],
        [null, null],
      ],
    ]);

    const second = revealOf({ method: 'mean', judges: [{ seat: 1, name: '评委1', total: 95, recused: false }] });
    await setFinalist(t, f.stageId, b.id, { reveal: second, final: 95, rank: 1, award: 'gold' });
    await setFinalist(t, f.stageId, a.id, { rank: 2, award: 'silver' });
    await setStage(t, f.stageId, { state: 'finished', currentIndex: 1 });
    const finished = await screenOf(f.stageId);
    expect([
      finished.current,
      finished.progress,
      finished.finalists.map((x) => [x.position, x.reveal?.final, x.rank, x.award]),
    ]).toEqual([
      null,
      [],
      [
        [1, 12.34, 2, 'silver'],
        [2, 95, 1, 'gold'],
      ],
    ]);
  });

  it('a draft stage: no draw, no current finalist, no progress; finalists by entry number', async () => {
    const f = await stageFixture(t, { finalists: 3, judges: 2, state: 'draft' });
    const screen = await screenOf(f.stageId);
    const numbers = await Promise.all(
      f.finalists.map(async (e) => (await e.owner.get(`/api/entries/${e.id}`)).json().number as string),
    );
    expect([screen.state, screen.draw, screen.current, screen.progress]).toEqual(['draft', null, null, []]);
    expect(screen.finalists.map((x) => [x.position, x.entryNumber])).toEqual([...numbers].sort().map((n) => [null, n]));
  });

  it('an unknown stage is NOT_FOUND, a malformed id VALIDATION_FAILED', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: `/api/stages/${crypto.randomUUID()}/screen` });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/stages/42/screen' });
    expect([unknown.statusCode, unknown.json().error.code, malformed.statusCode, malformed.json().error.code]).toEqual([
      404,
      'NOT_FOUND',
      400,
      'VALIDATION_FAILED',
    ]);
  });
});
