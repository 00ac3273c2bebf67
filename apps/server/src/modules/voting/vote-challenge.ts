import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { TVoteChallenge } from '@casearena/contract';
import { createChallenge, type Payload, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Config } from '../../config.ts';
import { subnetOf } from './detector.ts';

/**
 * The self-hosted challenge (issue 9 item 5): an ALTCHA proof of work (altcha-lib, no third-party service: hospital
 * intranets reach none). The browser's altcha widget solves it and sends the base64 payload as `challenge` of the
 * vote. Each tier asks for more work (a larger counter to find); the tier, the caller's /24 or /64 and the expiry
 * are in the signed `data`, so a challenge fetched at a low tier does not pass a higher one, nor from another network.
 */
export interface ChallengeSettings {
  /** PBKDF2 iterations per attempt. */
  challengeCost: number;
  /** The counter the solver must reach at each tier is drawn from [max/3, max]. */
  tier1Counter: number;
  tier2Counter: number;
  tier3Counter: number;
  challengeTtlSeconds: number;
}

export type ChallengeOutcome =
  | { ok: true; token: string; expiresAtMs: number }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'weak' | 'other-network' };

const ALGORITHM = 'PBKDF2/SHA-256';

export interface ChallengeKeys {
  signature: string;
  key: string;
}

/**
 * ALTCHA_HMAC_KEY when set (every node of a cluster must share it). Otherwise a key derived from DATABASE_URL (the
 * nodes of one cluster share it and its password), or, embedded, a random key of this process (one node; a restart
 * only asks open pages to solve again).
 */
export function challengeKeys(config: Pick<Config, 'altchaHmacKey' | 'databaseUrl'>): ChallengeKeys {
  const master =
    config.altchaHmacKey ??
    (config.databaseUrl
      ? createHash('sha256').update(`casearena-altcha\0${config.databaseUrl}`).digest('hex')
      : randomBytes(32).toString('hex'));
  const derive = (label: string) => createHmac('sha256', master).update(label).digest('hex');
  return { signature: derive('altcha-signature'), key: derive('altcha-key-signature') };
}

/** A challenge for the caller's network at this tier (1 to 3). */
export async function issueChallenge(input: {
  keys: ChallengeKeys;
  settings: ChallengeSettings;
  tier: number;
  ip: string;
  nowMs: number;
}): Promise<TVoteChallenge> {
  const { settings, tier } = input;
  const max = [settings.tier1Counter, settings.tier2Counter, settings.tier3Counter][Math.min(3, Math.max(1, tier)) - 1] ?? 1;
  // Our own expiry, on ctx.clock (altcha's `expiresAt` would be read against the machine's clock).
  const data = { tier, net: subnetOf(input.ip), exp: Math.floor(input.nowMs / 1000) + settings.challengeTtlSeconds };
  const challenge = await createChallenge({
    algorithm: ALGORITHM,
    cost: settings.challengeCost,
    counter: randomInt(max, Math.max(1, Math.floor(max / 3))),
    deriveKey,
    hmacSignatureSecret: input.keys.signature,
    hmacKeySignatureSecret: input.keys.key,
    data,
  });
  // Always signed: we pass the secret. `data` is the object signed above (altcha's type also allows nulls; ours has none).
  return { parameters: { ...challenge.parameters, data }, signature: challenge.signature ?? '' };
}

/** Checks a solved challenge (the widget's base64 JSON payload); the caller then uses its token once. */
export async function checkChallenge(input: {
  keys: ChallengeKeys;
  payload: string | undefined;
  tier: number;
  ip: string;
  nowMs: number;
}): Promise<ChallengeOutcome> {
  if (!input.payload) return { ok: false, reason: 'missing' };
  let parsed: Payload;
  try {
    parsed = JSON.parse(Buffer.from(input.payload, 'base64').toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const params = parsed?.challenge?.parameters;
  if (!params || !parsed.solution || params.algorithm !== ALGORITHM) return { ok: false, reason: 'invalid' };
  const verified = await verifySolution({
    challenge: parsed.challenge,
    solution: parsed.solution,
    deriveKey,
    hmacSignatureSecret: input.keys.signature,
    hmacKeySignatureSecret: input.keys.key,
  }).catch(() => null);
  if (!verified?.verified) return { ok: false, reason: 'invalid' };
  // Signed, so these are ours.
  const { tier, net, exp } = params.data ?? {};
  if (typeof exp !== 'number' || exp * 1000 <= input.nowMs) return { ok: false, reason: 'expired' };
  if (net !== subnetOf(input.ip)) return { ok: false, reason: 'other-network' };
  if (typeof tier !== 'number' || tier < input.tier) return { ok: false, reason: 'weak' };
  return { ok: true, token: `${params.nonce}:${params.salt}`, expiresAtMs: exp * 1000 };
}
