import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../../db/schema.ts';
import { type DataDirLock, lockDataDir } from './lock.ts';
import { PgliteThread } from './pglite-thread/client.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Told when PostgreSQL drops a connection (restart, failover); the pool replaces it on the next query. */
  onConnectionError?: (err: Error) => void;
}

/**
 * How long a request waits for a connection before it is answered 503 (during an outage every query would
 * otherwise queue until the database comes back), and the longest a statement or an idle open transaction
 * may hold a connection (a stuck request must not keep locks or starve the pool).
 */
export const PG_TIMEOUTS = { connectMs: 5_000, statementMs: 60_000, idleInTransactionMs: 60_000 } as const;

async function openPostgres(options: OpenOptions & { databaseUrl: string }): Promise<Database> {
  const onConnectionError =
    options.onConnectionError ?? ((err: Error) => console.warn(`database connection lost: ${err.message}`));
  // Migrations run on a connection of their own, without the statement timeout (an index build may take long).
  const migrator = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: PG_TIMEOUTS.connectMs });
  await migrator.connect();
  try {
    await migratePg(drizzlePg(migrator, { schema }) as never, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await migrator.end();
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    statement_timeout: PG_TIMEOUTS.statementMs,
    idle_in_transaction_session_timeout: PG_TIMEOUTS.idleInTransactionMs,
    keepAlive: true,
    // Timestamps travel as ISO strings; the server compares them as instants in UTC. A startup parameter, so no
    // query races the first one a request sends on a new connection.
    options: '-c TimeZone=UTC',
  });
  // Without these listeners an 'error' event is thrown and ends the process: the pool emits one when PostgreSQL
  // ends an idle connection (pg_ctl restart, failover), a checked-out client when it is ended between two queries
  // of a transaction. The broken client is discarded either way and the next query opens a new connection; the
  // request that was using it fails and is answered 503 (see unavailable.ts).
  pool.on('error', (err) => onConnectionError(err));
  pool.on('connect', (client) => {
    client.on('error', (err) => onConnectionError(err));
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { kind: 'postgresql', db, close: () => pool.end() };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres({ ...options, databaseUrl: options.databaseUrl });
  const dataDir = options.dataDir ?? 'memory://';
  let lock: DataDirLock | undefined;
  let pgliteDir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    lock = lockDataDir(dataDir);
    pgliteDir = path.join(dataDir, 'pglite');
  }
  try {
    // PGlite runs on its own thread: see pglite-thread/client.ts.
    const client = await PgliteThread.open(pgliteDir);
    await client.exec("SET TIME ZONE 'UTC'");
    const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    return {
      kind: 'pglite',
      db,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
