import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { DataDirLockedError, lockDataDir } from './lock.ts';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-lock-'));

describe('one process per embedded data directory', { timeout: 120_000 }, () => {
  it('refuses a second opening of the same DATA_DIR in this process', async () => {
    const dir = tmp();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('refuses another process with a clear zh-CN message and exit code 3', async () => {
    const dir = tmp();
    const held = await openDatabase({ dataDir: dir });
    try {
      const tsx = path.join(serverRoot, '../../node_modules/.bin/tsx');
      const run = spawnSync(tsx, [path.join(serverRoot, 'src/cli.ts'), 'audit', 'verify'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(3);
      expect(run.stderr).toContain(`数据目录 ${dir} 正被另一个 CaseArena 进程（PID ${process.pid}）使用`);
    } finally {
      await held.close();
    }
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'casearena.lock'),
      JSON.stringify({ pid: 999_999, host: os.hostname(), since: '2020-01-01' }),
    );
    const lock = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'casearena.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'casearena.lock'))).toBe(false);
  });
});
