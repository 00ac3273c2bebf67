import type { AddressInfo } from 'node:net';
import type { TStageScreen } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { openSse, type SseEvent, type SseStream } from '../../../test/sse.ts';
import { revealOf } from './reveal.ts';
import { announceStage } from './stage-live.ts';
import { type StageFixture, setFinalist, setStage, stageFixture, submittedScore } from './stage-screen.fixtures.ts';
import { scoringStage, screenOf as screenRoute } from './stage-screen-scoring.fixtures.ts';
import { MAX_STAGE_STREAMS_PER_IP, STAGE_HEARTBEAT_MS } from './stage-stream.routes.ts';

// The big screen's public SSE stream (issue 11 item 4) over real HTTP, read as a browser's EventSource would. Stages
// are written straight into the stage tables (stage-screen.fixtures.ts); the host's steps are not under test here,
// only how a change reaches the hall (the screen itself: stage-screen.test.ts). On one node the realtime is in
// process (stage-live-redis.test.ts: across nodes through Redis).
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
const screenOf = (stageId: string) => screenRoute(t, stageId);

async function until(what: string, probe: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

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

  scoring = await scoringStage(t);
}, 300_000);

afterAll(async () => {
  quiet?.close();
  for (const s of streams) s.close();
  await t?.close();
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
