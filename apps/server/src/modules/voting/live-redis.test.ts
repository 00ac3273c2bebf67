import { randomUUID } from 'node:crypto';
import type { TVoteCountEvent } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCampaign } from '../../../test/entries.ts';
import { type RedisNode as Node, type RedisNodes, startRedisNodes, until } from '../../../test/redis-nodes.ts';
import { openSse, type SseEvent, type SseStream } from '../../../test/sse.ts';
import { announceCounts } from './live.ts';

// Two nodes of a cluster in one process: two apps on one database and one Redis, each with its own realtime (its
// own Redis connections). The machine's Redis (REDIS_URL) when set, else one the fixture starts; the outage case
// always uses its own Redis, since it stops it (test/redis-nodes.ts).
let cluster: RedisNodes;
const node = (redisUrl: string) => cluster.node(redisUrl);
const streams: SseStream[] = [];
let campaign: { id: string; themes: Array<{ id: string }> };
/** The outage case's two nodes, still running for the late node's case. */
let outageNodes: Node[] = [];

async function streamOn(n: Node) {
  const s = await openSse(`${n.base}/api/campaigns/${campaign.id}/votes/stream`);
  streams.push(s);
  expect(s.status, s.text()).toBe(200);
  await s.next((e) => e.event === 'status');
  return s;
}

const isCount = (e: SseEvent) => e.event === 'count';
const counts = (s: SseStream) => s.events.filter(isCount).map((e) => JSON.parse(e.data) as TVoteCountEvent);
const statuses = (s: SseStream) => s.events.filter((e) => e.event === 'status').map((e) => JSON.parse(e.data).live);
const countOf = (votes: number): TVoteCountEvent => ({
  entryId: randomUUID(),
  weight: votes,
  votes,
  voidedVotes: 0,
  campaignId: campaign.id,
  themeId: campaign.themes[0]?.id as string,
});
const received = (s: SseStream, event: TVoteCountEvent) =>
  s.next((e) => isCount(e) && e.data === JSON.stringify(event), { ms: 5_000 });

beforeAll(async () => {
  cluster = await startRedisNodes();
  // The campaign is made through a node's HTTP routes, as in every other test.
  ({ campaign } = await publishedCampaign(cluster.setup));
}, 300_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await cluster?.close();
});

describe('live vote counts across nodes through Redis (issue 9 item 3)', () => {
  it("S0-14 a count announced on node A reaches a page served by node B, and A's own page once (A skips its echo)", async () => {
    const url = cluster.sharedUrl;
    if (!cluster.machine) console.info('live-redis.test.ts: REDIS_URL is not set, two nodes on a Redis this file started');
    const [a, b] = [await node(url), await node(url)] as [Node, Node];
    await until('both nodes subscribed', () => a.app.ctx.realtime.connected() && b.app.ctx.realtime.connected());
    const [onA, onB] = [await streamOn(a), await streamOn(b)];
    expect([statuses(onA), statuses(onB)]).toEqual([[true], [true]]);

    const first = countOf(1);
    const sent = performance.now();
    announceCounts(a.app.ctx, [first]);
    const [gotA, gotB] = await Promise.all([received(onA, first), received(onB, first)]);
    console.info(
      `live-redis.test.ts: announce on A -> A's page ${(gotA.at - sent).toFixed(1)} ms, B's page through Redis ${(gotB.at - sent).toFixed(1)} ms`,
    );
    // B announces next: Redis hands A's subscriber A's echo of `first` before it, so a duplicate would show here.
    const second = countOf(2);
    announceCounts(b.app.ctx, [second]);
    await Promise.all([received(onA, second), received(onB, second)]);
    expect(counts(onA)).toEqual([first, second]);
    expect(counts(onB)).toEqual([first, second]);
  });

  it('a Redis outage: announcing still works on the node (its own pages get it), pages are told `live: false`, and after Redis is back they are told `live: true` and counts cross again; nothing stale arrives late', async () => {
    const [a, b] = [await node(cluster.outage.url), await node(cluster.outage.url)] as [Node, Node];
    outageNodes = [a, b];
    await until('both nodes subscribed', () => a.app.ctx.realtime.connected() && b.app.ctx.realtime.connected());
    const [onA, onB] = [await streamOn(a), await streamOn(b)];
    const before = countOf(1);
    announceCounts(a.app.ctx, [before]);
    await received(onB, before);

    await cluster.outage.stop();
    await Promise.all([onA, onB].map((s) => s.next((e) => e.event === 'status' && JSON.parse(e.data).live === false)));
    const during = countOf(2);
    expect(() => announceCounts(a.app.ctx, [during])).not.toThrow();
    await received(onA, during);

    await cluster.outage.start();
    await Promise.all(
      [onA, onB].map((s) => s.next((e) => e.event === 'status' && JSON.parse(e.data).live === true, { ms: 30_000, from: 2 })),
    );
    const after = countOf(3);
    announceCounts(a.app.ctx, [after]);
    await received(onB, after);
    expect(counts(onA)).toEqual([before, during, after]);
    // The count announced during the outage was dropped, not queued: B never shows it after newer ones.
    expect(counts(onB)).toEqual([before, after]);
    expect([statuses(onA), statuses(onB)]).toEqual([
      [true, false, true],
      [true, false, true],
    ]);
  }, 120_000);

  it('a node started while Redis is down serves its pages (`live: false`) and joins the fan-out once Redis is up', async () => {
    await cluster.outage.stop();
    const late = await node(cluster.outage.url);
    const onLate = await openSse(`${late.base}/api/campaigns/${campaign.id}/votes/stream`);
    streams.push(onLate);
    expect(onLate.status, onLate.text()).toBe(200);
    expect(JSON.parse((await onLate.next((e) => e.event === 'status')).data)).toEqual({ live: false, figures: true });
    await cluster.outage.start();
    await onLate.next((e) => e.event === 'status' && JSON.parse(e.data).live === true, { ms: 30_000 });
    const a = outageNodes[0] as Node;
    await until('the other node back on Redis', () => a.app.ctx.realtime.connected());
    const event = countOf(7);
    announceCounts(a.app.ctx, [event]);
    await received(onLate, event);
    expect(counts(onLate)).toEqual([event]);
  }, 120_000);
});
