import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, T0, type TestApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('platform', () => {
  it('GET /api/health names the database engine in use', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
      redis: process.env.REDIS_URL ? 'connected' : 'disabled',
      version: '0.1.0',
      time: T0,
    });
  });

  it('answers an unknown API path with NOT_FOUND in the error vocabulary', async () => {
    const res = await new Client(t.app).get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '内容不存在或您无权查看' } });
  });

  it('sets security headers and a SameSite=Strict CSRF cookie', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const csrf = res.cookies.find((c) => c.name === 'ca_csrf');
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
  });

  it('serves the API documentation at /api/docs', async () => {
    const res = await new Client(t.app).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/me']));
  });
});
