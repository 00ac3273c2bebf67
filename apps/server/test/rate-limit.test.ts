import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ authRateLimit: 3 });
});
afterAll(() => t.close());

describe('rate limits on sign-in and reset (per IP; shared through Redis when REDIS_URL is set)', () => {
  it('refuses the fourth attempt within a minute with RATE_LIMITED in zh-CN', async () => {
    const c = new Client(t.app);
    for (let i = 0; i < 3; i += 1) {
      expect((await c.post('/api/auth/login', { identifier: 'nobody@example.cn', password: 'x1234567' })).statusCode).toBe(401);
    }
    const limited = await c.post('/api/auth/login', { identifier: 'nobody@example.cn', password: 'x1234567' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' } });
  });

  it('does not limit ordinary reads', async () => {
    const c = new Client(t.app);
    for (let i = 0; i < 10; i += 1) expect((await c.get('/api/health')).statusCode).toBe(200);
  });
});
