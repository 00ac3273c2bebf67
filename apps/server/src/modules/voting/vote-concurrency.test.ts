import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { startTestApp, type TestApp } from '../../../test/app.ts';
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
import { verifyVotes } from './verify-votes.ts';
import { createBatcher } from './vote-batcher.ts';
import { voteCounts, voterDays, votes } from './voting.tables.ts';

let t: TestApp;
let c: VotingCampaign;
let entryIds: string[];
beforeAll(async () => {
  process.env.VOTE_GUARD = NO_VOTE_GUARD;
  t = await startTestApp();
  c = await votingCampaign(t);
  entryIds = [await entryIn(t, c, 'passed', 0), await entryIn(t, c, 'passed', 1), await entryIn(t, c, 'passed', 2)];
});
afterAll(() => t.close());

async function voters(n: number): Promise<Array<{ user: TestUser; client: Client }>> {
  t.clock.set('2022-03-15T02:00:00.000Z');
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const user = await buildUser(t);
    out.push({ user, client: await signIn(t, user) });
  }
  return out;
}

const vote = (client: Client, entryId: string, idempotencyKey = voteKey()) =>
  client.post(`/api/entries/${entryId}/votes`, { idempotencyKey });

const countRow = async (entryId: string) => {
  const [row] = await t.app.ctx.db.select().from(voteCounts).where(eq(voteCounts.entryId, entryId));
  return row ? { weight: row.weight, votes: row.votes } : null;
};

const rowsFor = async (entryId: string, voterId?: string) => {
  const where = voterId
    ? sql`${votes.entryId} = ${entryId} and ${votes.voterId} = ${voterId}`
    : sql`${votes.entryId} = ${entryId}`;
  const [row] = await t.app.ctx.db
    .select({ n: sql<number>`count(*)::int`, w: sql<number>`coalesce(sum(${votes.weight}), 0)::int` })
    .from(votes)
    .where(where);
  return { votes: row?.n ?? 0, weight: row?.w ?? 0 };
};

describe('issue 9 item 7: concurrent votes (S0-14 once a day is the database’s unique key, not a read-then-write)', () => {
  it('S0-14 50 parallel votes by one voter for one entry (50 keys): exactly one counts, 49 ALREADY_VOTED_TODAY', async () => {
    const [one] = await voters(1);
    const entryId = entryIds[0] as string;
    t.clock.set(VOTING_DAY);
    const answers = await Promise.all(Array.from({ length: 50 }, () => vote(one?.client as Client, entryId)));
    const codes = answers.map((r) => (r.statusCode === 200 ? 200 : r.json().error.code));
    expect(codes.filter((x) => x === 200)).toHaveLength(1);
    expect(codes.filter((x) => x === 'ALREADY_VOTED_TODAY')).toHaveLength(49);
    expect(await rowsFor(entryId, one?.user.id)).toEqual({ votes: 1, weight: 1 });
    expect(await countRow(entryId)).toEqual(await rowsFor(entryId));
  });

  it('S0-14 50 parallel retries with one idempotency key: one vote, 50 answers with its receipt (49 replayed)', async () => {
    const [one] = await voters(1);
    const entryId = entryIds[1] as string;
    t.clock.set(VOTING_DAY);
    const key = voteKey();
    const answers = await Promise.all(Array.from({ length: 50 }, () => vote(one?.client as Client, entryId, key)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((r) => r.json().voteId)).size).toBe(1);
    expect(answers.filter((r) => r.json().replayed === false)).toHaveLength(1);
    expect(await rowsFor(entryId, one?.user.id)).toEqual({ votes: 1, weight: 1 });
    expect(await countRow(entryId)).toEqual(await rowsFor(entryId));
  });

  it('S0-14 many voters of every level voting for three entries at once: every count is exact and verify agrees', async () => {
    const crowd = await voters(12);
    for (const [i, v] of crowd.entries()) {
      if (i % 3 === 1) await certify(t, v.user, 'professional');
      if (i % 3 === 2) await certify(t, v.user, 'institution');
    }
    const before = await Promise.all(entryIds.map((id) => rowsFor(id)));
    t.clock.set('2022-03-17T02:00:00.000Z');
    // Each voter votes for each entry twice with two keys, all at once: one of each pair counts.
    const answers = await Promise.all(crowd.flatMap((v) => entryIds.flatMap((id) => [vote(v.client, id), vote(v.client, id)])));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(12 * 3);
    expect(answers.filter((r) => r.statusCode === 409 && r.json().error.code === 'ALREADY_VOTED_TODAY')).toHaveLength(12 * 3);
    const expected = 4 * (1 + 15 + 50);
    for (const [i, id] of entryIds.entries()) {
      expect(await rowsFor(id)).toEqual({ votes: (before[i]?.votes ?? 0) + 12, weight: (before[i]?.weight ?? 0) + expected });
      expect(await countRow(id)).toEqual(await rowsFor(id));
    }
    expect((await verifyVotes(t.app.ctx.db, c.id)).differences).toEqual([]);
  });

  it('S0-14 DAILY_VOTE_CAP under concurrency: a cap of 3 and 6 entries voted at once stores exactly 3; a too-new voter in the same batch fails alone', async () => {
    const capped = await votingCampaign(t, { rules: { dailyCapPerVoter: 3, minAccountAgeHours: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await entryIn(t, capped, 'passed', i % 3));
    const [one] = await voters(1);
    t.clock.set('2022-03-16T01:59:00.000Z');
    const fresh = await buildUser(t);
    const freshClient = await signIn(t, fresh);
    t.clock.set('2022-03-16T02:00:00.000Z');
    const answers = await Promise.all([...ids.map((id) => vote(one?.client as Client, id)), vote(freshClient, ids[0] as string)]);
    const codes = answers.map((r) => (r.statusCode === 200 ? 200 : r.json().error.code));
    expect(codes.slice(0, 6).filter((x) => x === 200)).toHaveLength(3);
    expect(codes.slice(0, 6).filter((x) => x === 'DAILY_VOTE_CAP')).toHaveLength(3);
    expect(codes[6]).toBe('ACCOUNT_TOO_NEW');
    const [day] = await t.app.ctx.db
      .select()
      .from(voterDays)
      .where(eq(voterDays.voterId, one?.user.id as string));
    expect(day?.used).toBe(3);
    expect((await verifyVotes(t.app.ctx.db, capped.id)).differences).toEqual([]);
  });
});

describe('issue 9 item 8: the group commit batcher', () => {
  it('S0-14 a failed batch fails every request in it and the next batch runs; one refused item does not fail the others', async () => {
    let calls = 0;
    const batcher = createBatcher<number, number>(
      async (items) => {
        calls += 1;
        if (items.includes(13)) throw new Error('database went away');
        return items.map((n) => (n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 2 }));
      },
      { windowMs: 1, maxSize: 3, concurrency: 1 },
    );
    const first = await Promise.allSettled([batcher.submit(1), batcher.submit(13), batcher.submit(2)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const second = await Promise.allSettled([batcher.submit(3), batcher.submit(-1), batcher.submit(4)]);
    expect(second.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([6, 'refused -1', 8]);
    // maxSize 3: seven requests at once go in three batches.
    calls = 0;
    await Promise.all([5, 6, 7, 8, 9, 10, 11].map((n) => batcher.submit(n)));
    expect(calls).toBe(3);
    await batcher.drain();
  });
});
