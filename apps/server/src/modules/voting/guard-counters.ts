import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * The vote guard's counters: a sliding one-minute window per key (account, device, address, subnet) and a set of
 * used challenge ids. In process in embedded mode; in Redis when the app has one, so every node counts the same
 * votes. The window is the usual two-bucket estimate: this minute's hits plus the previous minute's weighted by how
 * much of it still lies within the last 60 s. Times come from the caller (ctx.clock), so tests move them.
 */
export interface GuardCounters {
  /** Counts one hit on each key and answers each key's sliding count, this hit included. */
  hit(keys: readonly string[], nowMs: number): Promise<number[]>;
  /** Each key's sliding count without counting a hit. */
  peek(keys: readonly string[], nowMs: number): Promise<number[]>;
  /** Remembers a used token until `expiresAtMs`; false when it was used before. */
  useOnce(token: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
}

export const WINDOW_MS = 60_000;

const bucketOf = (nowMs: number) => Math.floor(nowMs / WINDOW_MS);
const previousWeight = (nowMs: number) => 1 - (nowMs % WINDOW_MS) / WINDOW_MS;
const estimate = (current: number, previous: number, nowMs: number) => current + Math.floor(previous * previousWeight(nowMs));

export function memoryCounters(): GuardCounters {
  const buckets = new Map<string, { bucket: number; current: number; previous: number }>();
  const used = new Map<string, number>();
  let calls = 0;
  const roll = (key: string, nowMs: number) => {
    const bucket = bucketOf(nowMs);
    const row = buckets.get(key);
    if (!row) return { bucket, current: 0, previous: 0 };
    if (row.bucket === bucket) return row;
    return { bucket, current: 0, previous: row.bucket === bucket - 1 ? row.current : 0 };
  };
  // Keys of a quiet minute and expired tokens go every 10,000 calls: memory stays bounded by two minutes of traffic.
  const sweep = (nowMs: number) => {
    calls += 1;
    if (calls % 10_000 !== 0) return;
    const bucket = bucketOf(nowMs);
    for (const [key, row] of buckets) if (row.bucket < bucket - 1) buckets.delete(key);
    for (const [token, expiresAt] of used) if (expiresAt <= nowMs) used.delete(token);
  };
  return {
    async hit(keys, nowMs) {
      sweep(nowMs);
      return keys.map((key) => {
        const row = roll(key, nowMs);
        row.current += 1;
        buckets.set(key, row);
        return estimate(row.current, row.previous, nowMs);
      });
    },
    async peek(keys, nowMs) {
      return keys.map((key) => {
        const row = roll(key, nowMs);
        return estimate(row.current, row.previous, nowMs);
      });
    },
    async useOnce(token, expiresAtMs, nowMs) {
      sweep(nowMs);
      const seen = used.get(token);
      if (seen !== undefined && seen > nowMs) return false;
      used.set(token, expiresAtMs);
      return true;
    },
  };
}

/**
 * The same counters in Redis: INCR of this minute's key with an expiry of two minutes, and GET of the previous
 * minute's, in one Lua script for all keys; used tokens are SET NX with the challenge's remaining lifetime. A Redis
 * that is down fails open with a logged warning (as the sign-in rate limits do): voting goes on, the database's
 * once-a-day constraint still holds, and the detector and voiding deal with what slips through.
 */
export function redisCounters(redis: Redis, namespace: string, log: FastifyBaseLogger): GuardCounters {
  const key = (k: string, bucket: number) => `casearena-vg-${namespace}:${k}:${bucket}`;
  // One EVALSHA for all keys (ioredis sends EVAL once when the script is not cached yet): KEYS are this minute's then
  // the previous minute's keys; ARGV[1] '1' counts a hit, ARGV[2] the expiry. Atomic, and 1 command instead of 14.
  if (!(redis as unknown as Record<string, unknown>).casearenaVoteGuard) {
    redis.defineCommand('casearenaVoteGuard', {
      lua: `local n = #KEYS / 2
local out = {}
for i = 1, n do
  local c
  if ARGV[1] == '1' then
    c = redis.call('INCR', KEYS[i])
    redis.call('PEXPIRE', KEYS[i], ARGV[2])
  else
    c = tonumber(redis.call('GET', KEYS[i]) or '0')
  end
  out[2 * i - 1] = c
  out[2 * i] = tonumber(redis.call('GET', KEYS[n + i]) or '0')
end
return out`,
    });
  }
  type GuardPipeline = { casearenaVoteGuard(numKeys: number, ...args: Array<string | number>): GuardPipeline };
  // The requests of one turn of the event loop go as one pipeline: one socket write for all of them, not one each.
  let waiting: Array<{ args: Array<string | number>; done: (values: number[] | null, err?: unknown) => void }> = [];
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    const pipeline = redis.pipeline() as unknown as GuardPipeline & { exec(): Promise<Array<[Error | null, unknown]> | null> };
    for (const { args } of batch) pipeline.casearenaVoteGuard(args.length - 2, ...args);
    try {
      const replies = (await pipeline.exec()) ?? [];
      batch.forEach(({ done }, i) => {
        const [err, value] = replies[i] ?? [new Error('no reply'), null];
        if (err) done(null, err);
        else done((value as unknown[]).map((v) => Number(v ?? 0)));
      });
    } catch (err) {
      for (const { done } of batch) done(null, err);
    }
  };
  const run = (args: Array<string | number>) =>
    new Promise<number[] | null>((resolve) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({
        args,
        done: (values, err) => {
          if (err) log.warn({ err }, 'vote guard: redis unavailable, limits not applied');
          resolve(values);
        },
      });
    });
  const read = async (keys: readonly string[], nowMs: number, count: boolean) => {
    const bucket = bucketOf(nowMs);
    const names = [...keys.map((k) => key(k, bucket)), ...keys.map((k) => key(k, bucket - 1))];
    const values = await run([...names, count ? '1' : '0', 2 * WINDOW_MS]);
    if (!values) return keys.map(() => 0);
    return keys.map((_, i) => estimate(values[2 * i] ?? 0, values[2 * i + 1] ?? 0, nowMs));
  };
  return {
    hit: (keys, nowMs) => read(keys, nowMs, true),
    peek: (keys, nowMs) => read(keys, nowMs, false),
    async useOnce(token, expiresAtMs, nowMs) {
      try {
        const ttl = Math.max(1000, expiresAtMs - nowMs);
        return (await redis.set(`casearena-vg-${namespace}:used:${token}`, '1', 'PX', ttl, 'NX')) === 'OK';
      } catch (err) {
        log.warn({ err }, 'vote guard: redis unavailable, challenge replay not checked');
        return true;
      }
    },
  };
}
