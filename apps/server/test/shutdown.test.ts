import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/client.ts';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverRoot, '../../node_modules/.bin/tsx');

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

describe('graceful shutdown (embedded)', { timeout: 120_000 }, () => {
  it('keeps every acknowledged write when the process is stopped with SIGTERM right after it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-shutdown-'));
    const port = await freePort();
    const child = spawn(tsx, [path.join(serverRoot, 'src/server.ts')], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i += 1) {
      if (
        await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const csrf = /ca_csrf=([^;]+)/.exec((await fetch(`${url}/api/auth/csrf`)).headers.get('set-cookie') ?? '')?.[1] ?? '';
    const statuses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        fetch(`${url}/api/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: `ca_csrf=${csrf}`, 'x-csrf-token': csrf },
          body: JSON.stringify({ email: `durable${i}@example.cn`, password: 'abc12345', name: `持久${i}` }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const result = (await database.db.execute(sql`select email from users order by email`)) as unknown as {
        rows: Array<{ email: string }>;
      };
      expect(result.rows.map((r) => r.email)).toEqual([0, 1, 2, 3, 4].map((i) => `durable${i}@example.cn`));
    } finally {
      await database.close();
    }
  });
});
