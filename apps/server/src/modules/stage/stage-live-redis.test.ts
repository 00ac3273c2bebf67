import fs from 'node:fs';
import type { TStageScreen } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../../../test/app.ts';
import { PASSWORD } from '../../../test/factories.ts';
import { type RedisNode as Node, type RedisNodes, startRedisNodes, until } from '../../../test/redis-nodes.ts';
import {
  freshPostgresDatabase,
  HttpClient,
  killAll,
  type SpawnedServer,
  spawnServer,
  tempDir,
  withSetupApp,
} from '../../../test/spawned-server.ts';
import { openSse, type SseEvent, type SseStream } from '../../../test/sse.ts';
import { announceStage } from './stage-live.ts';
import { type StageFixture, setStage, stageFixture } from './stage-screen.fixtures.ts';

// The big screen's fan-out across nodes through Redis (issue 11 item 4). First two nodes of a cluster in one process
// (two apps on one database — PGlite or PostgreSQL — and one Redis, each with its own realtime connections): the
// machine's Redis (REDIS_URL) when set, else one the fixture starts; the outage case always uses its own Redis, since
// it stops it (test/redis-nodes.ts). Then two real server processes (src/server.ts) on one PostgreSQL database and
// one Redis, which need DATABASE_URL and REDIS_URL (said on the console when skipped).
const SHARED = process.env.REDIS_URL;
const PG = process.env.DATABASE_URL;
const why = !PG ? 'DATABASE_URL is not set' : !SHARED ? 'REDIS_URL is not set' : null;
if (why)
  console.log(
    `stage-live-redis.test.ts: the two-process case is skipped: ${why} (two server processes need PostgreSQL and Redis)`,
  );

let cluster: RedisNodes;
const node = (redisUrl: string) => cluster.node(redisUrl);
const streams: SseStream[] = [];
let stage: StageFixture;

const isScreen = (e: SseEvent) => e.event === 'screen';
const screens = (s: SseStream) => s.events.filter(isScreen).map((e) => JSON.parse(e.data) as TStageScreen);
const statuses = (s: SseStream) => s.events.filter((e) => e.event === 'status').map((e) => JSON.parse(e.data).live);
const inState = (state: string, version: number) => (e: SseEvent) =>
  isScreen(e) && JSON.parse(e.data).state === state && JSON.parse(e.data).version === version;

async function streamOn(base: string, stageId: string) {
  const s = await openSse(`${base}/api/stages/${stageId}/stream`);
  streams.push(s);
  expect(s.status, s.text()).toBe(200);
  await s.next((e) => e.event === 'status', { ms: 30_000 });
  return s;
}

/** The stage moves on (the columns as the host's step writes them; the writer is H1's and tested there). */
async function step(state: 'presenting' | 'qa' | 'scoring', version: number) {
  await setStage(cluster.setup, stage.stageId, { state, version });
}

describe('the stage screen across nodes through Redis (issue 11 item 4), two nodes in one process', () => {
  beforeAll(async () => {
    cluster = await startRedisNodes();
    stage = await stageFixture(cluster.setup, { finalists: 2, judges: 3, state: 'waiting' });
  }, 300_000);

  afterAll(async () => {
    for (const s of streams.splice(0)) s.close();
    await cluster?.close();
  });

  it("a change announced on node A reaches a screen served by node B, and A's own screen once (A skips its echo)", async () => {
    const url = cluster.sharedUrl;
    if (!cluster.machine) console.info('stage-live-redis.test.ts: REDIS_URL is not set, two nodes on a Redis this file started');
    const [a, b] = [await node(url), await node(url)] as [Node, Node];
    await until('both nodes subscribed', () => a.app.ctx.realtime.connected() && b.app.ctx.realtime.connected());
    const [onA, onB] = [await streamOn(a.base, stage.stageId), await streamOn(b.base, stage.stageId)];
    expect([statuses(onA), statuses(onB)]).toEqual([[true], [true]]);

    await step('presenting', 2);
    const sent = performance.now();
    await announceStage(a.app.ctx, stage.stageId);
    const [gotA, gotB] = await Promise.all([onA.next(inState('presenting', 2)), onB.next(inState('presenting', 2))]);
    console.info(
      `stage-live-redis.test.ts: announce on A -> A's screen ${(gotA.at - sent).toFixed(1)} ms, B's screen through Redis ${(gotB.at - sent).toFixed(1)} ms`,
    );
    // Forwarded verbatim: B's event is the very JSON A built.
    expect(gotB.data).toBe(gotA.data);
    // B announces next: Redis hands A's subscriber A's echo before it, so a duplicate would show here.
    await step('qa', 3);
    await announceStage(b.app.ctx, stage.stageId);
    await Promise.all([onA.next(inState('qa', 3)), onB.next(inState('qa', 3))]);
    for (const s of [onA, onB])
      expect(screens(s).map((x) => [x.state, x.version])).toEqual([
        ['waiting', 1],
        ['presenting', 2],
        ['qa', 3],
      ]);
  });

  it('a Redis outage: screens are told `live: false`, a change still reaches its own node; once Redis is back they are told `live: true` and get the current screen without any announcement', async () => {
    const [a, b] = [await node(cluster.outage.url), await node(cluster.outage.url)] as [Node, Node];
    await until('both nodes subscribed', () => a.app.ctx.realtime.connected() && b.app.ctx.realtime.connected());
    const [onA, onB] = [await streamOn(a.base, stage.stageId), await streamOn(b.base, stage.stageId)];

    await cluster.outage.stop();
    await Promise.all([onA, onB].map((s) => s.next((e) => e.event === 'status' && JSON.parse(e.data).live === false)));
    await step('scoring', 4);
    await announceStage(a.app.ctx, stage.stageId);
    await onA.next(inState('scoring', 4));

    await cluster.outage.start();
    await Promise.all(
      [onA, onB].map((s) => s.next((e) => e.event === 'status' && JSON.parse(e.data).live === true, { ms: 30_000, from: 2 })),
    );
    // B never got A's message (dropped, not queued); back on Redis it re-reads the screen itself.
    const back = await onB.next(inState('scoring', 4), { ms: 10_000 });
    expect(JSON.parse(back.data).state).toBe('scoring');
    expect(screens(onB).map((x) => x.version)).toEqual([3, 4]);
    expect([statuses(onA), statuses(onB)]).toEqual([
      [true, false, true],
      [true, false, true],
    ]);
    // And changes cross again.
    await step('scoring', 5);
    await announceStage(a.app.ctx, stage.stageId);
    await onB.next(inState('scoring', 5));
  }, 120_000);
});

