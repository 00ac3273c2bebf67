import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, T0, type TestApp } from '../../../test/app.ts';
import { buildUser } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { MIGRATIONS_DIR, openDatabase, type Tx } from '../db/client.ts';
import { appendAudit, verifyAudit } from './audit.ts';

/**
 * Cluster mode (docs/operations.md, "The app's database role"): migrations run as the owner, the app connects as a
 * role that may append to the audit log but holds no ownership, TRIGGER or DELETE/TRUNCATE privilege on it. The
 * refusals are checked with SET ROLE (privileges are checked exactly as for a login as that role); on PostgreSQL the
 * last test also logs in as the role and runs the app on that login.
 */
let t: TestApp;
const role = `ca_app_${randomBytes(5).toString('hex')}`;

/** The statements of docs/operations.md, for this test's role and database. */
const grants = (database: string) => [
  `CREATE ROLE ${role} LOGIN`,
  `GRANT CONNECT, CREATE ON DATABASE "${database}" TO ${role}`,
  `GRANT USAGE ON SCHEMA public TO ${role}`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
  `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
  `REVOKE ALL ON audit_events, audit_head FROM ${role}`,
  `GRANT SELECT, INSERT ON audit_events TO ${role}`,
  `GRANT SELECT, INSERT, UPDATE ON audit_head TO ${role}`,
  `GRANT USAGE, CREATE ON SCHEMA drizzle TO ${role}`,
  `GRANT SELECT ON drizzle.__drizzle_migrations TO ${role}`,
];

beforeAll(async () => {
  t = await startTestApp();
  await buildUser(t);
  const rows = await t.app.ctx.db.execute(sql`SELECT current_database() AS name`);
  const database = (rows as unknown as { rows: Array<{ name: string }> }).rows[0]?.name ?? '';
  for (const statement of grants(database)) await t.app.ctx.db.execute(sql.raw(statement));
});
afterAll(async () => {
  // Roles belong to the whole PostgreSQL cluster: drop this one before its test database goes.
  await t.app.ctx.db.execute(sql.raw(`DROP OWNED BY ${role}`));
  await t.app.ctx.db.execute(sql.raw(`DROP ROLE ${role}`));
  await t.close();
});

class Rollback extends Error {}

/** Runs `work` as the app role in a transaction that is rolled back. */
async function asAppRole(work: (tx: Tx) => Promise<void>, keep = false) {
  await t.app.ctx.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL ROLE ${role}`));
      await work(tx);
      if (!keep) throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
}

/** The SQLSTATE and message a statement run as the app role ends with. */
async function refusedAsAppRole(statement: string) {
  let refusal: { code: unknown; message: string } | undefined;
  await asAppRole(async (tx) => {
    try {
      await tx.execute(sql.raw(statement));
    } catch (err) {
      const pgError = (err as { cause?: { code?: unknown; message: string } }).cause;
      refusal = { code: pgError?.code, message: pgError?.message ?? String(err) };
      throw new Rollback();
    }
  });
  return refusal;
}

describe('X-3 cluster mode: the app role appends to the audit log but cannot undo it', () => {
  it('appends an event through the platform path as the app role', async () => {
    await asAppRole(async (tx) => {
      await appendAudit(tx, { kind: 'user.registered', actorId: null, subjectType: 'user', subjectId: 'x', at: new Date(T0) });
    }, true);
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 2, checkpoints: 0 });
  });

  it('is refused DELETE, UPDATE and TRUNCATE by privilege, before any trigger', async () => {
    const denied = (table: string) => ({ code: '42501', message: `permission denied for table ${table}` });
    expect(await refusedAsAppRole('DELETE FROM audit_events')).toEqual(denied('audit_events'));
    expect(await refusedAsAppRole('UPDATE audit_events SET actor_id = NULL')).toEqual(denied('audit_events'));
    expect(await refusedAsAppRole('TRUNCATE audit_events')).toEqual(denied('audit_events'));
    expect(await refusedAsAppRole('DELETE FROM audit_head')).toEqual(denied('audit_head'));
    expect(await refusedAsAppRole('TRUNCATE audit_head')).toEqual(denied('audit_head'));
  });

  it('cannot switch the triggers off: not by ALTER TABLE, DROP TRIGGER nor session_replication_role', async () => {
    const notOwner = { code: '42501', message: 'must be owner of table audit_events' };
    expect(await refusedAsAppRole('ALTER TABLE audit_events DISABLE TRIGGER ALL')).toEqual(notOwner);
    expect(await refusedAsAppRole('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only')).toEqual(notOwner);
    expect(await refusedAsAppRole('DROP TRIGGER audit_events_append_only ON audit_events')).toEqual({
      code: '42501',
      message: 'must be owner of relation audit_events',
    });
    expect(await refusedAsAppRole('SET LOCAL session_replication_role = replica')).toEqual({
      code: '42501',
      message: 'permission denied to set parameter "session_replication_role"',
    });
    expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 2, checkpoints: 0 });
  });

  it('starts as the app role: the start-up migrator needs no more (PostgreSQL: the app logged in as it registers a user, and is refused DISABLE TRIGGER and DELETE)', async () => {
    if (process.env.DATABASE_URL) {
      // PostgreSQL: log in as the role (the test server trusts loopback) and run the whole app on that login.
      const rows = await t.app.ctx.db.execute(sql`SELECT current_database() AS name`);
      const target = new URL(process.env.DATABASE_URL);
      target.pathname = `/${(rows as unknown as { rows: Array<{ name: string }> }).rows[0]?.name}`;
      target.username = role;
      target.password = '';
      const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
      const app = await buildApp({ database, logger: false, serveWeb: false, rateLimitNamespace: role });
      try {
        const who = await database.db.execute(sql`SELECT session_user AS who`);
        expect((who as unknown as { rows: unknown[] }).rows).toEqual([{ who: role }]);
        const res = await new Client(app).post('/api/auth/register', {
          email: 'app-role@example.cn',
          password: 'abc12345',
          name: '应用角色',
        });
        expect(res.statusCode).toBe(201);
        await expect(database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toMatchObject({
          cause: { code: '42501', message: 'must be owner of table audit_events' },
        });
        await expect(database.db.execute(sql`DELETE FROM audit_events`)).rejects.toMatchObject({
          cause: { code: '42501', message: 'permission denied for table audit_events' },
        });
      } finally {
        await app.close();
        await database.close();
      }
      expect(await verifyAudit(t.app.ctx.db)).toEqual({ ok: true, events: 3, checkpoints: 0 });
    } else {
      // PGlite has one session: take the role for the migrator only, then give it back.
      const db = t.app.ctx.db as unknown as PgDatabase<PgQueryResultHKT>;
      await db.execute(sql.raw(`SET ROLE ${role}`));
      try {
        await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
        const who = await db.execute(sql`SELECT current_user AS who`);
        expect((who as unknown as { rows: unknown[] }).rows).toEqual([{ who: role }]);
      } finally {
        await db.execute(sql.raw('RESET ROLE'));
      }
    }
  });
});
