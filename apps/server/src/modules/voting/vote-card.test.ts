import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { signedInAs } from '../../../test/factories.ts';
import { certify, NO_VOTE_GUARD, voteKey } from '../../../test/votes.ts';
import { call, codeOf, entry, KINDS, voteRow, voterDay } from '../../../test/voting-ranking-fixtures.ts';

/**
 * Issue 9 item 2's card: GET /api/entries/:entryId/vote-card, public, with the signed-in caller's votedToday,
 * nextVoteAt, myWeight and abilities.vote from the cast path's own policy (voteAbility). Votes and the daily
 * counter are put in as rows, as the cast path leaves them.
 */
let t: TestApp;
const VOTING = '2022-03-17T02:00:00.000Z'; // 10:00 in Shanghai, day two of 网络投票 (2022-03-16 to 03-20)
const WINDOWS = [{ label: '网络投票', startsAt: '2022-03-15T16:00:00.000Z', endsAt: '2022-03-20T15:59:59.999Z' }];

beforeAll(async () => {
  process.env.VOTE_GUARD = NO_VOTE_GUARD;
  t = await startTestApp();
  t.clock.set(VOTING);
}, 120_000);
afterAll(async () => {
  await t.close();
  delete process.env.VOTE_GUARD;
});

const card = (client: Client, id: string) => client.get(`/api/entries/${id}/vote-card`);

