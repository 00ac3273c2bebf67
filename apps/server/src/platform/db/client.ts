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
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // Timestamps travel as ISO strings; the server compares them as instants in UTC.
    pool.on('connect', (client) => {
      client.query("SET TIME ZONE 'UTC'").catch(() => {});
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
    return { kind: 'postgresql', db, close: () => pool.end() };
  }
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
