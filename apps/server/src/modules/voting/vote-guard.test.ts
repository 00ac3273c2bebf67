import { randomBytes, randomUUID } from 'node:crypto';
import { type Payload, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0, type TestApp } from '../../../test/app.ts';
import { openTestDatabase } from '../../../test/db.ts';
import { buildUser, signIn } from '../../../test/factories.ts';
import { entryIn, VOTING_DAY, votingCampaign } from '../../../test/votes.ts';
import { buildApp } from '../../app.ts';
import { fixedClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/client.ts';
import { votes } from './voting.tables.ts';

// Small figures so each limit is reached in a few requests (the defaults are in vote-guard.ts).
const GUARD = {
  accountPerMinute: 5,
  devicePerMinute: 8,
  ipPerMinute: 40,
  challengeIpPerMinute: 10,
  challengeSubnetPerMinute: 15,
  challengeCost: 1,
  tier1Counter: 3,
  tier2Counter: 6,
  tier3Counter: 12,
  challengeTtlSeconds: 300,
};

let app: FastifyInstance;
let database: Database;
const namespace = randomUUID();
const clock = fixedClock(T0);
const ENTRY = randomUUID();
let ip4 = 0;
/** A fresh /24 for each scenario, so scenarios do not share counters. */
const freshNet = () => {
  ip4 += 1;
  return `10.${Math.floor(ip4 / 250)}.${ip4 % 250}`;
};
const device = () => randomBytes(16).toString('base64url');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    database,
    clock,
    logger: false,
    serveWeb: false,
    outboxWorker: false,
    authRateLimit: 1000,
    rateLimitNamespace: namespace,
    config: { dataDir: '/tmp/casearena-test-files', voteGuard: GUARD },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

interface Caller {
  ip: string;
  device?: string;
  session?: { token: string; csrf: string };
}

async function session(): Promise<Caller['session']> {
  const user = await buildUser({ app, database, clock, sent: [], close: async () => {} });
  const client = await signIn({ app, database, clock, sent: [], close: async () => {} }, user);
  return { token: client.cookie('ca_session') as string, csrf: client.cookie('ca_csrf') as string };
}

/** One vote request (for an entry that does not exist: the guard answers before the vote is looked at). */
async function vote(caller: Caller, challenge?: string) {
  const csrf = caller.session?.csrf ?? randomBytes(24).toString('base64url');
  const cookies = [`ca_csrf=${csrf}`];
  if (caller.session) cookies.push(`ca_session=${caller.session.token}`);
  if (caller.device) cookies.push(`ca_device=${caller.device}`);
  const res = await app.inject({
    method: 'POST',
    url: `/api/entries/${ENTRY}/votes`,
    remoteAddress: caller.ip,
    headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf },
    payload: { idempotencyKey: randomBytes(9).toString('base64url'), ...(challenge ? { challenge } : {}) },
  });
  return { status: res.statusCode, body: res.json(), res };
}

const guardCode = (r: { body: { error?: { code: string } } }) => r.body.error?.code;
const GUARD_CODES = new Set(['RATE_LIMITED', 'CHALLENGE_REQUIRED']);