describe('issue 9 item 2: the vote card', () => {
  it('S0-14 card fields: anonymous, a voter who voted today, one who voted yesterday, at the Shanghai day boundary', async () => {
    const c = await call(t);
    const e = await entry(t, c, { count: { weight: 65, votes: 2, voidedVotes: 1, lastVoteAt: '2022-03-16T01:00:00.000Z' } });
    const anonymous = await card(c.callers.anonymous, e.id);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({
      entryId: e.id,
      campaignId: c.id,
      number: e.number,
      title: expect.stringMatching(/^投票案例\d+$/),
      organizationName: expect.stringMatching(/^测试医院/),
      theme: { id: c.themes[0]?.id, code: 'T01', title: '改善老年人就医体验' },
      count: { entryId: e.id, weight: 65, votes: 2, voidedVotes: 1 },
      votedToday: false,
      nextVoteAt: null,
      myWeight: null,
      windows: WINDOWS,
      abilities: { vote: 'UNAUTHENTICATED' },
    });

    const today = await signedInAs(t);
    await voteRow(t, c, e, today.user.id, '2022-03-17');
    const yesterday = await signedInAs(t);
    await voteRow(t, c, e, yesterday.user.id, '2022-03-16');
    const mine = async (client: Client) => {
      const body = (await card(client, e.id)).json();
      return [body.votedToday, body.nextVoteAt, body.myWeight, body.abilities.vote];
    };
    // The next vote opens at 00:00 Asia/Shanghai on 03-18 (16:00 UTC on 03-17).
    expect(await mine(today.client)).toEqual([true, '2022-03-17T16:00:00.000Z', 1, 'ALREADY_VOTED_TODAY']);
    expect(await mine(yesterday.client)).toEqual([false, null, 1, true]);
    t.clock.set('2022-03-17T15:59:59.999Z'); // 23:59:59.999 in Shanghai: still 03-17
    expect(await mine(today.client)).toEqual([true, '2022-03-17T16:00:00.000Z', 1, 'ALREADY_VOTED_TODAY']);
    t.clock.set('2022-03-17T16:00:00.000Z'); // 00:00:00 on 03-18: a new day
    expect(await mine(today.client)).toEqual([false, null, 1, true]);
    t.clock.set(VOTING);
  }, 300_000);

  it('S0-14 phases and the daily cap: not open yet, closed, cap reached — each with the cast path’s refusal', async () => {
    const c = await call(t, { rules: { dailyCapPerVoter: 2 } });
    const e = await entry(t, c);
    const voter = await signedInAs(t);
    const vote = async () => {
      const body = (await card(voter.client, e.id)).json();
      return [body.abilities.vote, body.nextVoteAt];
    };
    expect(await vote()).toEqual([true, null]);
    t.clock.set('2022-03-15T15:59:59.999Z'); // the last instant before 网络投票
    expect(await vote()).toEqual(['VOTING_NOT_OPEN', null]);
    t.clock.set('2022-03-20T16:00:00.000Z'); // the first instant after it
    expect(await vote()).toEqual(['VOTING_CLOSED', null]);
    t.clock.set(VOTING);
    await voterDay(t, c, voter.user.id, '2022-03-17', 2);
    expect(await vote()).toEqual(['DAILY_VOTE_CAP', '2022-03-17T16:00:00.000Z']);
    // A zero count: an entry before its first vote.
    expect((await card(voter.client, e.id)).json().count).toEqual({ entryId: e.id, weight: 0, votes: 0, voidedVotes: 0 });
  }, 300_000);

  it('S0-14 weights: myWeight is the caller’s certification now (+1 / +15 / +50); certifiedOnly and account age refuse', async () => {
    const c = await call(t);
    const e = await entry(t, c);
    const registered = await signedInAs(t);
    const professional = await signedInAs(t);
    await certify(t, professional.user, 'professional');
    const institution = await signedInAs(t);
    await certify(t, institution.user, 'institution');
    const weights = [];
    for (const v of [registered, professional, institution]) {
      const body = (await card(v.client, e.id)).json();
      weights.push([body.myWeight, body.abilities.vote]);
    }
    expect(weights).toEqual([
      [1, true],
      [15, true],
      [50, true],
    ]);

    const strict = await call(t, { rules: { certifiedOnly: true, minAccountAgeHours: 24 } });
    const s = await entry(t, strict);
    // The accounts above were made at 10:00 today: too new for a 24-hour minimum, and the registered one uncertified.
    expect((await card(registered.client, s.id)).json().abilities.vote).toBe('CERTIFICATION_REQUIRED');
    expect((await card(professional.client, s.id)).json().abilities.vote).toBe('ACCOUNT_TOO_NEW');
    t.clock.set('2022-03-18T02:00:00.000Z');
    expect((await card(professional.client, s.id)).json().abilities.vote).toBe(true);
    t.clock.set(VOTING);
  }, 300_000);

  it('S0-14 the card agrees with the cast path: true → the vote is taken, then ALREADY_VOTED_TODAY and the new count', async () => {
    const c = await call(t);
    const e = await entry(t, c);
    const voter = await signedInAs(t);
    await certify(t, voter.user, 'institution');
    expect((await card(voter.client, e.id)).json().abilities.vote).toBe(true);
    const cast = await voter.client.post(`/api/entries/${e.id}/votes`, { idempotencyKey: voteKey() });
    expect([cast.statusCode, cast.json().weight]).toEqual([200, 50]);
    const after = (await card(voter.client, e.id)).json();
    expect([after.count, after.votedToday, after.nextVoteAt, after.abilities.vote]).toEqual([
      { entryId: e.id, weight: 50, votes: 1, voidedVotes: 0 },
      true,
      '2022-03-17T16:00:00.000Z',
      'ALREADY_VOTED_TODAY',
    ]);
    const again = await voter.client.post(`/api/entries/${e.id}/votes`, { idempotencyKey: voteKey() });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'ALREADY_VOTED_TODAY']);
  }, 300_000);

  it('S0-14 permission table: every caller × draft / published, counts hidden from the public while voting runs', async () => {
    const seen: Record<string, unknown> = {};
    for (const [label, options] of [
      ['draft', { draft: true }],
      ['published', {}],
      ['hidden counts', { rules: { showCountsDuringPhase: false } }],
    ] as const) {
      const c = await call(t, options);
      const e = await entry(t, c, { count: { weight: 15, votes: 1, lastVoteAt: '2022-03-16T01:00:00.000Z' } });
      for (const kind of KINDS) {
        const res = await card(c.callers[kind], e.id);
        seen[`${label} ${kind}`] =
          res.statusCode === 200
            ? [200, res.json().count?.weight ?? null, res.json().abilities.vote]
            : [res.statusCode, codeOf(res)];
      }
    }
    expect(seen).toEqual({
      'draft anonymous': [404, 'NOT_FOUND'],
      'draft user': [404, 'NOT_FOUND'],
      'draft applicant': [404, 'NOT_FOUND'],
      'draft screener': [404, 'NOT_FOUND'],
      'draft manager': [404, 'NOT_FOUND'],
      'draft admin': [404, 'NOT_FOUND'],
      'published anonymous': [200, 15, 'UNAUTHENTICATED'],
      'published user': [200, 15, true],
      'published applicant': [200, 15, true],
      'published screener': [200, 15, true],
      'published manager': [200, 15, true],
      'published admin': [200, 15, true],
      'hidden counts anonymous': [200, null, 'UNAUTHENTICATED'],
      'hidden counts user': [200, null, true],
      'hidden counts applicant': [200, null, true],
      'hidden counts screener': [200, 15, true],
      'hidden counts manager': [200, 15, true],
      'hidden counts admin': [200, 15, true],
    });
  }, 300_000);

  it('not found == forbidden: unknown ids and entries that are not passed are NOT_FOUND; a malformed id is refused', async () => {
    const c = await call(t);
    const submitted = await entry(t, c, { status: 'submitted' });
    const excluded = await entry(t, c, { status: 'excluded', count: { weight: 5, votes: 1 } });
    for (const id of [randomUUID(), submitted.id, excluded.id]) {
      const res = await card(c.callers.manager, id);
      expect([res.statusCode, codeOf(res)]).toEqual([404, 'NOT_FOUND']);
    }
    const malformed = await card(c.callers.anonymous, 'not-a-uuid');
    expect([malformed.statusCode, codeOf(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
    // A passed entry of a theme the rules leave off the ballot has a card that says so.
    const offBallot = await call(t, { secondThemeOnly: true });
    const off = await entry(t, offBallot);
    expect((await card(offBallot.callers.user, off.id)).json().abilities.vote).toBe('NOT_VOTABLE');
  }, 300_000);
});
