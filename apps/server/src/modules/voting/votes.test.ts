import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser, signIn, type TestUser } from '../../../test/factories.ts';
import {
  certify,
  entryIn,
  NO_VOTE_GUARD,
  VOTING_DAY,
  type VotingCampaign,
  voteKey,
  votingCampaign,
} from '../../../test/votes.ts';
import { runVotesVerify } from './verify-votes.ts';
import { voteCounts, voterDays, votes } from './voting.tables.ts';

let t: TestApp;
beforeAll(async () => {
  process.env.VOTE_GUARD = NO_VOTE_GUARD;
  t = await startTestApp();
});
afterAll(() => t.close());

/** A voter registered and signed in at `at` (default: the day before voting opens). */
async function voter(at = '2022-03-15T02:00:00.000Z'): Promise<{ user: TestUser; client: Client }> {
  t.clock.set(at);
  const user = await buildUser(t);
  return { user, client: await signIn(t, user) };
}

const vote = (client: Client, entryId: string, body: object = { idempotencyKey: voteKey() }) =>
  client.post(`/api/entries/${entryId}/votes`, body);

const countOf = async (entryId: string) => {
  const [row] = await t.app.ctx.db.select().from(voteCounts).where(eq(voteCounts.entryId, entryId));
  return row ? { weight: row.weight, votes: row.votes } : null;
};

const rowsOf = (entryId: string) =>
  t.app.ctx.db
    .select({ day: votes.day, weight: votes.weight, level: votes.level, voterId: votes.voterId })
    .from(votes)
    .where(eq(votes.entryId, entryId))
    .orderBy(asc(votes.castAt));

const refusal = (res: { statusCode: number; json: () => { error: { code: string; message: string; params?: object } } }) => {
  const { code, message, params } = res.json().error;
  return { status: res.statusCode, code, message, ...(params ? { params } : {}) };
};

let c: VotingCampaign;
let passed: string[];
beforeAll(async () => {
  c = await votingCampaign(t);
  passed = [await entryIn(t, c, 'passed', 0), await entryIn(t, c, 'passed', 1), await entryIn(t, c, 'passed', 2)];
});

describe('issue 9 item 2: casting a vote (S0-14)', () => {
  it('S0-14 weights +1 / +15 / +50 follow the certification at the moment of the vote', async () => {
    const registered = await voter();
    const institution = await voter();
    await certify(t, institution.user, 'institution');
    t.clock.set(VOTING_DAY);
    const first = await vote(registered.client, passed[0] as string);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ entryId: passed[0], weight: 1, level: 'none', replayed: false });
    expect(first.json().count).toEqual({ entryId: passed[0], weight: 1, votes: 1, voidedVotes: 0 });

    // Certified between two votes of the same day: the next vote weighs 15.
    await certify(t, registered.user, 'professional');
    const second = await vote(registered.client, passed[1] as string);
    expect([second.statusCode, second.json().weight, second.json().level]).toEqual([200, 15, 'professional']);
    const third = await vote(institution.client, passed[0] as string);
    expect([third.json().weight, third.json().level, third.json().count.weight, third.json().count.votes]).toEqual([
      50,
      'institution',
      51,
      2,
    ]);
    expect((await rowsOf(passed[0] as string)).map((r) => [r.weight, r.level])).toEqual([
      [1, 'none'],
      [50, 'institution'],
    ]);
    expect(await countOf(passed[1] as string)).toEqual({ weight: 15, votes: 1 });
  });

  it('S0-14 once per entry per Shanghai day: 23:59:59.999 and 00:00:00.000 Asia/Shanghai are two days', async () => {
    const { client, user } = await voter();
    const entryId = passed[2] as string;
    const before = await countOf(entryId);
    t.clock.set('2022-03-16T15:59:59.999Z'); // 16 March 23:59:59.999 in Shanghai
    const late = await vote(client, entryId);
    expect([late.statusCode, late.json().nextVoteAt]).toEqual([200, '2022-03-16T16:00:00.000Z']);
    const again = await vote(client, entryId);
    expect(refusal(again)).toEqual({
      status: 409,
      code: 'ALREADY_VOTED_TODAY',
      message: '您今天已为该案例投过票，2022-03-17 00:00（北京时间）后可再次投票',
      params: { next: '2022-03-17 00:00' },
    });
    t.clock.set('2022-03-16T16:00:00.000Z'); // 17 March 00:00:00.000
    const nextDay = await vote(client, entryId);
    expect([nextDay.statusCode, nextDay.json().nextVoteAt]).toEqual([200, '2022-03-17T16:00:00.000Z']);
    const mine = (await rowsOf(entryId)).filter((r) => r.voterId === user.id).map((r) => r.day);
    expect(mine).toEqual(['2022-03-16', '2022-03-17']);
    expect(await countOf(entryId)).toEqual({ weight: (before?.weight ?? 0) + 2, votes: (before?.votes ?? 0) + 2 });
  });

  it('S0-14 a retried request (same idempotency key) counts once and answers the same receipt, even the next day', async () => {
    const { client } = await voter();
    const entryId = passed[1] as string;
    t.clock.set(VOTING_DAY);
    const before = await countOf(entryId);
    const body = { idempotencyKey: voteKey() };
    const first = await vote(client, entryId, body);
    const retry = await vote(client, entryId, body);
    expect([first.statusCode, retry.statusCode]).toEqual([200, 200]);
    const { replayed, ...original } = first.json();
    expect(replayed).toBe(false);
    expect(retry.json()).toEqual({ ...original, replayed: true });
    t.clock.set('2022-03-17T02:00:00.000Z');
    const tomorrow = await vote(client, entryId, body);
    expect([tomorrow.json().voteId, tomorrow.json().castAt, tomorrow.json().replayed]).toEqual([
      original.voteId,
      original.castAt,
      true,
    ]);
    expect(await countOf(entryId)).toEqual({ weight: (before?.weight ?? 0) + 1, votes: (before?.votes ?? 0) + 1 });
  });

  it('S0-14 a forged weight, level or voter type in the body is ignored: the stored weight is the server’s', async () => {
    const { client, user } = await voter();
    t.clock.set('2022-03-18T02:00:00.000Z');
    const res = await vote(client, passed[0] as string, {
      idempotencyKey: voteKey(),
      weight: 50,
      level: 'institution',
      voterType: 'institution',
      voterId: randomUUID(),
    });
    expect([res.statusCode, res.json().weight, res.json().level]).toEqual([200, 1, 'none']);
    const mine = (await rowsOf(passed[0] as string)).filter((r) => r.voterId === user.id);
    expect(mine).toEqual([{ day: '2022-03-18', weight: 1, level: 'none', voterId: user.id }]);
  });
});

