import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/platform/clock/index.ts';
import type { Database } from '../src/platform/db/client.ts';
import { Client, T0 } from './app.ts';
import { openTestDatabase } from './db.ts';

/** Issue 7 defect 5: with PUBLIC_URL set, X-Forwarded-For used to be believed from anyone. */
let database: Database;
const apps: FastifyInstance[] = [];

async function appWith(trustedProxies: string[]) {
  const app = await buildApp({
    database,
    clock: fixedClock(T0),
    transport: { async deliver() {} },
    logger: false,
    serveWeb: false,
    authRateLimit: 3,
    rateLimitNamespace: randomUUID(),
    config: { publicUrl: 'https://cases.example.cn', trustedProxies, dataDir: '/tmp/casearena-test-files' },
  });
  await app.ready();
  apps.push(app);
  return app;
}

const wrongLogin = (c: Client, forwardedFor: string) =>
  c.post('/api/auth/login', { identifier: 'nobody@example.cn', password: 'x1234567' }, { 'x-forwarded-for': forwardedFor });

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database.close();
});

describe('forwarded headers are trusted only from TRUSTED_PROXIES', () => {
  it('without TRUSTED_PROXIES a rotating X-Forwarded-For does not escape the sign-in limit (PUBLIC_URL set)', async () => {
    const c = new Client(await appWith([]));
    const statuses = [];
    for (let i = 1; i <= 5; i += 1) statuses.push((await wrongLogin(c, `203.0.113.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('with TRUSTED_PROXIES=127.0.0.1 the forwarded client address is the one limited', async () => {
    const c = new Client(await appWith(['127.0.0.1']));
    const rotating = [];
    for (let i = 1; i <= 5; i += 1) rotating.push((await wrongLogin(c, `198.51.100.${i}`)).statusCode);
    expect(rotating).toEqual([401, 401, 401, 401, 401]);
    const same = [];
    for (let i = 1; i <= 4; i += 1) same.push((await wrongLogin(c, '192.0.2.7')).statusCode);
    expect(same).toEqual([401, 401, 401, 429]);
  });

  it('reads TRUSTED_PROXIES as a comma-separated list of addresses and CIDR ranges, empty by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1,::1 ,fd00::/8,loopback' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example.cn' })).toThrow(/TRUSTED_PROXIES/);
  });
});
