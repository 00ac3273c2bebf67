// Counts the SQL statements the server sends while a load phase runs, on both engines, inside transactions too
// (drizzle's logger misses those: a transaction's session gets a logger of its own). Bench-only instrumentation: the
// node-postgres client's and the PGlite thread client's `query` are wrapped for the duration.
import pg from 'pg';
import { PgliteThread } from '../../apps/server/src/platform/db/pglite-thread/client.ts';

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;

/** A statement's kind: its first words with literals and identifiers' quoting left out ("select from sessions"). */
function kindOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
  const verb = t.split(' ')[0] ?? '';
  const table = /\b(?:from|into|update)\s+"?([a-z_]+)"?/.exec(t)?.[1] ?? '';
  return table ? `${verb} ${table}` : t.slice(0, 40);
}

/** Per statement kind: how many were sent and their summed time on the connection (sent to answered, ms). */
export type StatementCounts = Map<string, { n: number; ms: number }>;

export function countStatements() {
  const counts: StatementCounts = new Map();
  const note = (text: unknown) => {
    if (typeof text !== 'string') return () => {};
    const kind = kindOf(text);
    const c = counts.get(kind) ?? { n: 0, ms: 0 };
    counts.set(kind, c);
    c.n += 1;
    const t0 = performance.now();
    return () => {
      c.ms += performance.now() - t0;
    };
  };
  /** Calls the original, timing it to its callback or its promise. */
  const timed = (original: QueryFn, self: unknown, args: unknown[], done: () => void) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...r: unknown[]) => {
        done();
        return (last as (...a: unknown[]) => unknown)(...r);
      };
      return original.apply(self, args);
    }
    const result = original.apply(self, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    return result;
  };
  const clientProto = pg.Client.prototype as unknown as { query: QueryFn };
  const poolProto = pg.Pool.prototype as unknown as { connect: QueryFn };
  const threadProto = PgliteThread.prototype as unknown as { query: QueryFn; exec: QueryFn };
  const originals = { pg: clientProto.query, connect: poolProto.connect, query: threadProto.query, exec: threadProto.exec };
  // Waiting for one of the pool's connections (every statement outside a transaction, and each BEGIN's connection).
  poolProto.connect = function (this: unknown, ...args: unknown[]) {
    return timed(originals.connect, this, args, note('(pool checkout)'));
  };
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0];
    // node-postgres's pool hands its own query objects (submittable) around; those are not timed.
    if (config && typeof (config as { submit?: unknown }).submit === 'function') return originals.pg.apply(this, args);
    const done = note(typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text);
    return timed(originals.pg, this, args, done);
  };
  threadProto.query = function (this: unknown, ...args: unknown[]) {
    return timed(originals.query, this, args, note(args[0]));
  };
  threadProto.exec = function (this: unknown, ...args: unknown[]) {
    return timed(originals.exec, this, args, note(args[0]));
  };
  return {
    stop() {
      clientProto.query = originals.pg;
      poolProto.connect = originals.connect;
      threadProto.query = originals.query;
      threadProto.exec = originals.exec;
      return counts;
    },
  };
}
