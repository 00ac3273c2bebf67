import type { AddressInfo } from 'node:net';
import { DEFAULT_VOTE_RULES, type TVoteCountEvent } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { openSse, type SseEvent, type SseStream } from '../../../test/sse.ts';
import { loadCampaignPhases } from '../campaigns/index.ts';
import { HEARTBEAT_MS, MAX_STREAMS_PER_IP } from './live.routes.ts';
import { announceCounts } from './live.ts';
import { voteRules } from './voting.tables.ts';

// The live count stream (issue 9 item 3) over real HTTP: the app listens on a port and the test reads the response
// as a browser's EventSource would. On one node the realtime is in process; with REDIS_URL set the same test goes
// through Redis (live-redis.test.ts covers two nodes).
let t: TestApp;
let base: string;
let campaign: { id: string; themes: Array<{ id: string; code: string }> };
const streams: SseStream[] = [];
/** Open realtime subscriptions of the app (wrapped below), to see that a closed stream leaves none behind. */
let subscriptions = 0;

const uuid = () => crypto.randomUUID();
const isCount = (e: SseEvent) => e.event === 'count';
const counts = (s: SseStream) => s.events.filter(isCount).map((e) => JSON.parse(e.data) as TVoteCountEvent);
/** An event in the contract's key order (ZVoteCountEvent), which is the order the stream writes. */
const countOf = (entryId: string, votes: number, themeId: string, campaignId = campaign.id): TVoteCountEvent => ({
  entryId,
  weight: votes * 15,
  votes,
  voidedVotes: 0,
  campaignId,
  themeId,
});

async function stream(path: string, headers: Record<string, string> = {}) {
  const s = await openSse(`${base}${path}`, headers);
  streams.push(s);
  return s;
}
const streamOf = (campaignId: string, query = '', headers: Record<string, string> = {}) =>
  stream(`/api/campaigns/${campaignId}/votes/stream${query}`, headers);
/** The stream is attached once its first status event is in (the route writes it right before it attaches). */
const opened = async (s: SseStream) => {
  expect(s.status, s.text()).toBe(200);
  return s.next((e) => e.event === 'status');
};
const sessionOf = (client: { cookie(name: string): string | undefined }) => ({
  cookie: `ca_session=${client.cookie('ca_session')}`,
});

async function until(what: string, probe: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A stream nobody announces to, open from the start, for the heartbeat (every HEARTBEAT_MS, 15 s). */
let quiet: SseStream;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // Opened before the subscriptions are counted, so the counts below see only the other tests' streams.
  const { campaign: quietCampaign } = await publishedCampaign(t);
  quiet = await openSse(`${base}/api/campaigns/${quietCampaign.id}/votes/stream`);
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
  ({ campaign } = await publishedCampaign(t));
}, 300_000);

afterAll(async () => {
  quiet?.close();
  for (const s of streams) s.close();
  await t?.close();
});

