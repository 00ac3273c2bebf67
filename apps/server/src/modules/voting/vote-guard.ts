import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { subnetOf } from './detector.ts';
import { type GuardCounters, memoryCounters, redisCounters, WINDOW_MS } from './guard-counters.ts';
import { type ChallengeKeys, type ChallengeSettings, challengeKeys, checkChallenge, issueChallenge } from './vote-challenge.ts';

/**
 * The vote guard's figures: hard limits per minute (RATE_LIMITED) and the challenge thresholds (CHALLENGE_REQUIRED).
 * Defaults below; VOTE_GUARD=name=number,… overrides them (config.voteGuard).
 *
 * Why these numbers: one person votes for each entry once a day, so 20 vote requests a minute from one account (30
 * from one browser, which a family may share) is already more than a person clicking through a theme. A hospital's
 * NAT puts hundreds of staff behind one address, so an address is never cut off early: past 30 votes a minute from
 * one address, or 120 from one /24 (IPv4) or /64 (IPv6), each vote from there needs a solved proof of work, and the
 * work grows as the rate does (tier 2 at twice the threshold, tier 3 at four times: WizeHive's tiered voting
 * security, self-hosted); only past 600 a minute is the address refused outright.
 */
export interface VoteGuardSettings extends ChallengeSettings {
  accountPerMinute: number;
  devicePerMinute: number;
  ipPerMinute: number;
  challengeIpPerMinute: number;
  challengeSubnetPerMinute: number;
}

export const DEFAULT_VOTE_GUARD: VoteGuardSettings = {
  accountPerMinute: 20,
  devicePerMinute: 30,
  ipPerMinute: 600,
  challengeIpPerMinute: 30,
  challengeSubnetPerMinute: 120,
  // PBKDF2-SHA-256 at 1,000 iterations per attempt: about 0.3 s, 1.5 s and 6 s on a mid-range phone.
  challengeCost: 1000,
  tier1Counter: 300,
  tier2Counter: 1500,
  tier3Counter: 6000,
  challengeTtlSeconds: 300,
};

export function voteGuardSettings(overrides: Record<string, number>): VoteGuardSettings {
  const settings = { ...DEFAULT_VOTE_GUARD };
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in settings) || !Number.isInteger(value) || value < 1) {
      throw new Error(`配置错误 (invalid environment): VOTE_GUARD ${name}=${value}`);
    }
    settings[name as keyof VoteGuardSettings] = value;
  }
  return settings;
}

interface GuardState {
  settings: VoteGuardSettings;
  counters: GuardCounters;
  keys: ChallengeKeys;
}

/** One guard per app (keyed by its context): fraud.routes.ts sets it up with the app's Redis, if any. */
const states = new WeakMap<AppContext, GuardState>();

export function setUpVoteGuard(ctx: AppContext, options: { redis: Redis | null; namespace: string }): void {
  states.set(ctx, {
    settings: voteGuardSettings(ctx.config.voteGuard ?? {}),
    counters: options.redis ? redisCounters(options.redis, options.namespace, ctx.log) : memoryCounters(),
    keys: challengeKeys(ctx.config),
  });
}

function stateOf(ctx: AppContext): GuardState {
  let state = states.get(ctx);
  if (!state) {
    setUpVoteGuard(ctx, { redis: null, namespace: 'default' });
    state = states.get(ctx) as GuardState;
  }
  return state;
}

export const DEVICE_COOKIE = 'ca_device';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
/** Device ids handed out in this request (the browser sends the cookie from the next one on). */
const issued = new WeakMap<FastifyRequest, string>();

/** The routes that hand out the device cookie: the vote, the vote card, the challenge (never a cached public page). */
const DEVICE_ROUTES =
  /^(POST \/api\/entries\/:[A-Za-z]+\/votes|GET \/api\/entries\/:[A-Za-z]+\/vote-card|GET \/api\/voting\/challenge)$/;

/**
 * onRequest hook of the voting routes: a browser without a valid device cookie gets one — random, opaque, HttpOnly,
 * SameSite=Lax, kept 400 days. A client that drops it is counted by its address instead (guardVote), so dropping it
 * buys nothing.
 */
export async function deviceCookieHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!DEVICE_ROUTES.test(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
  if (DEVICE_ID.test(request.cookies?.[DEVICE_COOKIE] ?? '')) return;
  const id = randomBytes(16).toString('base64url');
  issued.set(request, id);
  reply.setCookie(DEVICE_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.ctx.config.secureCookies,
    maxAge: 400 * 24 * 3600,
  });
}

