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
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
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

  it('S0-14 X-2 a retry arriving after voting closed at midnight still answers its vote; a new vote is VOTING_CLOSED', async () => {
    const { client } = await voter();
    const entryId = passed[0] as string;
    t.clock.set('2022-03-20T15:59:59.999Z'); // 20 March 23:59:59.999, the last instant of voting
    const body = { idempotencyKey: voteKey() };
    const cast = await vote(client, entryId, body);
    expect(cast.statusCode).toBe(200);
    const count = await countOf(entryId);
    t.clock.set('2022-03-20T16:00:00.000Z');
    const retry = await vote(client, entryId, body);
    const { replayed, ...original } = cast.json();
    expect([retry.statusCode, retry.json()]).toEqual([200, { ...original, replayed: true }]);
    expect(refusal(await vote(client, entryId)).code).toBe('VOTING_CLOSED');
    expect(await countOf(entryId)).toEqual(count);
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
  it('S0-14 X-2 VOTING_NOT_OPEN before 00:00 on 16 March and VOTING_CLOSED after 23:59:59.999 on 20 March (Beijing dates)', async () => {
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

  it('S0-14 NOT_VOTABLE for draft, submitted, returned, excluded and withdrawn entries, and for a theme outside the rules', async () => {
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

  it('S0-14 DAILY_VOTE_CAP: with a cap of 2 a day the third entry is refused until 00:00 Beijing time; voter_days holds 2', async () => {
    const capped = await votingCampaign(t, { rules: { dailyCapPerVoter: 2 } });
    const ids = [
      await entryIn(t, capped, 'passed', 0),
      await entryIn(t, capped, 'passed', 1),
      await entryIn(t, capped, 'passed', 2),
    ];
    const { client, user } = await voter();
    t.clock.set(VOTING_DAY);
    expect([(await vote(client, ids[0] as string)).statusCode, (await vote(client, ids[1] as string)).statusCode]).toEqual([
      200, 200,
    ]);
    expect(refusal(await vote(client, ids[2] as string))).toEqual({
      status: 409,
      code: 'DAILY_VOTE_CAP',
      message: '您今天的 2 票已用完，2022-03-17 00:00（北京时间）后可继续投票',
      params: { cap: 2, next: '2022-03-17 00:00' },
    });
    // A vote already cast today is still "already voted", not "cap reached", and takes no slot.
    expect(refusal(await vote(client, ids[0] as string)).code).toBe('ALREADY_VOTED_TODAY');
    const days = await t.app.ctx.db.select().from(voterDays).where(eq(voterDays.voterId, user.id));
    expect(days.map((d) => [d.day, d.used])).toEqual([['2022-03-16', 2]]);
    expect(await countOf(ids[2] as string)).toBeNull();
    t.clock.set('2022-03-16T16:00:00.000Z');
    expect((await vote(client, ids[2] as string)).statusCode).toBe(200);
  });

  it('S0-14 ACCOUNT_TOO_NEW: an account younger than the organizer’s 24 hours hears when it may vote (Beijing time)', async () => {
    const young = await votingCampaign(t, { rules: { minAccountAgeHours: 24 } });
    const entryId = await entryIn(t, young, 'passed');
    const { client } = await voter('2022-03-16T01:00:00.000Z'); // registered 16 March 09:00
    t.clock.set(VOTING_DAY);
    expect(refusal(await vote(client, entryId))).toEqual({
      status: 409,
      code: 'ACCOUNT_TOO_NEW',
      message: '新注册账号需满 24 小时后才能投票，2022-03-17 09:00（北京时间）起可投票',
      params: { hours: 24, at: '2022-03-17 09:00' },
    });
    t.clock.set('2022-03-17T01:00:00.000Z');
    expect((await vote(client, entryId)).statusCode).toBe(200);
  });

  it('S0-14 CERTIFICATION_REQUIRED where the organizer admits certified voters only; a certified professional votes +15', async () => {
    const certifiedOnly = await votingCampaign(t, { rules: { certifiedOnly: true } });
    const entryId = await entryIn(t, certifiedOnly, 'passed');
    const plain = await voter();
    const doctor = await voter();
    await certify(t, doctor.user, 'professional');
    t.clock.set(VOTING_DAY);
    expect(refusal(await vote(plain.client, entryId))).toEqual({
      status: 403,
      code: 'CERTIFICATION_REQUIRED',
      message: '本次投票仅限已认证的医务人员或医疗机构参与，请先完成认证',
    });
    const res = await vote(doctor.client, entryId);
    expect([res.statusCode, res.json().weight]).toEqual([200, 15]);
    expect(await countOf(entryId)).toEqual({ weight: 15, votes: 1 });
  });

  it('S0-14 NOT_VOTABLE when the campaign has no voting (rules switched off)', async () => {
    const off = await votingCampaign(t, { rules: { enabled: false } });
    const entryId = await entryIn(t, off, 'passed');
    const { client } = await voter();
    t.clock.set(VOTING_DAY);
    expect(refusal(await vote(client, entryId)).code).toBe('NOT_VOTABLE');
    expect(await countOf(entryId)).toBeNull();
  });

  it('S0-14 UNAUTHENTICATED for a signed-out caller during the phase; CSRF_FAILED without the token; nothing counted', async () => {
    const entryId = passed[0] as string;
    t.clock.set('2022-03-19T02:00:00.000Z');
    const before = await countOf(entryId);
    expect(refusal(await vote(new Client(t.app), entryId)).code).toBe('UNAUTHENTICATED');
    const { client } = await voter('2022-03-19T01:00:00.000Z');
    const forged = await client.request({
      method: 'POST',
      url: `/api/entries/${entryId}/votes`,
      payload: { idempotencyKey: voteKey() },
      headers: { 'x-csrf-token': 'x'.repeat(32) },
    });
    expect([forged.statusCode, forged.json().error.code]).toEqual([403, 'CSRF_FAILED']);
    expect(await countOf(entryId)).toEqual(before);
  });

  it('S0-14 NOT_FOUND for an unknown entry and for an entry of a draft campaign; malformed ids and keys are 400, never 500', async () => {
    const draft = await votingCampaign(t, { publish: false });
    // An entry row in the draft campaign (nobody can enter a draft through the API): the fixture writes it.
    const { user: author } = await voter();
    const [org] = await t.app.ctx.db.select({ id: organizations.id }).from(organizations).limit(1);
    const [hidden] = await t.app.ctx.db
      .insert(entries)
      .values({
        campaignId: draft.id,
        themeId: draft.themes[0]?.id as string,
        organizationId: org?.id as string,
        authorId: author.id,
        title: '草稿活动的案例',
        status: 'passed',
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning({ id: entries.id });
    const hiddenId = hidden?.id as string;
    const { client } = await voter();
    t.clock.set(VOTING_DAY);
    expect(refusal(await vote(client, randomUUID())).code).toBe('NOT_FOUND');
    expect(refusal(await vote(client, hiddenId))).toEqual({ status: 404, code: 'NOT_FOUND', message: '内容不存在或您无权查看' });
    expect(refusal(await vote(new Client(t.app), hiddenId)).code).toBe('NOT_FOUND');
    for (const bad of ['abc', '1', `${randomUUID()}x`, '%27%20or%201%3D1']) {
      const res = await vote(client, bad);
      expect([bad, res.statusCode, res.json().error.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
    for (const body of [{}, { idempotencyKey: 'short' }, { idempotencyKey: 'has spaces in it' }, { idempotencyKey: 7 }]) {
      const res = await vote(client, passed[0] as string, body);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
}, 300_000);

describe('issue 9 item 3: votes verify recomputes every count from the vote rows', () => {
  it('S0-14 passes on the counts the votes advanced, and fails naming the entry after a count row is tampered with', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    expect(await runVotesVerify(t.app.ctx.db, c.id, out)).toBe(0);
    expect(lines[0]).toMatch(/^票数一致：3 个案例、\d+ 张选票均与计数相符 \(counts agree: 3 entries, \d+ votes\)$/);
    const entryId = passed[1] as string;
    const before = await countOf(entryId);
    await t.app.ctx.db
      .update(voteCounts)
      .set({ weight: (before?.weight ?? 0) + 50 })
      .where(eq(voteCounts.entryId, entryId));
    lines.length = 0;
    expect(await runVotesVerify(t.app.ctx.db, c.id, out)).toBe(1);
    expect(lines).toEqual([
      '票数不一致：1 个案例的计数与选票记录不符 (COUNTS DISAGREE for 1 entries)',
      `  ${entryId}: rows say weight ${before?.weight}, votes ${before?.votes}, voided 0 (0); counter holds weight ${(before?.weight ?? 0) + 50}, votes ${before?.votes}, voided 0 (0)`,
    ]);
    await t.app.ctx.db
      .update(voteCounts)
      .set({ weight: before?.weight ?? 0 })
      .where(eq(voteCounts.entryId, entryId));
    await t.app.ctx.db.delete(voteCounts).where(eq(voteCounts.entryId, entryId));
    lines.length = 0;
    expect(await runVotesVerify(t.app.ctx.db, c.id, out)).toBe(1);
    expect(lines[1]).toBe(
      `  ${entryId}: rows say weight ${before?.weight}, votes ${before?.votes}, voided 0 (0); counter holds no counter row`,
    );
  });
});
