import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type FixedClock, fixedClock } from '../src/platform/clock/index.ts';
import type { Database } from '../src/platform/db/client.ts';
import { T0, type TestApp } from './app.ts';
import { openTestDatabase } from './db.ts';
import { type PrivateRedis, startPrivateRedis } from './private-services.ts';

/** One node of the cluster: its app, listening on loopback at `base`. */
export interface RedisNode {
  app: FastifyInstance;
  base: string;
}

/**
 * Nodes of a cluster in one process (the live fan-out tests of voting and stage): apps on one test database (PGlite
 * or PostgreSQL, test/db.ts) and one Redis, each with its own realtime (its own Redis connections), on one clock at
 * T0. The machine's Redis (REDIS_URL) when set, else one started here; `outage` is always a Redis of its own, which
 * a test stops and starts.
 */
export interface RedisNodes {
  database: Database;
  clock: FixedClock;
  /** The Redis the nodes share: REDIS_URL, or the one started here (`machine` false). */
  sharedUrl: string;
  machine: boolean;
  outage: PrivateRedis;
  /** Every node started so far, the setup node first. */
  nodes: RedisNode[];
  /** A new node on the given Redis. */
  node(redisUrl: string): Promise<RedisNode>;
  /** The setup node (on the shared Redis) as a TestApp, for factories that make their data over HTTP. */
  setup: TestApp;
  /** Closes the nodes, the database and the Redis servers started here. Close the open streams first. */
  close(): Promise<void>;
}

export async function startRedisNodes(): Promise<RedisNodes> {
  const database = await openTestDatabase();
  const shared = process.env.REDIS_URL;
  const privateRedis = shared ? undefined : await startPrivateRedis();
  const outage = await startPrivateRedis();
  const clock = fixedClock(T0);
  const nodes: RedisNode[] = [];
  const node = async (redisUrl: string): Promise<RedisNode> => {
    const app = await buildApp({
      database,
      clock,
      transport: { deliver: async () => {} },
      outboxWorker: false,
      logger: false,
      serveWeb: false,
      authRateLimit: 1000,
      rateLimitNamespace: randomUUID(),
      config: { redisUrl, dataDir: '/tmp/casearena-test-files', s3: undefined },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const n = { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
    nodes.push(n);
    return n;
  };
  const sharedUrl = shared ?? (privateRedis as PrivateRedis).url;
  const first = await node(sharedUrl);
  return {
    database,
    clock,
    sharedUrl,
    machine: shared !== undefined,
    outage,
    nodes,
    node,
    setup: { app: first.app, database, clock, sent: [], close: async () => {} },
    async close() {
      for (const n of nodes.splice(0)) await n.app.close();
      await database.close();
      await privateRedis?.stop();
      await outage.stop();
    },
  };
}

/** Waits until `probe` holds, polling every 20 ms; fails after `ms`. */
export async function until(what: string, probe: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