function deviceOf(request: FastifyRequest): { id: string | null; fromCookie: boolean } {
  const cookie = request.cookies?.[DEVICE_COOKIE];
  if (cookie && DEVICE_ID.test(cookie)) return { id: cookie, fromCookie: true };
  return { id: issued.get(request) ?? null, fromCookie: false };
}

/** 0 below the threshold; 1 above it, 2 above twice it, 3 above four times it. */
function tierOf(count: number, threshold: number): number {
  if (count <= threshold) return 0;
  if (count <= 2 * threshold) return 1;
  return count <= 4 * threshold ? 2 : 3;
}

const keysOf = (ip: string) => [`ip:${ip}`, `net:${subnetOf(ip)}`];

/** The challenge tier an address must solve at now (0: none), counting no vote. */
export async function currentTier(ctx: AppContext, ip: string): Promise<number> {
  const { settings, counters } = stateOf(ctx);
  const [ipCount = 0, netCount = 0] = await counters.peek(keysOf(ip), ctx.clock.now().getTime());
  return Math.max(tierOf(ipCount, settings.challengeIpPerMinute), tierOf(netCount, settings.challengeSubnetPerMinute));
}

/** GET /api/voting/challenge: a challenge at the caller's tier (at least 1, so a page can fetch one in advance). */
export async function challengeFor(ctx: AppContext, ip: string) {
  const { settings, keys } = stateOf(ctx);
  const tier = Math.max(1, await currentTier(ctx, ip));
  return issueChallenge({ keys, settings, tier, ip, nowMs: ctx.clock.now().getTime() });
}

/** The fraud signals a vote row keeps: the trusted address and the device cookie (or the one handed out now). */
export function voteSignals(request: FastifyRequest): { ip: string; deviceId: string | null } {
  return { ip: request.ip, deviceId: deviceOf(request).id };
}

/**
 * Fraud defence in front of a vote (issue 9 item 5): rate limits per account, address and device, and the
 * self-hosted challenge once an address or subnet goes past its threshold. Every vote request counts, refused or
 * not. Rejects with the refusal — RATE_LIMITED { scope: account | device | ip, limit, retryAfter (s) },
 * CHALLENGE_REQUIRED { tier, reason: missing | invalid | expired | weak | other-network | used }. Started first in the
 * vote route, after the body is parsed (it reads `challenge`); the vote waits for it before it is stored or refused
 * (cast-vote.ts), so its round trip to the counters runs during the batch window instead of before it.
 */
export async function guardVote(request: FastifyRequest): Promise<void> {
  const ctx = request.server.ctx;
  const { settings, counters, keys } = stateOf(ctx);
  const nowMs = ctx.clock.now().getTime();
  const ip = request.ip;
  const device = deviceOf(request);
  const accountId = request.user?.id;
  const [ipCount = 0, netCount = 0, deviceCount = 0, accountCount = 0] = await counters.hit(
    [...keysOf(ip), device.fromCookie ? `dev:${device.id}` : `dev:ip:${ip}`, ...(accountId ? [`acct:${accountId}`] : [])],
    nowMs,
  );
  const retryAfter = Math.ceil((WINDOW_MS - (nowMs % WINDOW_MS)) / 1000);
  if (accountCount > settings.accountPerMinute) {
    throw new AppError('RATE_LIMITED', { scope: 'account', limit: settings.accountPerMinute, retryAfter });
  }
  if (deviceCount > settings.devicePerMinute) {
    throw new AppError('RATE_LIMITED', { scope: 'device', limit: settings.devicePerMinute, retryAfter });
  }
  if (ipCount > settings.ipPerMinute) {
    throw new AppError('RATE_LIMITED', { scope: 'ip', limit: settings.ipPerMinute, retryAfter });
  }
  const tier = Math.max(tierOf(ipCount, settings.challengeIpPerMinute), tierOf(netCount, settings.challengeSubnetPerMinute));
  if (tier > 0) {
    const body = request.body as { challenge?: unknown } | undefined;
    const payload = typeof body?.challenge === 'string' ? body.challenge : undefined;
    const outcome = await checkChallenge({ keys, payload, tier, ip, nowMs });
    if (!outcome.ok) throw new AppError('CHALLENGE_REQUIRED', { tier, reason: outcome.reason });
    // A solved challenge buys one vote: its nonce is remembered until it expires.
    if (!(await counters.useOnce(outcome.token, outcome.expiresAtMs, nowMs))) {
      throw new AppError('CHALLENGE_REQUIRED', { tier, reason: 'used' });
    }
  }
}
