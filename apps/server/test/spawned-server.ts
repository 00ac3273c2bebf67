import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/platform/clock/index.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import type { Message } from '../src/platform/mail/mail.ts';
import type { TestApp } from './app.ts';
import { freePort } from './private-services.ts';

/**
 * The real server entry (src/server.ts, as `npm start` runs it) in a child process of its own, so a test can kill it
 * with SIGKILL, start it again on the same data, and run two of them side by side as the nodes of one cluster.
 */
const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = path.join(SERVER_DIR, 'src/server.ts');
const CLI = path.join(SERVER_DIR, 'src/cli.ts');
const run = promisify(execFile);

/** Every child started here, so that one left running by a failed test is still killed (afterAll, process exit). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedServer {
  readonly name: string;
  /** http://127.0.0.1:<port>; the same across restarts. */
  readonly baseUrl: string;
  readonly port: number;
  /** The running process's id (undefined while stopped). */
  readonly pid: number | undefined;
  /** stdout and stderr of every run so far, marked per run: for failure messages and for reading the log. */
  output(): string;
  /** The JSON log lines (pino) of every run so far. */
  logLines(): Array<Record<string, unknown>>;
  /** SIGTERM: the server finishes requests in flight and closes the database; resolves with its exit. */
  stop(): Promise<Exit>;
  /** SIGKILL: nothing is finished, flushed or released. */
  kill(): Promise<Exit>;
  /** Starts it again on the same port, with the same environment plus `env` (a value '' removes a variable). */
  start(env?: Record<string, string>): Promise<void>;
}

/** The variables a child inherits from the test process; everything else is given explicitly. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'PG_BIN'];

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of INHERITED) if (process.env[k]) env[k] = process.env[k] as string;
  return env;
}

/**
 * Starts src/server.ts on a free loopback port with `env` (DATA_DIR, DATABASE_URL, REDIS_URL, S3_*, OUTBOX_WORKER …
 * nothing else of the test's environment but PATH and the like) and waits until /api/health answers 200.
 */
export async function spawnServer(name: string, env: Record<string, string>): Promise<SpawnedServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let current: Record<string, string> = { ...baseEnv(), LOG_LEVEL: 'info', SEED_DEMO: '0', ...env, HOST: '127.0.0.1' };
  let child: ChildProcess | undefined;
  let exited: Promise<Exit> = Promise.resolve({ code: null, signal: null });
  let runs = 0;
  const chunks: string[] = [];

  const start = async (more: Record<string, string> = {}) => {
    if (child) throw new Error(`${name} is already running (pid ${child.pid})`);
    current = { ...current, ...more };
    for (const [k, v] of Object.entries(current)) if (v === '') delete current[k];
    runs += 1;
    chunks.push(`\n----- ${name} run ${runs} -----\n`);
    const c = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: SERVER_DIR,
      env: { ...current, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    live.add(c);
    c.stdout?.setEncoding('utf8').on('data', (d: string) => chunks.push(d));
    c.stderr?.setEncoding('utf8').on('data', (d: string) => chunks.push(d));
    exited = new Promise<Exit>((resolve) => {
      c.once('exit', (code, signal) => {
        live.delete(c);
        if (child === c) child = undefined;
        resolve({ code, signal });
      });
    });
    // Ready when health answers 200 (database open, migrated, routes up); a child that exits first is a failure.
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (c.exitCode !== null || c.signalCode !== null) {
        throw new Error(`${name} exited before it was ready (${c.exitCode ?? c.signalCode}):${chunks.join('')}`);
      }
      const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) {
        c.kill('SIGKILL');
        throw new Error(`${name} was not ready within 120 s:${chunks.join('')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const signal = async (sig: NodeJS.Signals): Promise<Exit> => {
    const c = child;
    if (!c) return exited;
    c.kill(sig);
    return exited;
  };

  await start();
  return {
    name,
    baseUrl,
    port,
    get pid() {
      return child?.pid;
    },
    output: () => chunks.join(''),
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
  };
}

/** For afterAll: SIGKILL whatever is still running of these servers (and of any other started here). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}

/** `casearena <args>` (src/cli.ts) with the given environment; its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: SERVER_DIR,
      env: { ...baseEnv(), LOG_LEVEL: 'warn', ...env },
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `casearena-${prefix}-`));

/** A new empty database on the PostgreSQL server of `serverUrl` (DATABASE_URL), and a function dropping it again. */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ca_proc_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Sets up data in-process before (or between) server runs, through the same factories as the HTTP tests: an app on
 * the database the servers use (PostgreSQL by URL, or the PGlite data directory while no server holds it), clock at
 * the real time, outbox worker off, closed again afterwards (which flushes PGlite to disk).
 */
export async function withSetupApp<T>(
  where: { databaseUrl?: string; dataDir: string },
  fn: (t: TestApp) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
  const clock = fixedClock(new Date());
  const sent: Message[] = [];
  const app = await buildApp({
    database,
    clock,
    transport: { deliver: async (m) => void sent.push(m) },
    outboxWorker: false,
    logger: false,
    serveWeb: false,
    authRateLimit: 1000,
    rateLimitNamespace: randomBytes(6).toString('hex'),
    config: { dataDir: where.dataDir, databaseUrl: where.databaseUrl, redisUrl: undefined, s3: undefined },
  });
  await app.ready();
  const t: TestApp = {
    app,
    database,
    clock,
    sent,
    async close() {
      await app.close();
    },
  };
  try {
    return await fn(t);
  } finally {
    await app.close();
    await database.close();
  }
}

/** A browser-like client of a spawned server over real HTTP: keeps cookies and echoes the CSRF cookie. */
export class HttpClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  /** The same session against another node (cookies copied). */
  on(baseUrl: string): HttpClient {
    const other = new HttpClient(baseUrl);
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    return other;
  }

  cookieHeader(): Record<string, string> {
    const csrf = this.cookies.get('ca_csrf');
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    };
  }

  async request(method: string, url: string, init: { headers?: Record<string, string>; body?: Buffer | string } = {}) {
    if (!this.cookies.has('ca_csrf') && method !== 'GET' && method !== 'HEAD') await this.request('GET', '/api/auth/csrf');
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: { ...this.cookieHeader(), ...(init.headers ?? {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(120_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim();
      const v = pair.slice(i + 1).trim();
      if (v === '' || /max-age=0/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const body = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      body,
      json: () => JSON.parse(body.toString('utf8')),
      text: () => body.toString('utf8'),
    };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, json?: unknown) =>
    this.request(
      'POST',
      url,
      json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) },
    );

  async login(identifier: string, password: string): Promise<this> {
    const res = await this.post('/api/auth/login', { identifier, password });
    if (res.status !== 200) throw new Error(`sign-in on ${this.baseUrl} failed: ${res.status} ${res.text()}`);
    return this;
  }
}

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** tus over real HTTP: creation, HEAD and one PATCH. */
export const tus = {
  create: (c: HttpClient, m: { entryId: string; slot: string; filename: string; size: number }) =>
    c.request('POST', '/api/uploads', {
      headers: {
        ...TUS,
        'upload-length': String(m.size),
        'upload-metadata': `entryId ${b64(m.entryId)},slot ${b64(m.slot)},filename ${b64(m.filename)}`,
      },
    }),
  head: (c: HttpClient, url: string) => c.request('HEAD', url, { headers: TUS }),
  patch: (c: HttpClient, url: string, bytes: Buffer, offset: number) =>
    c.request('PATCH', url, {
      headers: { ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
      body: bytes,
    }),
  offset: (res: { headers: Headers }) => Number(res.headers.get('upload-offset')),
  headers: TUS,
};