async function solved(ip: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/voting/challenge', remoteAddress: ip });
  expect(res.statusCode).toBe(200);
  const challenge = res.json();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('not solved');
  const payload: Payload = { challenge, solution };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

describe('vote guard (issue 9 item 5, S0-14 anti-fraud)', () => {
  it('S0-14 sets the device cookie on a vote without one: random, HttpOnly, SameSite=Lax, long-lived', async () => {
    const r = await vote({ ip: `${freshNet()}.1` });
    const cookie = r.res.cookies.find((c) => c.name === 'ca_device');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 400 * 24 * 3600 });
    // A valid cookie is kept, not replaced.
    const again = await vote({ ip: `${freshNet()}.1`, device: cookie?.value });
    expect(again.res.cookies.find((c) => c.name === 'ca_device')).toBeUndefined();
  });

  it('S0-14 rate limit per account: the 6th vote request in a minute is RATE_LIMITED (scope account), from any device or address', async () => {
    const s = await session();
    const net = freshNet();
    for (let i = 1; i <= 5; i += 1) {
      const r = await vote({ ip: `${net}.${i}`, device: device(), session: s });
      expect(GUARD_CODES.has(guardCode(r) ?? '')).toBe(false);
    }
    const refused = await vote({ ip: `${freshNet()}.9`, device: device(), session: s });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      params: { scope: 'account', limit: 5 },
      message: '操作过于频繁，请稍后再试',
    });
    // Another account on the same address is not held back by it.
    const other = await vote({ ip: `${net}.1`, device: device(), session: await session() });
    expect(GUARD_CODES.has(guardCode(other) ?? '')).toBe(false);
    // Two minutes later the window has slid past.
    clock.advance(120_000);
    const later = await vote({ ip: `${freshNet()}.9`, device: device(), session: s });
    expect(GUARD_CODES.has(guardCode(later) ?? '')).toBe(false);
  });

  it('S0-14 rate limit per device: the 9th request in a minute from one device cookie is RATE_LIMITED (scope device), whoever is signed in', async () => {
    const d = device();
    const sessions = [await session(), await session()];
    for (let i = 0; i < 8; i += 1) {
      const r = await vote({ ip: `${freshNet()}.1`, device: d, session: sessions[i % 2] });
      expect(GUARD_CODES.has(guardCode(r) ?? '')).toBe(false);
    }
    const refused = await vote({ ip: `${freshNet()}.1`, device: d, session: await session() });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', params: { scope: 'device', limit: 8 } });
  });

  it('S0-14 dropping the device cookie buys nothing: cookieless requests count on their address as one device', async () => {
    const ip = `${freshNet()}.7`;
    for (let i = 0; i < 8; i += 1) {
      const r = await vote({ ip, session: await session() });
      expect(GUARD_CODES.has(guardCode(r) ?? '')).toBe(false);
    }
    const refused = await vote({ ip, session: await session() });
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', params: { scope: 'device' } });
  });

  it('S0-14 above 10 a minute from one address a vote needs a solved challenge (CHALLENGE_REQUIRED, 428); a solved one is accepted once, a replay is refused', async () => {
    clock.advance(120_000);
    const ip = `${freshNet()}.5`;
    for (let i = 0; i < 10; i += 1) {
      const r = await vote({ ip, device: device(), session: await session() });
      expect(GUARD_CODES.has(guardCode(r) ?? '')).toBe(false);
    }
    const asked = await vote({ ip, device: device(), session: await session() });
    expect(asked.status).toBe(428);
    expect(asked.body.error).toMatchObject({
      code: 'CHALLENGE_REQUIRED',
      params: { tier: 1, reason: 'missing' },
      message: '为防止刷票，请先完成人机验证后再投票',
    });
    const payload = await solved(ip);
    const passed = await vote({ ip, device: device(), session: await session() }, payload);
    expect(GUARD_CODES.has(guardCode(passed) ?? '')).toBe(false);
    const replay = await vote({ ip, device: device(), session: await session() }, payload);
    expect(replay.status).toBe(428);
    expect(replay.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { tier: 1, reason: 'used' } });
    // A forged payload is refused as invalid; one solved for another network does not pass here.
    const forged = await vote({ ip, device: device(), session: await session() }, Buffer.from('{"x":1}').toString('base64'));
    expect(forged.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { reason: 'invalid' } });
    const elsewhere = await solved(`${freshNet()}.5`);
    const moved = await vote({ ip, device: device(), session: await session() }, elsewhere);
    expect(moved.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { reason: 'other-network' } });
  });

  it('S0-14 the challenge escalates: past twice the threshold tier 2, and a tier-1 solution no longer passes (weak); it expires after its lifetime', async () => {
    clock.advance(120_000);
    const ip = `${freshNet()}.6`;
    const early = await solved(ip); // tier 1 while the address is quiet
    for (let i = 0; i < 21; i += 1) await vote({ ip, device: device() });
    const res = await app.inject({ method: 'GET', url: '/api/voting/challenge', remoteAddress: ip });
    expect(res.json().parameters.data).toMatchObject({ tier: 2 });
    const weak = await vote({ ip, device: device() }, early);
    expect(weak.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { tier: 2, reason: 'weak' } });
    const strong = await solved(ip);
    clock.advance(301_000);
    // Past the lifetime (and the minute has slid, so the address is back below tier 2 but still counted in its window).
    for (let i = 0; i < 11; i += 1) await vote({ ip, device: device() });
    const expired = await vote({ ip, device: device() }, strong);
    expect(expired.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { reason: 'expired' } });
  });

  it('S0-14 a subnet (/24) past 15 a minute needs the challenge even when each address is quiet; past 40 an address is RATE_LIMITED (scope ip)', async () => {
    clock.advance(120_000);
    const net = freshNet();
    for (let i = 1; i <= 15; i += 1) {
      const r = await vote({ ip: `${net}.${i}`, device: device() });
      expect(GUARD_CODES.has(guardCode(r) ?? '')).toBe(false);
    }
    const asked = await vote({ ip: `${net}.99`, device: device() });
    expect(asked.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { tier: 1, reason: 'missing' } });
    const ip = `${freshNet()}.3`;
    for (let i = 0; i < 40; i += 1) await vote({ ip, device: device() });
    const refused = await vote({ ip, device: device() });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', params: { scope: 'ip', limit: 40 } });
  });

  it('S0-14 IPv6: addresses of one /64 count as one subnet', async () => {
    clock.advance(120_000);
    for (let i = 1; i <= 15; i += 1) await vote({ ip: `2001:db8:5:7::${i.toString(16)}`, device: device() });
    const asked = await vote({ ip: '2001:db8:5:7:ffff::1', device: device() });
    expect(asked.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', params: { tier: 1 } });
    const elsewhere = await vote({ ip: '2001:db8:5:8::1', device: device() });
    expect(GUARD_CODES.has(guardCode(elsewhere) ?? '')).toBe(false);
  });

  it.skipIf(!process.env.REDIS_URL)(
    'S0-14 with Redis every node counts the same votes: limits hold across two apps',
    async () => {
      clock.advance(120_000);
      const other = await buildApp({
        database,
        clock,
        logger: false,
        serveWeb: false,
        outboxWorker: false,
        rateLimitNamespace: namespace,
        config: { dataDir: '/tmp/casearena-test-files', voteGuard: GUARD },
      });
      await other.ready();
      try {
        const d = device();
        const ip = `${freshNet()}.4`;
        // Four requests on this node, four on the other: the device's 9th, on either node, is refused.
        for (let i = 0; i < 4; i += 1) expect(GUARD_CODES.has(guardCode(await vote({ ip, device: d })) ?? '')).toBe(false);
        const onOther = async () => {
          const res = await other.inject({
            method: 'POST',
            url: `/api/entries/${ENTRY}/votes`,
            remoteAddress: ip,
            headers: { cookie: `ca_csrf=${'x'.repeat(32)}; ca_device=${d}`, 'x-csrf-token': 'x'.repeat(32) },
            payload: { idempotencyKey: randomBytes(9).toString('base64url') },
          });
          return { body: res.json() };
        };
        for (let i = 0; i < 4; i += 1) expect(GUARD_CODES.has(guardCode(await onOther()) ?? '')).toBe(false);
        expect((await onOther()).body.error).toMatchObject({ code: 'RATE_LIMITED', params: { scope: 'device', limit: 8 } });
      } finally {
        await other.close();
      }
    },
  );

  it('S0-14 a counted vote keeps the guard\u2019s signals: the address and the device cookie handed out on the vote card', async () => {
    const t: TestApp = { app, database, clock, sent: [], close: async () => {} };
    const c = await votingCampaign(t);
    const entryId = await entryIn(t, c, 'passed');
    clock.set(VOTING_DAY);
    const user = await buildUser(t);
    const client = await signIn(t, user);
    const ip = `${freshNet()}.8`;
    const card = await app.inject({ method: 'GET', url: `/api/entries/${entryId}/vote-card`, remoteAddress: ip });
    const d = card.cookies.find((x) => x.name === 'ca_device')?.value;
    expect(d).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const res = await app.inject({
      method: 'POST',
      url: `/api/entries/${entryId}/votes`,
      remoteAddress: ip,
      headers: {
        cookie: `ca_session=${client.cookie('ca_session')}; ca_csrf=${client.cookie('ca_csrf')}; ca_device=${d}`,
        'x-csrf-token': client.cookie('ca_csrf') as string,
      },
      payload: { idempotencyKey: randomBytes(9).toString('base64url') },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await app.ctx.db
      .select({ ip: votes.ip, deviceId: votes.deviceId })
      .from(votes)
      .where(eq(votes.id, res.json().voteId));
    expect(row).toEqual({ ip, deviceId: d });
  });
  it('S0-14 the guard decides inside the batch: 8 votes at once from one account (limit 5) for 8 entries store exactly 5, the other 3 are RATE_LIMITED and stored nothing', async () => {
    const t: TestApp = { app, database, clock, sent: [], close: async () => {} };
    const c = await votingCampaign(t);
    const entryIds: string[] = [];
    for (let i = 0; i < 8; i += 1) entryIds.push(await entryIn(t, c, 'passed'));
    clock.set(VOTING_DAY);
    const client = await signIn(t, await buildUser(t));
    const net = freshNet();
    const answers = await Promise.all(
      entryIds.map((entryId, i) =>
        app.inject({
          method: 'POST',
          url: `/api/entries/${entryId}/votes`,
          // Another address and device each, so only the account's limit is reached.
          remoteAddress: `${net}.${i + 1}`,
          headers: {
            cookie: `ca_session=${client.cookie('ca_session')}; ca_csrf=${client.cookie('ca_csrf')}; ca_device=${device()}`,
            'x-csrf-token': client.cookie('ca_csrf') as string,
          },
          payload: { idempotencyKey: randomBytes(9).toString('base64url') },
        }),
      ),
    );
    const outcome = answers.map((r) => (r.statusCode === 200 ? 'stored' : r.json().error.code)).sort();
    expect(outcome).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'stored', 'stored', 'stored', 'stored', 'stored']);
    const stored = await app.ctx.db.select({ entryId: votes.entryId }).from(votes).where(eq(votes.campaignId, c.id));
    const acked = answers.filter((r) => r.statusCode === 200).map((r) => r.json().entryId);
    expect(stored.map((r) => r.entryId).sort()).toEqual(acked.sort());
  });
});
