import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { S3Config } from '../src/config.ts';
import { fixedClock } from '../src/platform/clock/index.ts';
import type { Database } from '../src/platform/db/client.ts';
import type { Message, Transport } from '../src/platform/mail/mail.ts';
import { openTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  /** Messages handed to the transport (mail and SMS), newest last. */
  sent: Message[];
  close(): Promise<void>;
}

export const T0 = '2026-03-02T02:00:00.000Z'; // Monday 10:00 in Shanghai

export async function startTestApp(
  options: {
    authRateLimit?: number;
    dataDir?: string;
    /** Files in this bucket instead of on disk (see test/fake-s3.ts); S3_* in the environment never switch a test. */
    s3?: S3Config;
    /** Another node of the same cluster: shares this database instead of opening one. */
    database?: Database;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase());
  const clock = fixedClock(T0);
  const sent: Message[] = [];
  const transport: Transport = {
    async deliver(m) {
      sent.push(m);
    },
  };
  const app = await buildApp({
    database,
    clock,
    transport,
    logger: false,
    serveWeb: false,
    authRateLimit: options.authRateLimit ?? 1000,
    rateLimitNamespace: randomUUID(),
    config: { dataDir: options.dataDir ?? `/tmp/casearena-test-files`, s3: options.s3 },
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    sent,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

/** A browser-like caller: keeps cookies between requests and echoes the CSRF cookie in its header. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    if (!this.cookies.has('ca_csrf') && options.method !== 'GET') await this.request({ method: 'GET', url: '/api/auth/csrf' });
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      ...options,
      headers: {
        ...this.headers,
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...(this.cookies.has('ca_csrf') ? { 'x-csrf-token': this.cookies.get('ca_csrf') } : {}),
        ...(options.headers ?? {}),
      },
    } as InjectOptions);
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request({ method: 'GET', url, ...(headers ? { headers } : {}) });
  post = (url: string, payload?: unknown, headers?: Record<string, string>) =>
    this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) });
  patch = (url: string, payload?: unknown) =>
    this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  /** A resumable-upload chunk: raw bytes at an offset. */
  patchRaw = (url: string, bytes: Buffer, offset: number) =>
    this.request({
      method: 'PATCH',
      url,
      payload: bytes,
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
    });
  put = (url: string, payload?: unknown) => this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  delete = (url: string) => this.request({ method: 'DELETE', url });
  cookie = (name: string) => this.cookies.get(name);
  dropCookie = (name: string) => this.cookies.delete(name);
}
