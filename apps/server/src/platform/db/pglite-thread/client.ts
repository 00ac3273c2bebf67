import { Worker } from 'node:worker_threads';

/** The subset of a PGlite query result drizzle reads. */
interface QueryResult {
  rows: unknown[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

type Reply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } };

/** A database error rebuilt on this thread with PostgreSQL's fields (code 23505, constraint …) intact. */
function rebuild(error: Record<string, unknown> & { message: string }): Error {
  return Object.assign(new Error(error.message), error);
}

/** What drizzle calls on a PGlite transaction. */
export interface ThreadTransaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  exec(sql: string): Promise<QueryResult[]>;
  rollback(): Promise<void>;
}

/**
 * PGlite on a worker thread, shaped like the PGlite client that drizzle's driver expects (`query`,
 * `exec`, `transaction`, `close`). PGlite computes synchronously on the thread that owns it; on its own thread a
 * heavy query no longer freezes every other request (bench/pglite-event-loop.ts measures the difference).
 */
export class PgliteThread {
  private nextId = 1;
  private nextTx = 1;
  private dead: Error | undefined;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: Reply | { ready: true }) => {
      if ('ready' in msg) return;
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(rebuild(msg.error));
      else waiter.resolve(msg.result);
    });
    // A dead worker fails every waiting call and every later one, instead of leaving them hanging.
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the PGlite worker stopped (exit code ${code})`)));
  }

  static async open(dataDir: string): Promise<PgliteThread> {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { ready?: boolean }) => {
        if (msg.ready) {
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new PgliteThread(worker);
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private static options(options?: QueryOptions) {
    if (!options) return undefined;
    return { rowMode: options.rowMode, rawOids: Object.keys(options.parsers ?? {}).map(Number) };
  }

  query(sql: string, params: unknown[] = [], options?: QueryOptions, txId?: number): Promise<QueryResult> {
    return this.call({ op: 'query', sql, params, options: PgliteThread.options(options), txId });
  }

  exec(sql: string, txId?: number): Promise<QueryResult[]> {
    return this.call({ op: 'exec', sql, txId });
  }

  /** Commits when `work` resolves, rolls back when it throws (as PGlite's own transaction does). */
  async transaction<T>(work: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = this.nextTx++;
    await this.call({ op: 'begin', txId });
    const tx: ThreadTransaction = {
      query: (sql, params, options) => this.query(sql, params, options, txId),
      exec: (sql) => this.exec(sql, txId),
      rollback: async () => {
        throw new Error('rollback');
      },
    };
    let result: T;
    try {
      result = await work(tx);
    } catch (err) {
      await this.call({ op: 'end', txId, commit: false });
      throw err;
    }
    await this.call({ op: 'end', txId, commit: true });
    return result;
  }

  async close(): Promise<void> {
    await this.call({ op: 'close' });
    await this.worker.terminate();
  }
}
