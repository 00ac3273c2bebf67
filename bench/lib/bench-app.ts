import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app.ts';
import type { Clock } from '../../apps/server/src/platform/clock/index.ts';
import { type Database, openDatabase } from '../../apps/server/src/platform/db/client.ts';

/** A fresh database on DATABASE_URL's server, dropped (with force) when closed. */
async function freshPostgres(url: string, tag: string): Promise<Database> {
  const name = `ca_bench_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export type BenchApp = Awaited<ReturnType<typeof buildApp>>;
export type EngineKind = 'postgresql' | 'pglite';

/**
 * The server a benchmark measures, as `npm start` runs it: the embedded PGlite in a data directory of its own, or a
 * fresh database on DATABASE_URL's PostgreSQL (`kind`; REDIS_URL fans out with it). No web, no outbox worker, no
 * sign-in limits; requests may come through the loopback proxy with X-Forwarded-For (many addresses, as behind
 * the platform's reverse proxy). `close` stops the server, closes and drops the database and removes the files.
 */
export async function benchApp(
  tag: string,
  options: { kind?: EngineKind; clock?: Clock } = {},
): Promise<{ app: BenchApp; database: Database; kind: EngineKind; redis: boolean; close(): Promise<void> }> {
  const kind = options.kind ?? (process.env.DATABASE_URL ? 'postgresql' : 'pglite');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `casearena-bench-${tag}-`));
  const database =
    kind === 'postgresql'
      ? await freshPostgres(process.env.DATABASE_URL as string, tag.replace(/[^a-z0-9]/g, '_'))
      : await openDatabase({ dataDir: path.join(dataDir, 'data') });
  const redisUrl = kind === 'postgresql' ? process.env.REDIS_URL : undefined;
  const app = await buildApp({
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    logger: false,
    serveWeb: false,
    outboxWorker: false,
    authRateLimit: 1_000_000,
    rateLimitNamespace: randomBytes(4).toString('hex'),
    config: { dataDir: path.join(dataDir, 'files'), redisUrl, s3: undefined, trustedProxies: ['127.0.0.1'] },
  });
  return {
    app,
    database,
    kind,
    redis: redisUrl !== undefined,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
