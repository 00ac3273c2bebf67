import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkpointFile, verifyAnchored } from '../src/platform/audit/checkpoints.ts';
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

describe('X-3 audit checkpoints from the running server (embedded)', { timeout: 120_000 }, () => {
  it('a clean shutdown writes a checkpoint of the head to DATA_DIR and to the server log, before the database closes', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-anchor-'));
    const port = await freePort();
    const child = spawn(tsx, [path.join(serverRoot, 'src/server.ts')], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        AUDIT_ANCHOR_URL: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i += 1) {
      const up = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const csrf = /ca_csrf=([^;]+)/.exec((await fetch(`${url}/api/auth/csrf`)).headers.get('set-cookie') ?? '')?.[1] ?? '';
    const registered = await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ca_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ email: 'anchored@example.cn', password: 'abc12345', name: '锚定' }),
    });
    expect(registered.status).toBe(201);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const lines = fs.readFileSync(checkpointFile(dataDir), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const checkpoint = JSON.parse(lines[0] ?? '{}') as { seq: number; hash: string; at: string };
    expect(checkpoint.seq).toBe(1);
    const logged = stdout
      .split('\n')
      .filter((l) => l.includes('"msg":"audit checkpoint"'))
      .map((l) => JSON.parse(l).auditCheckpoint);
    expect(logged).toEqual([{ seq: 1, hash: checkpoint.hash, at: checkpoint.at }]);

    const database = await openDatabase({ dataDir });
    try {
      expect(await verifyAnchored(database.db, [checkpointFile(dataDir)])).toEqual({ ok: true, events: 1, checkpoints: 1 });
    } finally {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
