import type { AddressInfo } from 'node:net';
import { MEDALS_S0_10, type TStageScreen, ZStageScreen } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { openSse, type SseEvent, type SseStream } from '../../../test/sse.ts';
import { revealOf } from './reveal.ts';
import { announceStage } from './stage-live.ts';
import {
  FIXTURE_SEED,
  recusal,
  type StageFixture,
  setFinalist,
  setStage,
  stageFixture,
  submittedScore,
} from './stage-screen.fixtures.ts';
import { MAX_STAGE_STREAMS_PER_IP, STAGE_HEARTBEAT_MS } from './stage-stream.routes.ts';

// The big screen (issue 11 item 4) over real HTTP: GET /api/stages/:stageId/screen and the public SSE stream, read as
// a browser's EventSource would. Stages are written straight into the stage tables (stage-screen.fixtures.ts); the
// host's steps are not under test here, only what the hall sees of the rows and how a change reaches it. On one node
// the realtime is in process (stage-live-redis.test.ts: across nodes through Redis).
let t: TestApp;
let base: string;
const streams: SseStream[] = [];
/** Open realtime subscriptions of the app (wrapped below), to see that closed streams leave none behind. */
let subscriptions = 0;
/** Scoring the second finalist: the first revealed, judge 1 scored, judge 2 recused, judge 3 still scoring. */
let scoring: StageFixture;
/** A stream nobody announces to, open from the start, for the heartbeat. */
let quiet: SseStream;

const isScreen = (e: SseEvent) => e.event === 'screen';
const screens = (s: SseStream) => s.events.filter(isScreen).map((e) => JSON.parse(e.data) as TStageScreen);

