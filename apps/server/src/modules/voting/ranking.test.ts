import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { type Call, call, codeOf, entry, KINDS } from '../../../test/voting-ranking-fixtures.ts';

/**
 * Issue 9 items 4 (the theme leaderboard) and 6 (the popularity ranking, S0-11) over HTTP. Counts are put in as
 * vote_counts rows as the cast path leaves them, so the read side is tested on its own.
 */
let t: TestApp;
const VOTING = '2022-03-17T02:00:00.000Z'; // 10:00 in Shanghai on the second day of 网络投票 (2022-03-16 to 03-20)

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(VOTING);
}, 120_000);
afterAll(() => t.close());

const board = (c: Call, client: Client, query = '', theme = 0) =>
  client.get(`/api/campaigns/${c.id}/themes/${c.themes[theme]?.id}/leaderboard${query}`);

describe('issue 9 item 4: the theme leaderboard', () => {
  it('S0-14 order: weighted total, then more votes, then the earlier last vote, then the number; paged; passed only', async () => {
    const c = await call(t);
    const a = await entry(t, c, { count: { weight: 150, votes: 3, lastVoteAt: '2022-03-16T01:00:00.000Z' } });
    const b = await entry(t, c, { count: { weight: 150, votes: 10, lastVoteAt: '2022-03-16T05:00:00.000Z' } });
    const late = await entry(t, c, { count: { weight: 100, votes: 2, lastVoteAt: '2022-03-16T10:00:00.000Z' } });
    const first = await entry(t, c, { count: { weight: 100, votes: 2, lastVoteAt: '2022-03-16T09:00:00.000Z' } });
    const same = await entry(t, c, { count: { weight: 100, votes: 2, lastVoteAt: '2022-03-16T09:00:00.000Z' } });
    const never = await entry(t, c); // no vote yet
    const voided = await entry(t, c, { count: { weight: 0, votes: 0, lastVoteAt: '2022-03-16T02:00:00.000Z', voidedVotes: 4 } });
    await entry(t, c, { status: 'excluded', count: { weight: 999, votes: 9 } }); // not on the ballot
    await entry(t, c, { status: 'submitted' });
    await entry(t, c, { theme: 1, count: { weight: 5000, votes: 1 } }); // another theme
    const order = [b, a, first, same, late, never, voided].map((e) => e.number);

    const all = await board(c, c.callers.anonymous);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({
      campaignId: c.id,
      themeId: c.themes[0]?.id,
      countsShown: true,
      rows: [
        [b, 150, 10],
        [a, 150, 3],
        [first, 100, 2],
        [same, 100, 2],
        [late, 100, 2],
        [never, 0, 0],
        [voided, 0, 0],
      ].map(([e, weight, votes], i) => ({
        rank: i + 1,
        entryId: (e as { id: string }).id,
        number: (e as { number: string }).number,
        title: expect.stringMatching(/^投票案例\d+$/),
        organizationName: expect.stringMatching(/^测试医院/),
        weight,
        votes,
      })),
    });
    // Pages cut anywhere, also across the counted and the uncounted entries, give the same order and ranks.
    const pages: Array<[string, number]> = [];
    for (const offset of [0, 3, 6, 9]) {
      const page = await board(c, c.callers.anonymous, `?limit=3&offset=${offset}`);
      pages.push(...page.json().rows.map((r: { number: string; rank: number }) => [r.number, r.rank] as [string, number]));
    }
    expect(pages).toEqual(order.map((n, i) => [n, i + 1]));
    expect((await board(c, c.callers.anonymous, '?offset=6')).json().rows.map((r: { rank: number }) => r.rank)).toEqual([7]);
    const tooBig = await board(c, c.callers.anonymous, '?limit=500');
    expect([tooBig.statusCode, codeOf(tooBig)]).toEqual([400, 'VALIDATION_FAILED']);
  }, 300_000);

  it('S0-14 hidden counts: while voting runs the public gets rows in number order without figures; staff see the ranking', async () => {
    const c = await call(t, { rules: { showCountsDuringPhase: false } });
    const low = await entry(t, c, { count: { weight: 1, votes: 1, lastVoteAt: '2022-03-16T01:00:00.000Z' } });
    const high = await entry(t, c, { count: { weight: 50, votes: 1, lastVoteAt: '2022-03-16T01:00:00.000Z' } });
    const hidden = (e: { id: string; number: string }) => ({
      rank: 0,
      entryId: e.id,
      number: e.number,
      title: expect.any(String),
      organizationName: expect.any(String),
      weight: 0,
      votes: 0,
    });
    const shown = (e: { id: string; number: string }, rank: number, weight: number) => ({
      ...hidden(e),
      rank,
      weight,
      votes: 1,
    });
    const seen: Record<string, unknown> = {};
    for (const kind of KINDS) {
      const res = (await board(c, c.callers[kind])).json();
      seen[kind] = [res.countsShown, res.rows];
    }
    const publicView = [false, [hidden(low), hidden(high)]];
    const staffView = [true, [shown(high, 1, 50), shown(low, 2, 1)]];
    expect(seen).toEqual({
      anonymous: publicView,
      user: publicView,
      applicant: publicView,
      screener: staffView,
      manager: staffView,
      admin: staffView,
    });
    // Before voting nothing is shown either; once every voting phase has ended the public sees the ranking.
    t.clock.set('2022-03-15T15:59:59.999Z');
    expect((await board(c, c.callers.anonymous)).json().countsShown).toBe(false);
    t.clock.set('2022-03-20T16:00:00.000Z');
    expect((await board(c, c.callers.anonymous)).json()).toMatchObject({ countsShown: true, rows: staffView[1] });
    t.clock.set(VOTING);
  }, 300_000);

  it('S0-14 ballot: a theme the rules leave off has no rows; only entries of the rules’ tracks are listed', async () => {
    const c = await call(t, { tracks: true, rules: { trackKeys: ['county'] } });
    const county = await entry(t, c, { trackKey: 'county', count: { weight: 3, votes: 3 } });
    const countyNew = await entry(t, c, { trackKey: 'county' });
    await entry(t, c, { trackKey: 'city', count: { weight: 90, votes: 9 } });
    await entry(t, c, { count: { weight: 90, votes: 9 } }); // no track
    expect((await board(c, c.callers.user)).json().rows.map((r: { entryId: string }) => r.entryId)).toEqual([
      county.id,
      countyNew.id,
    ]);
    // Only the second theme on the ballot: the first theme's board is empty, the second lists its entries.
    const second = await call(t, { secondThemeOnly: true });
    await entry(t, second, { count: { weight: 7, votes: 1 } });
    const onBallot = await entry(t, second, { theme: 1, count: { weight: 7, votes: 1 } });
    expect((await board(second, second.callers.anonymous)).json()).toEqual({
      campaignId: second.id,
      themeId: second.themes[0]?.id,
      countsShown: true,
      rows: [],
    });
    expect((await board(second, second.callers.anonymous, '', 1)).json().rows.map((r: { entryId: string }) => r.entryId)).toEqual(
      [onBallot.id],
    );
  }, 300_000);

  it('not found == forbidden: a draft call to the public, an unknown or another call’s theme, an unknown call', async () => {
    const draft = await call(t, { draft: true });
    const other = await call(t);
    const got: Record<string, unknown> = {};
    for (const kind of KINDS) {
      const res = await board(draft, draft.callers[kind]);
      got[kind] = [res.statusCode, codeOf(res)];
    }
    expect(got).toEqual({
      anonymous: [404, 'NOT_FOUND'],
      user: [404, 'NOT_FOUND'],
      applicant: [404, 'NOT_FOUND'],
      screener: [200, null],
      manager: [200, null],
      admin: [200, null],
    });
    const foreignTheme = await other.callers.anonymous.get(
      `/api/campaigns/${other.id}/themes/${draft.themes[0]?.id}/leaderboard`,
    );
    expect([foreignTheme.statusCode, codeOf(foreignTheme)]).toEqual([404, 'NOT_FOUND']);
    const unknown = await other.callers.anonymous.get(`/api/campaigns/${randomUUID()}/themes/${other.themes[0]?.id}/leaderboard`);
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
  }, 300_000);
});

