import { sql } from 'drizzle-orm';
import type { TestApp } from './app.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * For tests that hold a write's transaction open while a second request on the same object runs: resolves once
 * `request` has finished or is waiting for a row lock. On PostgreSQL the request really runs meanwhile (the old,
 * unlocked shape finished it); PGlite runs one transaction at a time, so there the request waits anyway.
 */
export async function blockedOrFinished(t: TestApp, request: Promise<unknown>): Promise<void> {
  let finished = false;
  const done = () => {
    finished = true;
  };
  request.then(done, done);
  if (t.database.kind === 'pglite') return pause(300) as Promise<void>;
  for (let i = 0; i < 1200 && !finished; i += 1) {
    const result = await t.app.ctx.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n) return;
    await pause(50);
  }
  if (!finished) throw new Error('the request neither finished nor waited for a lock within a minute');
}
