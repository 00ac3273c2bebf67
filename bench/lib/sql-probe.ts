// What the benchmark reads off the database besides time: the statements a request sends and their plans.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/platform/db/client.ts';

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Records the SQL the server sends while `fn` runs (drizzle's session logger, swapped for the duration). */
export async function captureQueries(db: Db, fn: () => Promise<unknown>) {
  const session = (db as unknown as { session: { logger: { logQuery(q: string, p: unknown[]): void } } }).session;
  const original = session.logger;
  const queries: Array<{ query: string; params: unknown[] }> = [];
  session.logger = { logQuery: (query, params) => queries.push({ query, params }) };
  try {
    await fn();
  } finally {
    session.logger = original;
  }
  return queries;
}

/** Shared buffers (hit + read) of a plan's top node, which include its children's. */
export function bufferCount(plan: string) {
  const line = plan.split('\n').find((l) => l.includes('Buffers: shared')) ?? '';
  return Number(/hit=(\d+)/.exec(line)?.[1] ?? 0) + Number(/read=(\d+)/.exec(line)?.[1] ?? 0);
}

/** EXPLAIN ANALYZE of one captured statement, its $n placeholders bound to the captured values. */
export async function explain(db: Db, statement: { query: string; params: unknown[] }) {
  const parts = statement.query.split(/\$(\d+)/);
  const chunks: SQL[] = [sql.raw('EXPLAIN (ANALYZE, BUFFERS) ')];
  parts.forEach((part, i) => {
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${statement.params[Number(part) - 1]}`);
  });
  const result = (await db.execute(sql.join(chunks))) as unknown as { rows: Array<Record<string, string>> };
  return result.rows.map((r) => Object.values(r)[0]).join('\n');
}
