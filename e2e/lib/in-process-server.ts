import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import type { Clock } from '../../apps/server/src/platform/clock/index.ts';
import { seedIfEmpty } from '../../apps/server/src/seed/seed.ts';
import { freePort } from './server.ts';

export interface InProcessServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/**
 * A server of the story's own, in this process, for a story that moves the clock (the shared server of
 * global-setup runs on the real one) or changes demo data other stories read: the built web app, a fresh PGlite
 * data directory, the demo data seeded. E2E_SERVER_LOG=1 shows its errors (as global-setup shows the shared one's).
 */
export async function startInProcessServer(options: { clock: Clock; name: string }): Promise<InProcessServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `casearena-e2e-${options.name}-`));
  // The port first: the certificates' verification links name the public address.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await buildApp({
    clock: options.clock,
    logger: process.env.E2E_SERVER_LOG
      ? { level: 'error', stream: { write: (line: string) => void process.stderr.write(line) } }
      : false,
    serveWeb: true,
    authRateLimit: 1000,
    rateLimitNamespace: randomUUID(),
    config: { dataDir, databaseUrl: undefined, redisUrl: undefined, publicUrl: url, secureCookies: false },
  });
  await seedIfEmpty(app.ctx, { liveEntries: 2 });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    url,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