describe('live vote counts over SSE (issue 9 item 3)', () => {
  it('S0-14 a count announced after a commit reaches an open page as `event: count` with exactly the event as JSON', async () => {
    const s = await streamOf(campaign.id);
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toBe('no-store, no-transform');
    expect(s.headers['x-accel-buffering']).toBe('no');
    // The security headers of every answer are on the hijacked one too.
    expect(s.headers['x-content-type-options']).toBe('nosniff');
    const status = await opened(s);
    expect(JSON.parse(status.data)).toEqual({ live: true, figures: true });
    expect(s.retry).toBe(3000);

    const event = countOf(uuid(), 3, campaign.themes[0]?.id as string);
    const sent = performance.now();
    announceCounts(t.app.ctx, [event]);
    const got = await s.next(isCount);
    console.info(`live.test.ts: announce -> event on the stream in ${(got.at - sent).toFixed(1)} ms (one process)`);
    expect(got.data).toBe(JSON.stringify(event));
    expect(JSON.parse(got.data)).toEqual(event);
  });

  it("S0-14 a stream filtered by entry or theme gets only that entry or theme; another campaign's counts reach none", async () => {
    const [t1, t2] = campaign.themes.map((th) => th.id) as [string, string];
    const [x, y, z] = [uuid(), uuid(), uuid()];
    const byEntry = await streamOf(campaign.id, `?entryId=${x}`);
    const byTheme = await streamOf(campaign.id, `?themeId=${t1}`);
    const all = await streamOf(campaign.id);
    for (const s of [byEntry, byTheme, all]) await opened(s);
    const from = all.events.length;

    announceCounts(t.app.ctx, [countOf(x, 1, t1), countOf(y, 1, t2), countOf(z, 1, t1), countOf(uuid(), 1, t1, uuid())]);
    // x again: a second change of the same entry comes after the window, as the last word for every stream.
    announceCounts(t.app.ctx, [countOf(x, 2, t1)]);
    const last = (e: SseEvent) => isCount(e) && e.data === JSON.stringify(countOf(x, 2, t1));
    await Promise.all([byEntry, byTheme, all].map((s) => s.next(last)));

    expect(counts(byEntry)).toEqual([countOf(x, 1, t1), countOf(x, 2, t1)]);
    expect(counts(byTheme)).toEqual([countOf(x, 1, t1), countOf(z, 1, t1), countOf(x, 2, t1)]);
    expect(
      all.events
        .slice(from)
        .filter(isCount)
        .map((e) => JSON.parse(e.data)),
    ).toEqual([countOf(x, 1, t1), countOf(y, 1, t2), countOf(z, 1, t1), countOf(x, 2, t1)]);
  });

  it('S0-14 a vote storm on one entry is coalesced: the first change at once, then only the last of the window', async () => {
    const theme = campaign.themes[1]?.id as string;
    const entryId = uuid();
    const s = await streamOf(campaign.id, `?entryId=${entryId}`);
    await opened(s);
    // Fifty committed batches in a row, faster than the window: the page sees the first and the last.
    for (let votes = 1; votes <= 50; votes += 1) announceCounts(t.app.ctx, [countOf(entryId, votes, theme)]);
    await s.next((e) => isCount(e) && JSON.parse(e.data).votes === 50);
    expect(counts(s).map((c) => c.votes)).toEqual([1, 50]);
    // Several changes of one entry in one batch: only the last is sent.
    const other = uuid();
    const t2 = await streamOf(campaign.id, `?entryId=${other}`);
    await opened(t2);
    announceCounts(t.app.ctx, [countOf(other, 1, theme), countOf(other, 2, theme), countOf(other, 3, theme)]);
    await t2.next(isCount);
    expect(counts(t2).map((c) => c.votes)).toEqual([3]);
  });

  it("S0-14 counts hidden during the phase: the public is told `figures: false` and gets no count; the organizer's people get figures; after voting ends the public gets them", async () => {
    const hidden = await publishedCampaign(t);
    const id = hidden.campaign.id;
    await t.app.ctx.db
      .insert(voteRules)
      .values({ campaignId: id, rules: { ...DEFAULT_VOTE_RULES, showCountsDuringPhase: false }, updatedAt: t.clock.now() });
    const phases = await loadCampaignPhases(t.app.ctx.db, id);
    const voting = phases?.phases.find((p) => p.capabilities.includes('canVote'));
    if (!voting) throw new Error('the template has no voting phase');
    const before = t.clock.now();
    t.clock.set(voting.startsAt);
    try {
      const theme = hidden.campaign.themes[0]?.id as string;
      const { client: manager } = await organizerMember(t, hidden.organizer.id, 'manager');
      const { client: screener } = await organizerMember(t, hidden.organizer.id, 'screener');
      const { client: voter } = await signedInAs(t, 'user');
      const publicStream = await streamOf(id);
      const voterStream = await streamOf(id, '', sessionOf(voter));
      const managerStream = await streamOf(id, '', sessionOf(manager));
      const screenerStream = await streamOf(id, '', sessionOf(screener));
      const staffStream = await streamOf(id, '', sessionOf(hidden.staff));
      for (const s of [publicStream, voterStream])
        expect(JSON.parse((await opened(s)).data)).toEqual({ live: true, figures: false });
      for (const s of [managerStream, screenerStream, staffStream]) {
        expect(JSON.parse((await opened(s)).data)).toEqual({ live: true, figures: true });
      }

      const during = countOf(uuid(), 4, theme, id);
      announceCounts(t.app.ctx, [during]);
      for (const s of [managerStream, screenerStream, staffStream])
        expect((await s.next(isCount)).data).toBe(JSON.stringify(during));

      // Voting is over: the next change shows its figures to everybody, after a status saying so.
      t.clock.set(new Date(voting.endsAt.getTime() + 1));
      const after = countOf(uuid(), 5, theme, id);
      announceCounts(t.app.ctx, [after]);
      for (const s of [publicStream, voterStream]) {
        await s.next(isCount);
        expect(s.events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
          ['status', { live: true, figures: false }],
          ['status', { live: true, figures: true }],
          ['count', after],
        ]);
      }
      expect(counts(managerStream)).toEqual([during, after]);
    } finally {
      t.clock.set(before);
    }
  });

  it('a draft campaign is NOT_FOUND to the public, an unknown one NOT_FOUND, a malformed id or filter or a caller not asking for an event stream VALIDATION_FAILED', async () => {
    const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
    const { client: staff } = await signedInAs(t, 'staff');
    const draft = (await staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    const refusals = [
      [await streamOf(draft.id), 404, 'NOT_FOUND'],
      [await streamOf(uuid()), 404, 'NOT_FOUND'],
      [await streamOf('not-a-uuid'), 400, 'VALIDATION_FAILED'],
      [await streamOf(campaign.id, '?entryId=42'), 400, 'VALIDATION_FAILED'],
    ] as const;
    // A caller not asking for an event stream (a fetch expecting JSON) is refused rather than kept waiting.
    const url = `/api/campaigns/${campaign.id}/votes/stream`;
    const asJson = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
    const bare = await t.app.inject({ method: 'GET', url });
    expect(
      [asJson, bare].map((r) => [
        r.statusCode,
        r.json().error.code,
        r.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]),
      ]),
    ).toEqual([
      [400, 'VALIDATION_FAILED', [['accept', 'INVALID']]],
      [400, 'VALIDATION_FAILED', [['accept', 'REQUIRED']]],
    ]);
    for (const [s, status, code] of refusals) {
      await until('the refusal body', () => s.ended());
      expect([s.status, JSON.parse(s.text()).error.code]).toEqual([status, code]);
    }
    // The draft's own organizer staff may watch it (nothing comes before voting, but the page works).
    const staffStream = await streamOf(draft.id, '', sessionOf(staff));
    expect(JSON.parse((await opened(staffStream)).data)).toEqual({ live: true, figures: true });
  });

  it("a page that goes away leaves no listener behind; the campaign's subscription ends with its last stream", async () => {
    for (const s of streams.splice(0)) s.close();
    await until('every earlier stream to be let go', () => subscriptions === 0);
    const a = await streamOf(campaign.id);
    const b = await streamOf(campaign.id, `?themeId=${campaign.themes[0]?.id}`);
    await Promise.all([opened(a), opened(b)]);
    // One realtime subscription per campaign with open streams, not one per stream.
    expect(subscriptions).toBe(1);
    a.close();
    const probe = countOf(uuid(), 1, campaign.themes[0]?.id as string);
    announceCounts(t.app.ctx, [probe]);
    await b.next(isCount);
    expect(subscriptions).toBe(1);
    b.close();
    await until('the last stream to be let go', () => subscriptions === 0);
    // An announcement with nobody listening goes nowhere and breaks nothing.
    announceCounts(t.app.ctx, [countOf(uuid(), 1, campaign.themes[0]?.id as string)]);
  });

  it('a quiet stream gets a heartbeat comment (proxies and phones keep it open) and nothing else', async () => {
    await until('a heartbeat', () => quiet.comments.length > 0, HEARTBEAT_MS + 10_000);
    expect(quiet.comments[0]).toBe('ping');
    expect(quiet.events.map((e) => e.event)).toEqual(['status']);
    expect(quiet.ended()).toBe(false);
    quiet.close();
  });

  it('one address holds at most MAX_STREAMS_PER_IP streams: the next is RATE_LIMITED (the page polls), a freed one lets it in', async () => {
    for (const s of streams.splice(0)) s.close();
    await until('every earlier stream to be let go', () => subscriptions === 0);
    const held: SseStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_IP; i += 20) {
      held.push(
        ...(await Promise.all(Array.from({ length: Math.min(20, MAX_STREAMS_PER_IP - i) }, () => streamOf(campaign.id)))),
      );
    }
    await Promise.all(held.map(opened));
    const refused = await streamOf(campaign.id);
    await until('the refusal body', () => refused.ended());
    expect([refused.status, JSON.parse(refused.text()).error.code]).toEqual([429, 'RATE_LIMITED']);
    held[0]?.close();
    let next = await streamOf(campaign.id);
    for (let tries = 0; next.status !== 200 && tries < 100; tries += 1) {
      await new Promise((r) => setTimeout(r, 20));
      next = await streamOf(campaign.id);
    }
    await opened(next);
    for (const s of streams.splice(0)) s.close();
    await until('every stream to be let go', () => subscriptions === 0);
  });

  it('closing the app ends the open streams instead of waiting for them', async () => {
    const node = await startTestApp({ database: t.database });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
    const s = await openSse(`${url}/api/campaigns/${campaign.id}/votes/stream`);
    streams.push(s);
    await opened(s);
    await node.close();
    await until('the stream to end', () => s.ended());
  });
});
