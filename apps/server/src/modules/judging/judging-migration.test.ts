import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../platform/db/client.ts';

/**
 * 0017_judging_fixes keeps the data 0016 wrote valid: a database migrated up to 0016 gets rows in the old shapes
 * (publication inside each frozen row's breakdown), then the rest of the migrations run, as on a deployed server.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL. The rows are written with foreign keys off (replica role):
 * only the judging tables' own columns matter here.
 */
const TAG = '0017_judging_fixes';

interface Conn {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

/** A copy of the migrations folder whose journal stops before 0017. */
function foldersUpTo0016(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === TAG);
  if (at < 0) throw new Error(`${TAG} is not in the journal`);
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

async function connect(): Promise<Conn> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = new PGlite();
    const db = drizzlePglite(client);
    return {
      query: async (text) => ({ rows: (await client.query<Record<string, unknown>>(text)).rows }),
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const name = `ca_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  const db = drizzlePg(client);
  return {
    query: (text) => client.query(text),
    migrate: (folder) => migratePg(db, { migrationsFolder: folder }),
    async close() {
      await client.end();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

const round = (id: string, status: string) =>
  `INSERT INTO judging_rounds (id, campaign_id, key, label, ordinal, opens_at, closes_at, status, scope, sheet, materials,
     created_at, updated_at)
   VALUES ('${id}', '${randomUUID()}', 'r', '专家初评', 1, '2022-03-21T00:00:00Z', '2022-04-30T00:00:00Z', '${status}',
     '{}', '{}', '{}', '2022-03-01T00:00:00Z', '2022-03-01T00:00:00Z')`;
const result = (roundId: string, publishedAt: string | null) =>
  `INSERT INTO round_results (round_id, entry_id, score, rank, breakdown, frozen_at)
   VALUES ('${roundId}', '${randomUUID()}', 80, 1,
     '${JSON.stringify({ v: 1, groupKey: 'g', publishedAt })}', '2022-05-01T00:00:00Z')`;

const HASH = 'ab'.repeat(32);
const plan = (roundId: string, fingerprint: string) =>
  `INSERT INTO assignment_plans (round_id, status, items, fingerprint, created_by, created_at)
   VALUES ('${roundId}', 'planned', '[]', '${fingerprint}', '${randomUUID()}', '2022-03-02T00:00:00Z')`;

let conn: Conn;
const published = randomUUID();
const unpublished = randomUUID();
const open = randomUUID();

beforeAll(async () => {
  conn = await connect();
  const upTo0016 = foldersUpTo0016();
  try {
    await conn.migrate(upTo0016);
  } finally {
    fs.rmSync(upTo0016, { recursive: true, force: true });
  }
  await conn.query('SET session_replication_role = replica');
  await conn.query(round(published, 'frozen'));
  await conn.query(result(published, '2022-05-02T08:00:00.000Z'));
  await conn.query(result(published, '2022-05-02T08:00:00.000Z'));
  await conn.query(round(unpublished, 'frozen'));
  await conn.query(result(unpublished, null));
  await conn.query(round(open, 'open'));
  await conn.query(plan(open, `p3.m12.s7:${HASH}`));
  await conn.query('SET session_replication_role = origin');
  await conn.migrate(MIGRATIONS_DIR);
}, 120_000);
afterAll(() => conn?.close());

describe(`${TAG} keeps 0016's data valid`, () => {
  it('X-3: a round published in its breakdowns is published in its column; the breakdowns lose the key', async () => {
    const rounds = await conn.query(`SELECT id, status, results_published_at AS at FROM judging_rounds ORDER BY ordinal, id`);
    const byId = new Map(
      rounds.rows.map((r) => [r.id, [r.status, r.at === null ? null : new Date(r.at as string).toISOString()]]),
    );
    expect([byId.get(published), byId.get(unpublished), byId.get(open)]).toEqual([
      ['frozen', '2022-05-02T08:00:00.000Z'],
      ['frozen', null],
      ['open', null],
    ]);
    const rows = await conn.query(`SELECT breakdown FROM round_results ORDER BY round_id, entry_id`);
    expect(rows.rows.map((r) => r.breakdown)).toEqual([
      { v: 1, groupKey: 'g' },
      { v: 1, groupKey: 'g' },
      { v: 1, groupKey: 'g' },
    ]);
  });

  it('PLAN_STALE: a plan’s parameters leave its fingerprint for their own column; the fingerprint keeps the facts’ hash', async () => {
    const plans = await conn.query(`SELECT params, fingerprint FROM assignment_plans`);
    expect(plans.rows).toEqual([{ params: { perEntry: 3, maxLoad: 12, seed: 7 }, fingerprint: HASH }]);
  });

  it('X-3: the schema refuses a publication on a round that is not frozen (judging_rounds_published_check)', async () => {
    await expect(conn.query(`UPDATE judging_rounds SET results_published_at = now() WHERE id = '${open}'`)).rejects.toMatchObject(
      { message: expect.stringContaining('judging_rounds_published_check') },
    );
  });
});