describe.skipIf(why !== null)('the stage screen across two server processes (PostgreSQL + Redis)', () => {
  const dirs = [tempDir('stage-setup'), tempDir('stage-node-a'), tempDir('stage-node-b')];
  let pg: { url: string; drop(): Promise<void> } | undefined;
  let a: SpawnedServer;
  let b: SpawnedServer;
  let fixture: StageFixture;

  beforeAll(async () => {
    pg = await freshPostgresDatabase(PG as string);
    // The finalists' entries are made while their call takes submissions (the fixture's phases are in March 2026).
    fixture = await withSetupApp({ databaseUrl: pg.url, dataDir: dirs[0] as string }, (t) => {
      t.clock.set(new Date(T0));
      return stageFixture(t, { finalists: 2, judges: 3, state: 'waiting' });
    });
    const shared = { DATABASE_URL: pg.url, REDIS_URL: SHARED as string, LOG_LEVEL: 'warn' };
    [a, b] = await Promise.all([
      spawnServer('stage-node-a', { ...shared, DATA_DIR: dirs[1] as string }),
      spawnServer('stage-node-b', { ...shared, DATA_DIR: dirs[2] as string }),
    ]);
  }, 240_000);

  afterAll(async () => {
    for (const s of streams.splice(0)) s.close();
    await killAll();
    await pg?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }, 120_000);

  it("the host's step on process A reaches the big screen served by process B, and B's step the screen on A", async () => {
    const onB = await streamOn(b.baseUrl, fixture.stageId);
    const onA = await streamOn(a.baseUrl, fixture.stageId);
    for (const s of [onA, onB]) expect(statuses(s)).toEqual([true]);
    const hostOnA = await new HttpClient(a.baseUrl).login(fixture.hostEmail, PASSWORD);
    const sent = performance.now();
    const present = await hostOnA.post(`/api/stages/${fixture.stageId}/actions`, { action: 'present', version: 1 });
    expect(present.status, present.text() + a.output()).toBe(200);
    const got = await onB.next(inState('presenting', 2), { ms: 5_000 });
    console.info(`stage-live-redis.test.ts: host step POSTed on A -> B's screen ${(got.at - sent).toFixed(1)} ms after the POST`);
    const hostOnB = hostOnA.on(b.baseUrl);
    const qa = await hostOnB.post(`/api/stages/${fixture.stageId}/actions`, { action: 'qa', version: 2 });
    expect(qa.status, qa.text() + b.output()).toBe(200);
    await onA.next(inState('qa', 3), { ms: 5_000 });
    await onB.next(inState('qa', 3), { ms: 5_000 });
    for (const s of [onA, onB]) {
      expect(screens(s).map((x) => [x.state, x.version])).toEqual([
        ['waiting', 1],
        ['presenting', 2],
        ['qa', 3],
      ]);
    }
    // The screen route of either process answers what the streams last showed.
    const plain = (await (await fetch(`${b.baseUrl}/api/stages/${fixture.stageId}/screen`)).json()) as TStageScreen;
    expect({ ...plain, clock: null }).toEqual({ ...(screens(onB).at(-1) as TStageScreen), clock: null });
  }, 120_000);
});
