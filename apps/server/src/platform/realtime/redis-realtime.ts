import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { createLocalRealtime, type Realtime } from './realtime.ts';

export interface RedisRealtimeOptions {
  /** The app's command connection: publishes go through it. A second connection, for subscribing, is made from it. */
  redis: Redis;
  log: FastifyBaseLogger;
  /** Prefix of the Redis channel names (one Redis channel per realtime channel, e.g. `casearena:rt:votes:<id>`). */
  prefix?: string;
}

/**
 * Realtime across the nodes of a cluster over Redis pub/sub. A message published here reaches this node's listeners
 * at once (no round trip through Redis) and the other nodes' through Redis; this node skips its own messages when
 * Redis echoes them back (each carries the node id). Only channels with a listener on this node are subscribed, on a
 * connection of their own (a subscribed Redis connection runs no other command).
 *
 * A Redis outage never reaches the caller: a publish while Redis is down is dropped with one warning per outage (the
 * message is a hint, the figures stay in the database), the subscriptions are made again when Redis is back, and
 * `connected()` / `onConnectedChange` tell the open pages to poll meanwhile.
 */
export function createRedisRealtime({ redis, log, prefix = 'casearena:rt:' }: RedisRealtimeOptions): Realtime {
  const nodeId = randomUUID();
  const local = createLocalRealtime();
  // Subscriptions are this file's own bookkeeping, made again on every `ready`, so one that failed while Redis was
  // down is not lost (ioredis's autoResubscribe only remembers subscriptions Redis confirmed).
  const subscriber = redis.duplicate({ lazyConnect: true, autoResubscribe: false, enableOfflineQueue: false });
  const counts = new Map<string, number>();
  const watchers = new Set<(up: boolean) => void>();
  let closed = false;
  let up = false;
  let publishWarned = false;

  const isUp = () => !closed && redis.status === 'ready' && subscriber.status === 'ready';
  const recheck = () => {
    if (closed) return;
    const now = isUp();
    if (now === up) return;
    up = now;
    if (now) publishWarned = false;
    log[now ? 'info' : 'warn']({ nodeId }, now ? 'realtime: Redis fan-out is back' : 'realtime: Redis fan-out is down');
    for (const w of watchers) w(now);
  };
  const redisChannel = (channel: string) => `${prefix}${channel}`;
  const quietly = (what: string) => (err: unknown) => {
    if (!closed) log.warn({ err }, `realtime: ${what} failed`);
  };

  // ioredis reports every failed reconnection attempt; one warning per outage is enough (the app's connection says
  // the rest).
  let subscriberWarned = false;
  subscriber.on('error', (err) => {
    if (!subscriberWarned) log.warn({ err }, 'realtime: Redis subscriber connection error');
    subscriberWarned = true;
  });
  subscriber.on('ready', () => {
    subscriberWarned = false;
    const channels = [...counts.keys()].map(redisChannel);
    if (channels.length > 0) void subscriber.subscribe(...channels).catch(quietly('subscribe'));
    recheck();
  });
  for (const conn of [subscriber, redis]) {
    conn.on('close', recheck);
    conn.on('end', recheck);
    conn.on('ready', recheck);
  }
  subscriber.on('message', (fromChannel: string, raw: string) => {
    if (!fromChannel.startsWith(prefix)) return;
    const space = raw.indexOf(' ');
    if (space < 0 || raw.slice(0, space) === nodeId) return;
    local.publish(fromChannel.slice(prefix.length), raw.slice(space + 1));
  });
  void subscriber.connect().catch(quietly('connect'));

  return {
    publish(channel, message) {
      if (closed) return;
      local.publish(channel, message);
      // Either connection down is the outage the pages were told of (`connected()` false): the command connection
      // may not have noticed yet, and its offline queue would deliver this message late, after newer ones.
      if (!isUp()) {
        if (!publishWarned) log.warn({ channel }, 'realtime: Redis is down; live messages stay on this node until it is back');
        publishWarned = true;
        return;
      }
      void redis.publish(redisChannel(channel), `${nodeId} ${message}`).catch(quietly('publish'));
    },
    subscribe(channel, listener) {
      const unsubscribe = local.subscribe(channel, listener);
      const n = counts.get(channel) ?? 0;
      counts.set(channel, n + 1);
      if (n === 0 && subscriber.status === 'ready') void subscriber.subscribe(redisChannel(channel)).catch(quietly('subscribe'));
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unsubscribe();
        const left = (counts.get(channel) ?? 1) - 1;
        if (left > 0) return void counts.set(channel, left);
        counts.delete(channel);
        if (subscriber.status === 'ready') void subscriber.unsubscribe(redisChannel(channel)).catch(quietly('unsubscribe'));
      };
    },
    connected: isUp,
    onConnectedChange(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    async close() {
      closed = true;
      watchers.clear();
      counts.clear();
      subscriber.disconnect();
      await local.close();
    },
  };
}