describe('issue 9 item 6: the popularity ranking (S0-11), organizer staff only', () => {
  it('S0-11 over HTTP: one entry per hospital per theme, the lower one skipped and not counted, by proportion', async () => {
    const c = await call(t, { rules: { popularityProportion: 0.5 } });
    const hospital = c.hospitalId;
    const best = await entry(t, c, {
      organizationId: hospital,
      count: { weight: 300, votes: 6, lastVoteAt: '2022-03-16T01:00:00.000Z' },
    });
    const lower = await entry(t, c, {
      organizationId: hospital,
      count: { weight: 280, votes: 6, lastVoteAt: '2022-03-16T01:00:00.000Z' },
    });
    const second = await entry(t, c, { count: { weight: 250, votes: 5, lastVoteAt: '2022-03-16T02:00:00.000Z' } });
    const third = await entry(t, c, { count: { weight: 100, votes: 2, lastVoteAt: '2022-03-16T03:00:00.000Z' } });
    await entry(t, c, { status: 'excluded', count: { weight: 9999, votes: 99 } });
    const res = await c.manager.get(`/api/campaigns/${c.id}/popularity`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect([body.campaignId, body.proportion, body.asOf, body.groups.length]).toEqual([c.id, 0.5, VOTING, c.themes.length]);
    const row = (e: { id: string; number: string; organizationId: string }, weight: number, votes: number) => ({
      entryId: e.id,
      number: e.number,
      title: expect.any(String),
      organizationId: e.organizationId,
      organizationName: expect.any(String),
      trackKey: null,
      weight,
      votes,
      lastVoteAt: expect.any(String),
    });
    expect(body.groups[0]).toEqual({
      theme: { id: c.themes[0]?.id, code: 'T01', title: '改善老年人就医体验' },
      track: null,
      votable: 4,
      quota: 2,
      taken: 2,
      rows: [
        { ...row(best, 300, 6), position: 1, outcome: 'taken', reason: null, skippedFor: null },
        { ...row(second, 250, 5), position: 2, outcome: 'taken', reason: null, skippedFor: null },
        { ...row(third, 100, 2), position: 3, outcome: 'not_taken', reason: 'BELOW_QUOTA', skippedFor: null },
        { ...row(lower, 280, 6), position: null, outcome: 'skipped', reason: 'SAME_HOSPITAL', skippedFor: best.id },
      ],
    });
    expect(body.groups[1]).toEqual({
      theme: { id: c.themes[1]?.id, code: 'T02', title: '健全急危重症救治与管理流程' },
      track: null,
      votable: 0,
      quota: 0,
      taken: 0,
      rows: [],
    });
  }, 300_000);

  it('S0-11 permission table: organizer staff and platform staff only, for draft and published calls alike', async () => {
    const seen: Record<string, unknown> = {};
    for (const draft of [true, false]) {
      const c = await call(t, { draft });
      for (const kind of KINDS) {
        const res = await c.callers[kind].get(`/api/campaigns/${c.id}/popularity`);
        seen[`${draft ? 'draft' : 'published'} ${kind}`] = [res.statusCode, codeOf(res)];
      }
    }
    expect(seen).toEqual({
      'draft anonymous': [401, 'UNAUTHENTICATED'],
      'draft user': [404, 'NOT_FOUND'],
      'draft applicant': [404, 'NOT_FOUND'],
      'draft screener': [200, null],
      'draft manager': [200, null],
      'draft admin': [200, null],
      'published anonymous': [401, 'UNAUTHENTICATED'],
      'published user': [403, 'FORBIDDEN'],
      'published applicant': [403, 'FORBIDDEN'],
      'published screener': [200, null],
      'published manager': [200, null],
      'published admin': [200, null],
    });
    const unknown = await (await call(t)).manager.get(`/api/campaigns/${randomUUID()}/popularity`);
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
  }, 300_000);
});
