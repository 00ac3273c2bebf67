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
    timeout: 150_000,
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

// Each case starts the CLI as a process (tsx, PGlite, migrations) two to six times, and a loaded machine (eight
// engineers' test runs on two cores) has taken a minute for one start: allow for it.
describe('casearena CLI', { timeout: 300_000 }, () => {
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

  const INTACT_UNANCHORED =
    '审计日志完整：2 条事件；尚无检查点，无法发现整体截断或回退 ' +
    '(audit log intact: 2 events; no checkpoint yet, so a truncated or rewound log would go unnoticed)\n';
  const checkpoints = path.join(dataDir, 'audit-checkpoints.jsonl');

  it('audit verify exits 0 on an intact log; audit checkpoint anchors it and verify then checks the checkpoint', () => {
    expect(cli('audit', 'verify')).toMatchObject({ status: 0, out: INTACT_UNANCHORED });
    const written = cli('audit', 'checkpoint');
    expect(written.status).toBe(0);
    expect(written.out).toMatch(/^已写入检查点：第 2 条事件 \(checkpoint written: event #2 [0-9a-f]{64}\)\n$/);
    expect(fs.readFileSync(checkpoints, 'utf8').trimEnd().split('\n')).toHaveLength(1);
    expect(cli('audit', 'verify')).toMatchObject({
      status: 0,
      out: '审计日志完整：2 条事件，1 个检查点均一致 (audit log intact: 2 events, 1 checkpoints hold)\n',
    });
  });

  it('X-3 an event cannot be edited in the database; edited with the triggers off, verify names it (exit 1)', async () => {
    let actor: unknown;
    await withDb(async (db) => {
      const rows = await db.execute(sql`select actor_id from audit_events where seq = 1`);
      actor = (rows as unknown as { rows: Array<{ actor_id: unknown }> }).rows[0]?.actor_id;
      expect(actor).toEqual(expect.any(String));
      await expect(db.execute(sql`update audit_events set actor_id = null where seq = 1`)).rejects.toMatchObject({
        cause: { code: 'CA001', message: 'audit log is append-only: UPDATE on audit_events refused' },
      });
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set actor_id = null where seq = 1`);
      });
    });
    const broken = cli('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.err).toContain('审计日志已被篡改：第 1 条事件起校验失败（hash_mismatch）');
    expect(broken.err).toContain('AUDIT LOG BROKEN at event #1: hash_mismatch (0 events verified before it)');
    await withDb(async (db) => {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set actor_id = ${actor} where seq = 1`);
      });
    });
    expect(cli('audit', 'verify').status).toBe(0);
  });

  it('X-3 a rewound log (newest event deleted, head rewound) exits 1 naming the checkpoint, also from a copy kept elsewhere', async () => {
    const offsite = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-offsite-')), 'checkpoints.jsonl');
    fs.copyFileSync(checkpoints, offsite);
    const [line] = fs.readFileSync(checkpoints, 'utf8').trimEnd().split('\n');
    const anchored = JSON.parse(line ?? '{}') as { seq: number; hash: string; at: string };
    await withDb(async (db) => {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`delete from audit_events where seq = 2`);
        await tx.execute(sql`update audit_head set seq = 1, hash = (select hash from audit_events where seq = 1)`);
      });
    });
    const broken = cli('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.err).toBe(
      '审计日志已被篡改：第 2 条事件起校验失败（behind_checkpoint）\n' +
        'AUDIT LOG BROKEN at event #2: behind_checkpoint (1 events verified before it)\n' +
        `检查点：${checkpoints} 第 1 行，第 2 条事件，${anchored.at} ` +
        `(checkpoint ${checkpoints}:1: event #2 hash ${anchored.hash} at ${anchored.at})\n`,
    );
    // The attacker also removed the file on the machine: the copy taken off it still tells.
    fs.rmSync(checkpoints);
    expect(cli('audit', 'verify').status).toBe(0);
    const fromCopy = cli('audit', 'verify', '--checkpoints', offsite);
    expect(fromCopy.status).toBe(1);
    expect(fromCopy.err).toContain(`AUDIT LOG BROKEN at event #2: behind_checkpoint`);
    expect(fromCopy.err).toContain(`(checkpoint ${offsite}:1: event #2 hash ${anchored.hash} at ${anchored.at})`);
    // Or seq and hash read from the server log's "audit checkpoint" line.
    const fromLog = cli('audit', 'verify', '--anchor', `2:${anchored.hash}`);
    expect(fromLog.status).toBe(1);
    expect(fromLog.err).toContain(`(checkpoint --anchor:1: event #2 hash ${anchored.hash})`);
    expect(cli('audit', 'verify', '--anchor', '2:nothex')).toMatchObject({ status: 2 });
  });
});
