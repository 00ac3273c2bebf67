import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/client.ts';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverRoot, '../../node_modules/.bin/tsx');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-cli-'));

/** The CLI as an operator runs it, on an embedded data directory of its own. */
function cli(...args: string[]) {
  const run = spawnSync(tsx, [path.join(serverRoot, 'src/cli.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

async function withDb(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>) {
  const database = await openDatabase({ dataDir });
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

// Each case starts the CLI as a process (tsx, PGlite, migrations) two or three times: allow for a busy machine.
describe('casearena CLI', { timeout: 120_000 }, () => {
  it('admin create makes a platform administrator; a second run promotes instead of failing', async () => {
    const first = cli('admin', 'create', '--email', 'Root@Example.cn', '--password', 'Admin12345', '--name', '管理员');
    expect(first).toMatchObject({ status: 0, out: '已创建平台管理员 root@example.cn (administrator created)\n' });
    const again = cli('admin', 'create', '--email', 'root@example.cn', '--password', 'Admin12345');
    expect(again).toMatchObject({ status: 0, out: '已将 root@example.cn 设为平台管理员 (promoted to administrator)\n' });
    await withDb(async (db) => {
      const rows = await db.execute(sql`select email, role from users`);
      expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ email: 'root@example.cn', role: 'admin' }]);
    });
  });

  it('admin create refuses a weak password with a clear message', () => {
    const run = cli('admin', 'create', '--email', 'x@example.cn', '--password', 'short');
    expect(run.status).toBe(2);
    expect(run.err).toContain('密码至少 8 位');
  });

  it('audit verify exits 0 on an intact log and 1 naming the first broken event after tampering', async () => {
    expect(cli('audit', 'verify')).toMatchObject({ status: 0, out: '审计日志完整：2 条事件 (audit log intact: 2 events)\n' });
    await withDb(async (db) => {
      await db.execute(sql`update audit_events set actor_id = null where seq = 1`);
    });
    const broken = cli('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.err).toContain('审计日志已被篡改：第 1 条事件起校验失败（hash_mismatch）');
  });
});
