import { createHash } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import pg from 'pg';

/**
 * The tus lock of an upload, shared by every node of a cluster: a PostgreSQL session-level advisory lock.
 *
 * tus takes a lock on the upload id around each HEAD, PATCH, POST-with-body and DELETE (`@tus/server`'s
 * BaseHandler.acquireLock). Its default, MemoryLocker, is one Map per process, so two nodes behind a load balancer
 * could both write the same upload. Here each lock is `pg_try_advisory_lock(namespace, key)` taken on a connection
 * of the locker's own small pool and kept checked out for the lock's whole life; `unlock` runs
 * `pg_advisory_unlock` and gives the connection back.
 *
 * Why a session advisory lock and not a lock row: it is released by PostgreSQL itself when the session ends, so
 * nothing ever has to clean up after a node —
 * - the process dies (crash, kill -9, OOM): the OS closes its sockets, the backend ends, the lock is free at once;
 * - the host dies or the network splits: the server notices through TCP keepalives set on the session
 *   (`tcp_keepalives_idle` 10 s, interval 5 s, 3 probes: about 25 s);
 * - the process lives but its event loop is stuck: the holder sends a heartbeat query every `heartbeatMs`, and the
 *   session has `idle_session_timeout`, so a session silent for `idleSessionTimeoutMs` is ended by the server.
 * A lock row with a lease would need the same heartbeat plus a sweeper, and a stale lease would be visible only
 * after it lapsed.
 *
 * tus's semantics, as in its MemoryLocker: a second request for a held upload calls the holder's `requestRelease`
 * (tus then cancels the holder's request, which stops reading its body after `lockDrainTimeout`, keeps what it got
 * and unlocks) and waits for the lock up to `acquireLockTimeoutMs` (30 s, MemoryLocker's default), then fails with
 * `ERR_LOCK_TIMEOUT`; an aborted request stops waiting. The holder may be on another node, so the release request
 * travels as `NOTIFY casearena_tus_release, '<upload id>'`; every node LISTENs on one connection of its own and
 * calls the `requestRelease` of its local holder of that id. The waiter polls `pg_try_advisory_lock` every `pollMs`
 * (a blocking `pg_advisory_lock` could not be given up when the request is aborted) and repeats the NOTIFY each
 * second, since the lock may pass to a third request meanwhile.
 *
 * A lock never stays held after an aborted request: tus unlocks in a `finally`; a lock won while the request was
 * being aborted is given back before `lock` throws; a failed unlock destroys the connection (its session's locks go
 * with it). If the holder's connection is lost while it writes, PostgreSQL frees the lock, so the holder is asked to
 * release at once (its writing stops within tus's `lockDrainTimeout`, 3 s) and its `unlock` is a no-op.
 */
export interface SharedLockerOptions {
  connectionString: string;
  /** How long a request waits for a held upload before `ERR_LOCK_TIMEOUT` (MemoryLocker's default: 30 s). */
  acquireLockTimeoutMs?: number;
  /** Between two tries of a held lock. */
  pollMs?: number;
  /** Between two heartbeat queries of a holder; well under `idleSessionTimeoutMs`. */
  heartbeatMs?: number;
  /** A lock session silent this long (its process stuck) is ended by PostgreSQL, which frees the lock. */
  idleSessionTimeoutMs?: number;
  /** Lock connections of this node: one per upload being written or waited for. */
  maxConnections?: number;
  log?: { warn(obj: object, msg: string): void };
}

export const TUS_LOCK_CHANNEL = 'casearena_tus_release';
/** The first key of every tus advisory lock ('tus1'), so they share no key with other advisory locks. */
export const TUS_LOCK_NAMESPACE = 0x74757331;

/** The second key: 32 bits of the id's SHA-256. Two ids sharing it only serialize, they never share bytes. */
export function tusLockKey(id: string): number {
  return createHash('sha256').update(id).digest().readInt32BE(0);
}

