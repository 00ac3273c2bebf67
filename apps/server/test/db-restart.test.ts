import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  type PrivatePostgres,
  type PrivateRedis,
  startPrivatePostgres,
  startPrivateRedis,
} from './private-services.ts';

/**
 * The server survives its dependencies (issue 7, defect 3): the real server process runs on a PostgreSQL and a
 * Redis that this file starts itself, which are then restarted (fast, immediate) and stopped under it. It runs the
 * same in both suite runs: it never uses DATABASE_URL / REDIS_URL or the machine's shared servers.
 */
const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let pg: PrivatePostgres;
let redis: PrivateRedis;
let child: ChildProcess;
let base: string;
let dataDir: string;
let stderr = '';
let csrf = '';

async function call(method: string, url: string, body?: unknown, cookie = '') {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      cookie: `ca_csrf=${csrf}${cookie ? `; ${cookie}` : ''}`,
      'x-csrf-token': csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const session = /ca_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, session };
}

/** Requests until the health check answers 200; bounded (the database has just come back). */
async function untilHealthy() {
  let last = 0;
  for (let i = 0; i < 100 && last !== 200; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    last = (await call('GET', '/api/health')).status;
  }
  return last;
}

const alive = () => child.exitCode === null && child.signalCode === null;

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-restart-files-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Node itself with tsx's loader, not the tsx command: SIGKILL below must reach the server, and the tsx command
  // (a parent that relays signals) would die alone and leave the server running after the suite.
  child = spawn(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'src/server.ts')], {
    cwd: serverRoot,
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  for (let i = 0; i < 300; i += 1) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (!alive()) throw new Error(`the server exited at start-up:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  csrf = /ca_csrf=([^;]+)/.exec((await fetch(`${base}/api/auth/csrf`)).headers.get('set-cookie') ?? '')?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  if (child && alive()) {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }
  await Promise.all([pg?.destroy(), redis?.stop()]);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server survives its dependencies (ARCHITECTURE: 503 during the outage, then service resumes)', () => {
  let session = '';

  it('serves on its private PostgreSQL and Redis before anything happens', async () => {
    const registered = await call('POST', '/api/auth/register', {
      email: 'before@example.cn',
      password: 'abc12345',
      name: '重启前',
    });
    expect(registered.status).toBe(201);
    session = `ca_session=${registered.session}`;
    expect((await call('GET', '/api/health')).body).toMatchObject({ status: 'ok', database: 'postgresql', redis: 'connected' });
  });

  for (const mode of ['fast', 'immediate'] as const) {
    it(`keeps running through pg_ctl restart -m ${mode} and serves reads and writes afterwards`, async () => {
      await pg.restart(mode);
      expect(await untilHealthy()).toBe(200);
      const login = await call('POST', '/api/auth/login', { identifier: 'before@example.cn', password: 'abc12345' });
      expect(login.status).toBe(200);
      const registered = await call('POST', '/api/auth/register', {
        email: `after-${mode}@example.cn`,
        password: 'abc12345',
        name: `重启后${mode}`,
      });
      expect(registered.status).toBe(201);
      expect(alive()).toBe(true);
    });
  }

  it('answers 503 DATABASE_UNAVAILABLE while PostgreSQL is stopped and health says so', async () => {
    await pg.stop();
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', database: 'postgresql', redis: 'connected' });
    const login = await call('POST', '/api/auth/login', { identifier: 'before@example.cn', password: 'abc12345' });
    expect(login).toEqual({
      status: 503,
      session: undefined,
      body: { error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用，您的操作未保存，请稍后重试' } },
    });
    // A signed-in request resolves its session in the database too.
    expect((await call('PATCH', '/api/me', { name: '停机中' }, session)).body).toMatchObject({
      error: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(alive()).toBe(true);
  });

  it('recovers by itself when PostgreSQL is started again: the old session and new writes work', async () => {
    await pg.start();
    expect(await untilHealthy()).toBe(200);
    const renamed = await call('PATCH', '/api/me', { name: '恢复后' }, session);
    expect(renamed.status).toBe(200);
    expect(renamed.body.user).toMatchObject({ name: '恢复后', email: 'before@example.cn' });
    expect(alive()).toBe(true);
  });

  it('keeps signing people in while its Redis is down (rate limits fail open) and reconnects when it is back', async () => {
    await redis.stop();
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', redis: 'unavailable' });
    const login = await call('POST', '/api/auth/login', { identifier: 'before@example.cn', password: 'abc12345' });
    expect(login.status).toBe(200);
    await redis.start();
    let redisState: unknown;
    for (let i = 0; i < 100 && redisState !== 'connected'; i += 1) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      redisState = (await call('GET', '/api/health')).body.redis;
    }
    expect(redisState).toBe('connected');
    expect(alive()).toBe(true);
  });
});