describe('issue 9 item 2: every refusal with its code and its localized parameters; no refused vote changes a count', () => {
  it('VOTING_NOT_OPEN before 00:00 on 16 March and VOTING_CLOSED after 23:59:59.999 on 20 March (Beijing dates)', async () => {
    const { client } = await voter('2022-03-10T02:00:00.000Z');
    const entryId = passed[0] as string;
    const before = await countOf(entryId);
    t.clock.set('2022-03-15T15:59:59.999Z');
    expect(refusal(await vote(client, entryId))).toEqual({
      status: 409,
      code: 'VOTING_NOT_OPEN',
      message: '投票尚未开始，投票时间为 2022-03-16 00:00 至 2022-03-20 23:59（北京时间）',
      params: { start: '2022-03-16 00:00', end: '2022-03-20 23:59' },
    });
    const anonymousEn = new Client(t.app, { 'accept-language': 'en' });
    expect(refusal(await vote(anonymousEn, entryId)).message).toBe(
      'Voting has not opened yet; it runs from 2022-03-16 00:00 to 2022-03-20 23:59 (Beijing time)',
    );
    t.clock.set('2022-03-20T16:00:00.000Z');
    expect(refusal(await vote(client, entryId))).toEqual({
      status: 409,
      code: 'VOTING_CLOSED',
      message: '投票已结束（投票时间为 2022-03-16 00:00 至 2022-03-20 23:59，北京时间）',
      params: { start: '2022-03-16 00:00', end: '2022-03-20 23:59' },
    });
    t.clock.set('2022-03-20T15:59:59.999Z');
    expect((await vote(client, entryId)).statusCode).toBe(200);
    expect((await countOf(entryId))?.votes).toBe((before?.votes ?? 0) + 1);
  });

  it('NOT_VOTABLE for draft, submitted, returned, excluded and withdrawn entries, and for a theme outside the rules', async () => {
    // The organizer's rules put only the first theme on the ballot.
    const scoped = await votingCampaign(t, { rules: (themes) => ({ themeIds: [themes[0]?.id as string] }) });
    const ids = {
      draft: await entryIn(t, scoped, 'draft'),
      submitted: await entryIn(t, scoped, 'submitted'),
      returned: await entryIn(t, scoped, 'returned'),
      excluded: await entryIn(t, scoped, 'excluded'),
      withdrawn: await entryIn(t, scoped, 'withdrawn'),
      inScope: await entryIn(t, scoped, 'passed', 0),
      outOfScope: await entryIn(t, scoped, 'passed', 1),
    };
    const { client } = await voter();
    t.clock.set(VOTING_DAY);
    const answers: Record<string, unknown> = {};
    for (const [name, id] of Object.entries(ids)) {
      const res = await vote(client, id);
      answers[name] = res.statusCode === 200 ? 200 : res.json().error.code;
    }
    expect(answers).toEqual({
      inScope: 200,
      draft: 'NOT_VOTABLE',
      submitted: 'NOT_VOTABLE',
      returned: 'NOT_VOTABLE',
      excluded: 'NOT_VOTABLE',
      withdrawn: 'NOT_VOTABLE',
      outOfScope: 'NOT_VOTABLE',
    });
    expect(refusal(await vote(client, ids.draft))).toEqual({ status: 409, code: 'NOT_VOTABLE', message: '该案例不在投票范围内' });
    for (const [name, id] of Object.entries(ids))
      expect([name, await countOf(id)]).toEqual([name, name === 'inScope' ? { weight: 1, votes: 1 } : null]);
  });
}, 300_000);