interface Holder {
  release(): void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export class SharedLocker implements Locker {
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly heartbeatMs: number;
  private readonly options: SharedLockerOptions;
  private pool: pg.Pool | null = null;
  private listener: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  /** The locks this node holds, by upload id (a set: two lock objects of one id never overlap, but stay safe). */
  readonly holders = new Map<string, Set<Holder>>();
  private readonly live = new Set<PgLock>();
  private closed = false;

  constructor(options: SharedLockerOptions) {
    this.options = options;
    this.timeoutMs = options.acquireLockTimeoutMs ?? 30_000;
    this.pollMs = options.pollMs ?? 100;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
  }

  newLock(id: string): Lock {
    return new PgLock(id, this);
  }

  warn(obj: object, msg: string) {
    this.options.log?.warn(obj, msg);
  }

  /** The pool of lock connections, opened on the first lock (an app that never takes an upload opens none). */
  connections(): pg.Pool {
    if (this.closed) throw new Error('tus locker closed');
    if (!this.pool) {
      const idle = this.options.idleSessionTimeoutMs ?? 30_000;
      this.pool = new pg.Pool({
        connectionString: this.options.connectionString,
        max: this.options.maxConnections ?? 20,
        connectionTimeoutMillis: 5_000,
        // Closed by the pool before the server's idle_session_timeout would end them.
        idleTimeoutMillis: Math.min(10_000, idle / 2),
        keepAlive: true,
        statement_timeout: 10_000,
        options: `-c idle_session_timeout=${idle} -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3`,
      });
      this.pool.on('error', (err) => this.warn({ err }, 'tus lock connection lost while idle'));
    }
    return this.pool;
  }

  /** Starts LISTENing for release requests (once; again after the listening connection was lost). */
  listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
        keepAlive: true,
        connectionTimeoutMillis: 5_000,
      });
      const lost = (err?: Error) => {
        if (this.listener !== client) return;
        this.listener = null;
        this.listening = null;
        if (err) this.warn({ err }, 'tus lock release channel lost; it reconnects on the next lock');
        client.end().catch(() => {});
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (n) => {
        if (n.channel === TUS_LOCK_CHANNEL && n.payload) this.releaseLocal(n.payload);
      });
      this.listener = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${TUS_LOCK_CHANNEL}`);
      } catch (err) {
        lost(err as Error);
      }
    })();
    return this.listening;
  }

  /** Asks every holder of `id` on this node to release it (tus cancels that request). */
  releaseLocal(id: string) {
    for (const holder of this.holders.get(id) ?? []) holder.release();
  }

  track(lock: PgLock, on: boolean) {
    if (on) this.live.add(lock);
    else this.live.delete(lock);
  }

  /** Frees every lock of this node (their sessions end) and closes the connections. */
  async close(): Promise<void> {
    this.closed = true;
    for (const lock of [...this.live]) lock.drop(new Error('tus locker closed'));
    const listener = this.listener;
    this.listener = null;
    this.listening = null;
    await listener?.end().catch(() => {});
    await this.pool?.end().catch(() => {});
    this.pool = null;
  }
}

class PgLock implements Lock {
  private client: pg.PoolClient | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  /** The heartbeat query in flight: one query at a time on a connection. */
  private beating: Promise<void> | null = null;
  private holder: Holder | null = null;
  private onError: ((err: Error) => void) | null = null;
  /** The lock was lost with its connection: PostgreSQL already freed it. */
  private lost = false;
  private readonly key: number;

  constructor(
    private readonly id: string,
    private readonly locker: SharedLocker,
  ) {
    this.key = tusLockKey(id);
  }

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    if (this.client || this.holder) throw new Error('Lock already held');
    const deadline = Date.now() + this.locker.timeoutMs;
    await this.locker.listen();
    if (signal.aborted) throw ERRORS.ABORTED;
    const client = await this.locker.connections().connect();
    // A connection that dies while waiting or holding must not throw an unhandled 'error' event.
    const onError = (err: Error) => this.drop(err);
    client.on('error', onError);
    this.client = client;
    this.onError = onError;
    this.locker.track(this, true);
    let askedAt = 0;
    try {
      for (;;) {
        if (signal.aborted) throw ERRORS.ABORTED;
        if (this.client !== client) throw new Error('tus lock connection lost while waiting');
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [
          TUS_LOCK_NAMESPACE,
          this.key,
        ]);
        if (rows[0]?.ok) {
          if (signal.aborted) throw ERRORS.ABORTED; // won while being aborted: the finally below gives it back
          this.hold(requestRelease);
          return;
        }
        if (Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        if (Date.now() - askedAt >= 1_000) {
          askedAt = Date.now();
          this.locker.releaseLocal(this.id);
          await client.query('select pg_notify($1, $2)', [TUS_LOCK_CHANNEL, this.id]);
        }
        await sleep(Math.min(this.locker.pollMs, Math.max(0, deadline - Date.now())), signal);
      }
    } catch (err) {
      if (!this.holder) await this.giveBack();
      // A connection lost while waiting is the database's failure, not the lock's: tus answers it as an error.
      throw err;
    }
  }

  private hold(requestRelease: RequestRelease) {
    let asked = false;
    const holder: Holder = {
      release: () => {
        if (asked) return;
        asked = true;
        Promise.resolve(requestRelease()).catch((err) => this.locker.warn({ err }, 'tus requestRelease failed'));
      },
    };
    this.holder = holder;
    const set = this.locker.holders.get(this.id) ?? new Set<Holder>();
    set.add(holder);
    this.locker.holders.set(this.id, set);
    this.heartbeat = setInterval(() => {
      const client = this.client;
      if (!client || this.beating) return;
      this.beating = client
        .query('select 1')
        .then(
          () => {},
          (err: Error) => this.drop(err),
        )
        .finally(() => {
          this.beating = null;
        });
    }, this.locker.heartbeatMs);
    this.heartbeat.unref();
  }

  private forget() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const set = this.locker.holders.get(this.id);
    if (this.holder && set) {
      set.delete(this.holder);
      if (set.size === 0) this.locker.holders.delete(this.id);
    }
  }

  /** The connection is gone or going: PostgreSQL frees the lock with the session; the holder is told to stop. */
  drop(err: Error) {
    const client = this.client;
    if (!client) return;
    this.client = null;
    this.lost = true;
    this.locker.track(this, false);
    if (this.holder) this.locker.warn({ err, uploadId: this.id }, 'tus lock lost with its connection; the request is cancelled');
    const holder = this.holder;
    this.forget();
    holder?.release();
    if (this.onError) client.off('error', this.onError);
    client.on('error', () => {});
    client.release(err);
  }

  /** Unlocks (if held) and returns the connection; a connection that cannot unlock is destroyed instead. */
  private async giveBack() {
    const client = this.client;
    this.forget();
    if (!client) return;
    this.client = null;
    this.locker.track(this, false);
    try {
      await this.beating;
      await client.query('select pg_advisory_unlock($1, $2)', [TUS_LOCK_NAMESPACE, this.key]);
      if (this.onError) client.off('error', this.onError);
      client.release();
    } catch (err) {
      if (this.onError) client.off('error', this.onError);
      client.on('error', () => {});
      client.release(err as Error);
    }
  }

  async unlock(): Promise<void> {
    if (!this.holder) throw new Error('Releasing an unlocked lock!');
    if (this.lost) {
      this.holder = null;
      return;
    }
    await this.giveBack();
    this.holder = null;
  }
}
