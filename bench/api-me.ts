/**
 * Authenticated `GET /api/me` through the whole stack (cookie session lookup, CSRF cookie, user + org +
 * certification queries, zod serialization) against a bare Fastify route answering a same-sized JSON body,
 * in the same run on the same machine. Goal (issue 2): the full stack keeps >= 50% of the bare route's rate.
 */
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app.ts';
import { openTestDatabase } from '../apps/server/test/db.ts';
import { load, table } from './lib/load.ts';

export async function benchApiMe(options: { seconds: number; connections: number }) {
  const database = await openTestDatabase();
  const app = await buildApp({
    database,
    logger: false,
    serveWeb: false,
    authRateLimit: 1_000_000,
    config: { dataDir: '/tmp/casearena-bench' },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  const csrf = await fetch(`${address}/api/auth/csrf`);
  const csrfCookie = /ca_csrf=([^;]+)/.exec(csrf.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const email = `bench-${Date.now()}@example.cn`;
  const reg = await fetch(`${address}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `ca_csrf=${csrfCookie}`, 'x-csrf-token': csrfCookie },
    body: JSON.stringify({ email, password: 'Bench12345', name: '压测用户' }),
  });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${await reg.text()}`);
  const session = /ca_session=([^;]+)/.exec(reg.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const meBody = await reg.text();
  const cookie = `ca_session=${session}; ca_csrf=${csrfCookie}`;

  const bare = Fastify({ logger: false });
  const parsed = JSON.parse(meBody) as unknown;
  bare.get('/api/me', async () => parsed);
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

  // Warm both up so JIT and connection set-up do not count.
  await load(`${address}/api/me`, { seconds: 1, connections: options.connections, headers: { cookie } });
  await load(`${bareAddress}/api/me`, { seconds: 1, connections: options.connections });
  const full = await load(`${address}/api/me`, { ...options, headers: { cookie } });
  const base = await load(`${bareAddress}/api/me`, options);

  await bare.close();
  await app.close();
  await database.close();

  const ratio = full.requestsPerSec / base.requestsPerSec;
  console.log(
    `\nGET /api/me (authenticated, ${database.kind}) vs bare Fastify — ${options.seconds}s, ${options.connections} connections`,
  );
  console.log(
    table([
      {
        route: 'bare Fastify',
        'req/s': base.requestsPerSec.toFixed(0),
        'p50 ms': base.p50,
        'p99 ms': base.p99,
        non2xx: base.non2xx,
      },
      {
        route: 'full stack /api/me',
        'req/s': full.requestsPerSec.toFixed(0),
        'p50 ms': full.p50,
        'p99 ms': full.p99,
        non2xx: full.non2xx,
      },
    ]),
  );
  console.log(`ratio full/bare = ${(ratio * 100).toFixed(1)}% (goal >= 50%) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`);
  if (full.non2xx > 0 || full.errors > 0) throw new Error(`full stack answered ${full.non2xx} non-2xx and ${full.errors} errors`);
  return { ratio, full, base };
}