async function streamOf(stageId: string, headers: Record<string, string> = {}) {
  const s = await openSse(`${base}/api/stages/${stageId}/stream`, headers);
  streams.push(s);
  return s;
}
/** The stream's first screen; the route attaches before it writes, so a change announced after this reaches it. */
const opened = async (s: SseStream) => {
  expect(s.status, s.text()).toBe(200);
  return JSON.parse((await s.next(isScreen)).data) as TStageScreen;
};
const screenOf = async (stageId: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/stages/${stageId}/screen` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TStageScreen;
};

async function until(what: string, probe: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const FIRST_REVEAL = revealOf({
  method: 'trimmed',
  judges: [
    { seat: 1, name: '评委1', total: 88.5, recused: false },
    { seat: 2, name: '评委2', total: 91, recused: false },
    { seat: 3, name: '评委3', total: 79.25, recused: false },
  ],
});
/** A reveal that must never show: written into the columns of finalists whose turn has not come. */
const LEAKED = revealOf({ method: 'mean', judges: [{ seat: 1, name: '评委1', total: 12.34, recused: false }] });

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const quietStage = await stageFixture(t, { finalists: 1, judges: 1, state: 'drawn' });
  quiet = await openSse(`${base}/api/stages/${quietStage.stageId}/stream`);
  const realtime = t.app.ctx.realtime;
  const subscribe = realtime.subscribe.bind(realtime);
  realtime.subscribe = (channel, listener) => {
    subscriptions += 1;
    const off = subscribe(channel, listener);
    let once = false;
    return () => {
      if (!once) subscriptions -= 1;
      once = true;
      off();
    };
  };

  scoring = await stageFixture(t, { finalists: 3, judges: 3, state: 'scoring', currentIndex: 1 });
  const [first, second, third] = scoring.finalists as [
    StageFixture['finalists'][number],
    StageFixture['finalists'][number],
    StageFixture['finalists'][number],
  ];
  const [j1, j2] = scoring.judges as [StageFixture['judges'][number], StageFixture['judges'][number]];
  await setFinalist(t, scoring.stageId, first.id, { reveal: FIRST_REVEAL, final: FIRST_REVEAL.final });
  await setFinalist(t, scoring.stageId, second.id, { reveal: LEAKED, final: LEAKED.final });
  await setFinalist(t, scoring.stageId, third.id, { reveal: LEAKED, final: LEAKED.final, rank: 1, award: 'gold' });
  await submittedScore(t, scoring.stageId, second.id, j1.judgeId, 90);
  await recusal(t, scoring.stageId, second.id, j2.judgeId);
  // Judge 1's score of the first finalist is no business of the second one's progress.
  await submittedScore(t, scoring.stageId, first.id, j2.judgeId, 91);
  await setStage(t, scoring.stageId, { version: 9 });
}, 300_000);

afterAll(async () => {
  quiet?.close();
  for (const s of streams) s.close();
  await t?.close();
});

/** The finalist as the screen shows it, the entry's number read from the entry. */
async function finalistView(f: StageFixture['finalists'][number], position: number | null, more: object = {}) {
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

describe('the stage stream (issue 11 item 4): GET /api/stages/:stageId/stream, public SSE', () => {
  it('the first event is the current screen, exactly the screen route’s body, then `status` { live: true }; retry hint and the stream headers', async () => {
    const s = await streamOf(scoring.stageId);
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toBe('no-store, no-transform');
    expect(s.headers['x-accel-buffering']).toBe('no');
    expect(s.headers['x-content-type-options']).toBe('nosniff');
    expect(await opened(s)).toEqual(await screenOf(scoring.stageId));
    await s.next((e) => e.event === 'status');
    expect(s.events.map((e) => e.event)).toEqual(['screen', 'status']);
    expect(JSON.parse(s.events[1]?.data as string)).toEqual({ live: true });
    expect(s.retry).toBe(2000);
  });

  it('S0-10 a change announced after its commit (announceStage) reaches every open screen as the new screen, in order', async () => {
    const f = await stageFixture(t, { finalists: 2, judges: 3, state: 'waiting' });
    const [a, b] = [await streamOf(f.stageId), await streamOf(f.stageId)];
    const before = await opened(a);
    await opened(b);
    expect(before.state).toBe('waiting');

    await setStage(t, f.stageId, { state: 'presenting', phaseStartedAt: t.clock.now(), version: 2 });
    const sent = performance.now();
    await announceStage(t.app.ctx, f.stageId);
    const got = await a.next((e) => isScreen(e) && JSON.parse(e.data).state === 'presenting');
    console.info(`stage-stream.test.ts: announce -> screen on the stream in ${(got.at - sent).toFixed(1)} ms (one process)`);
    const presenting = await screenOf(f.stageId);
    expect(JSON.parse(got.data)).toEqual(presenting);
    await b.next((e) => isScreen(e) && JSON.parse(e.data).state === 'presenting');

    // A judge's score (no version change): the progress moves, no score shows.
    await submittedScore(t, f.stageId, f.finalists[0]?.id as string, f.judges[2]?.judgeId as string, 87);
    void announceStage(t.app.ctx, f.stageId);
    await setStage(t, f.stageId, { state: 'qa', version: 3 });
    void announceStage(t.app.ctx, f.stageId);
    await a.next((e) => isScreen(e) && JSON.parse(e.data).state === 'qa');
    await b.next((e) => isScreen(e) && JSON.parse(e.data).state === 'qa');
    for (const s of [a, b]) {
      const seen = screens(s);
      // The last is the current screen; the versions never go back.
      expect(seen.at(-1)).toEqual(await screenOf(f.stageId));
      expect(seen.map((x) => x.version)).toEqual([...seen.map((x) => x.version)].sort((x, y) => x - y));
      expect(seen.at(-1)?.progress.map((p) => p.status)).toEqual(['waiting', 'waiting', 'scored']);
      expect(seen.flatMap((x) => x.finalists.map((y) => y.reveal))).toEqual(seen.flatMap(() => [null, null]));
    }
    // Another stage's announcement reaches neither.
    const count = a.events.length;
    await announceStage(t.app.ctx, scoring.stageId);
    await announceStage(t.app.ctx, f.stageId);
    await a.next(isScreen, { from: count });
    expect(a.events.slice(count).map((e) => JSON.parse(e.data).id)).toEqual([f.stageId]);
  });

  it('a burst of changes announced together is built once, after the last commit; one announced while a build runs gets its own build after it', async () => {
    const f = await stageFixture(t, { finalists: 1, judges: 5, state: 'scoring' });
    const s = await streamOf(f.stageId);
    await opened(s);
    const realtime = t.app.ctx.realtime;
    const publish = realtime.publish.bind(realtime);
    let published = 0;
    realtime.publish = (channel, message) => {
      if (channel === `stage:${f.stageId}`) published += 1;
      publish(channel, message);
    };
    try {
      // Five judges' scores committed, each announced after its commit, all before the first build starts.
      for (const j of f.judges) await submittedScore(t, f.stageId, f.finalists[0]?.id as string, j.judgeId, 80);
      await Promise.all(f.judges.map(() => announceStage(t.app.ctx, f.stageId)));
      expect(published).toBe(1);
      await s.next((e) => isScreen(e) && !e.data.includes('"waiting"'), { from: 1 });
      expect(screens(s).map((x) => x.progress.filter((p) => p.status === 'scored').length)).toEqual([0, 5]);
      // While a build runs, the next change waits for its own (its commit may come after that build's read).
      const running = announceStage(t.app.ctx, f.stageId);
      await new Promise((r) => setImmediate(r));
      const next = announceStage(t.app.ctx, f.stageId);
      expect(next).not.toBe(running);
      await Promise.all([running, next]);
      expect(published).toBe(3);
    } finally {
      realtime.publish = publish;
    }
  });

  it('a screen whose stream dropped reconnects and gets the current screen first, with the changes it missed', async () => {
    const f = await stageFixture(t, { finalists: 2, judges: 3, state: 'scoring' });
    const s = await streamOf(f.stageId);
    expect((await opened(s)).state).toBe('scoring');
    s.close();
    await until('the stream to be let go', () => s.ended());
    const reveal = revealOf({
      method: 'trimmed',
      judges: f.judges.map((j, i) => ({ seat: j.seat, name: j.name, total: 80 + i, recused: false })),
    });
    await setFinalist(t, f.stageId, f.finalists[0]?.id as string, { reveal, final: reveal.final });
    await setStage(t, f.stageId, { state: 'revealed', version: 5 });
    await announceStage(t.app.ctx, f.stageId);
    // The browser reconnects after the retry hint.
    const again = await streamOf(f.stageId);
    const first = await opened(again);
    expect(first).toEqual(await screenOf(f.stageId));
    expect([first.state, first.version, first.current?.reveal?.final]).toEqual(['revealed', 5, 81]);
  });

  it('an unknown stage is NOT_FOUND, a malformed id or a caller not asking for an event stream VALIDATION_FAILED', async () => {
    const unknown = await streamOf(crypto.randomUUID());
    const malformed = await streamOf('not-a-uuid');
    const url = `/api/stages/${scoring.stageId}/stream`;
    const asJson = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
    const bare = await t.app.inject({ method: 'GET', url });
    expect(
      [asJson, bare].map((r) => [
        r.statusCode,
        r.json().error.code,
        r.json().error.fields.map((x: { path: string; code: string }) => [x.path, x.code]),
      ]),
    ).toEqual([
      [400, 'VALIDATION_FAILED', [['accept', 'INVALID']]],
      [400, 'VALIDATION_FAILED', [['accept', 'REQUIRED']]],
    ]);
    for (const [s, status, code] of [
      [unknown, 404, 'NOT_FOUND'],
      [malformed, 400, 'VALIDATION_FAILED'],
    ] as const) {
      await until('the refusal body', () => s.ended());
      expect([s.status, JSON.parse(s.text()).error.code]).toEqual([status, code]);
    }
  });

  it('one realtime subscription per stage with open streams; a refused or closed stream leaves none behind', async () => {
    for (const s of streams.splice(0)) s.close();
    await until('every earlier stream to be let go', () => subscriptions === 0);
    const [a, b] = [await streamOf(scoring.stageId), await streamOf(scoring.stageId)];
    await Promise.all([opened(a), opened(b)]);
    expect(subscriptions).toBe(1);
    a.close();
    await announceStage(t.app.ctx, scoring.stageId);
    await b.next(isScreen, { from: 2 });
    expect(subscriptions).toBe(1);
    b.close();
    await until('the last stream to be let go', () => subscriptions === 0);
    const refused = await streamOf(crypto.randomUUID());
    await until('the refusal body', () => refused.ended());
    expect(subscriptions).toBe(0);
    // Nobody listening: an announcement goes nowhere and breaks nothing.
    await announceStage(t.app.ctx, scoring.stageId);
    await announceStage(t.app.ctx, crypto.randomUUID());
  });

  it('a quiet stream gets a heartbeat comment and nothing else', async () => {
    await until('a heartbeat', () => quiet.comments.length > 0, STAGE_HEARTBEAT_MS + 10_000);
    expect(quiet.comments[0]).toBe('ping');
    expect(quiet.events.map((e) => e.event)).toEqual(['screen', 'status']);
    expect(quiet.ended()).toBe(false);
    quiet.close();
  }, 30_000);

  it('one address holds at most MAX_STAGE_STREAMS_PER_IP streams: the next is RATE_LIMITED (the screen polls), a freed one lets it in', async () => {
    for (const s of streams.splice(0)) s.close();
    await until('every earlier stream to be let go', () => subscriptions === 0);
    const held: SseStream[] = [];
    for (let i = 0; i < MAX_STAGE_STREAMS_PER_IP; i += 20) {
      held.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, MAX_STAGE_STREAMS_PER_IP - i) }, () => streamOf(scoring.stageId)),
        )),
      );
    }
    await Promise.all(held.map(opened));
    const refused = await streamOf(scoring.stageId);
    await until('the refusal body', () => refused.ended());
    expect([refused.status, JSON.parse(refused.text()).error.code]).toEqual([429, 'RATE_LIMITED']);
    held[0]?.close();
    let next = await streamOf(scoring.stageId);
    for (let tries = 0; next.status !== 200 && tries < 100; tries += 1) {
      await new Promise((r) => setTimeout(r, 20));
      next = await streamOf(scoring.stageId);
    }
    await opened(next);
    for (const s of streams.splice(0)) s.close();
    await until('every stream to be let go', () => subscriptions === 0);
  });

  it('closing the app ends the open streams instead of waiting for them', async () => {
    const node = await startTestApp({ database: t.database });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
    const s = await openSse(`${url}/api/stages/${scoring.stageId}/stream`);
    streams.push(s);
    await opened(s);
    await node.close();
    await until('the stream to end', () => s.ended());
  });
});
