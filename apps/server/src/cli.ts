import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ZEmail, ZPassword } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from './config.ts';
import { users } from './db/schema.ts';
import { registerUser } from './modules/accounts/index.ts';
import { runVotesVerify } from './modules/voting/index.ts';
import { appendAudit } from './platform/audit/audit.ts';
import {
  anchorSettings,
  type CheckpointRef,
  checkpointFile,
  startAuditCheckpoints,
  verifyAnchored,
} from './platform/audit/checkpoints.ts';
import { createIdentityCache } from './platform/auth/identity-cache.ts';
import { systemClock } from './platform/clock/index.ts';
import type { AppContext } from './platform/context.ts';
import { type Database, openDatabase } from './platform/db/client.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { AppError } from './platform/http/errors.ts';
import { logTransport } from './platform/mail/mail.ts';
import { createOutbox } from './platform/outbox/outbox.ts';
import { createLocalRealtime } from './platform/realtime/realtime.ts';
import { createStorage } from './platform/storage/storage.ts';

const USAGE = `CaseArena 案例擂台 command line

  casearena admin create --email EMAIL --password PASSWORD [--name NAME]
      Creates a platform administrator (or promotes an existing account to administrator).
  casearena audit verify [--checkpoints FILE]... [--anchor SEQ:HASH]...
      Checks the audit log's hash chain and every checkpoint in DATA_DIR/audit-checkpoints.jsonl, a file://
      AUDIT_ANCHOR_URL, each --checkpoints copy and each --anchor (seq and hash from a log line or the HTTP
      anchor); exits 0 when intact, 1 naming the first problem.
  casearena audit checkpoint
      Writes a checkpoint of the chain's head now (the server also writes one every AUDIT_CHECKPOINT_MINUTES).
  casearena votes verify --campaign CAMPAIGN_ID
      Recomputes every entry's vote count (weight, votes, voided) from the vote rows and compares it with the
      running counts; exits 0 when all agree, 1 listing each difference.

Uses the same DATA_DIR / DATABASE_URL as the server. With PGlite, stop the server first.`;

async function withContext<T>(work: (ctx: AppContext, database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ctx: AppContext = {
      config,
      db: database.db,
      dbKind: database.kind,
      clock: systemClock,
      // The worker is not started: a command only queues; the server delivers.
      outbox: createOutbox({ db: database.db, transport: logTransport(log), clock: systemClock, log }),
      storage: createStorage(config),
      identity: createIdentityCache(),
      realtime: createLocalRealtime(),
      log,
    };
    return await work(ctx, database);
  } finally {
    await database.close();
  }
}

async function adminCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  const email = ZEmail.safeParse(values.email);
  const password = ZPassword.safeParse(values.password);
  if (!email.success) return fail('请用 --email 提供有效的邮箱 (a valid --email is required)');
  if (!password.success) return fail('密码至少 8 位，且需同时包含字母和数字 (--password: 8+ characters with letters and digits)');
  return withContext(async (ctx) => {
    const [existing] = await ctx.db.select().from(users).where(eq(users.email, email.data));
    if (existing) {
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        await tx.update(users).set({ role: 'admin', updatedAt: now }).where(eq(users.id, existing.id));
        await appendAudit(tx, {
          kind: 'user.role_changed',
          actorId: null,
          subjectType: 'user',
          subjectId: existing.id,
          data: { from: existing.role, to: 'admin', via: 'cli' },
          at: now,
        });
      });
      console.log(`已将 ${email.data} 设为平台管理员 (promoted to administrator)`);
      return 0;
    }
    try {
      await registerUser(ctx, { email: email.data, password: password.data, name: values.name ?? '平台管理员', role: 'admin' });
    } catch (err) {
      if (err instanceof AppError) return fail(err.code);
      throw err;
    }
    console.log(`已创建平台管理员 ${email.data} (administrator created)`);
    return 0;
  });
}

/** The checkpoint files verify reads by default: the one under DATA_DIR and a file:// anchor. */
function defaultCheckpointFiles(dataDir: string): string[] {
  const anchor = anchorSettings().anchorUrl;
  return [checkpointFile(dataDir), ...(anchor?.protocol === 'file:' ? [fileURLToPath(anchor)] : [])];
}

async function auditVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { checkpoints: { type: 'string', multiple: true }, anchor: { type: 'string', multiple: true } },
  });
  const loose: CheckpointRef[] = [];
  for (const [i, given] of (values.anchor ?? []).entries()) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(given);
    if (!m) return fail(`--anchor 应为 序号:哈希 (--anchor takes SEQ:HASH, e.g. 42:<64 hex digits>): ${given}`);
    loose.push({ seq: Number(m[1]), hash: m[2] as string, at: '', prev: '', source: '--anchor', line: i + 1 });
  }
  return withContext(async (ctx) => {
    const files = [...defaultCheckpointFiles(ctx.config.dataDir), ...(values.checkpoints ?? [])];
    const result = await verifyAnchored(ctx.db, files, loose);
    if (result.ok) {
      const anchored =
        result.checkpoints > 0
          ? `，${result.checkpoints} 个检查点均一致 (audit log intact: ${result.events} events, ${result.checkpoints} checkpoints hold)`
          : `；尚无检查点，无法发现整体截断或回退 (audit log intact: ${result.events} events; no checkpoint yet, so a truncated or rewound log would go unnoticed)`;
      console.log(`审计日志完整：${result.events} 条事件${anchored}`);
      return 0;
    }
    if (!('brokenAt' in result)) {
      console.error(
        `审计检查点文件已被改动：${result.source} 第 ${result.line} 行（${result.reason}）\n` +
          `AUDIT CHECKPOINT FILE BROKEN: ${result.source} line ${result.line}: ${result.reason}`,
      );
      return 1;
    }
    const cp = result.checkpoint;
    console.error(
      `审计日志已被篡改：第 ${result.brokenAt} 条事件起校验失败（${result.reason}）\n` +
        `AUDIT LOG BROKEN at event #${result.brokenAt}: ${result.reason} (${result.events} events verified before it)` +
        (cp
          ? `\n检查点：${cp.source} 第 ${cp.line} 行，第 ${cp.seq} 条事件${cp.at ? `，${cp.at}` : ''} ` +
            `(checkpoint ${cp.source}:${cp.line}: event #${cp.seq} hash ${cp.hash}${cp.at ? ` at ${cp.at}` : ''})`
          : ''),
    );
    return 1;
  });
}

async function auditCheckpoint(): Promise<number> {
  return withContext(async (ctx) => {
    const checkpointer = startAuditCheckpoints({
      db: ctx.db,
      clock: ctx.clock,
      log: ctx.log,
      file: checkpointFile(ctx.config.dataDir),
      ...anchorSettings(),
    });
    const cp = await checkpointer.checkpoint();
    // stop() would take one more checkpoint; here there is nothing new to take, so it only clears the timer.
    await checkpointer.stop();
    if (cp) {
      console.log(`已写入检查点：第 ${cp.seq} 条事件 (checkpoint written: event #${cp.seq} ${cp.hash})`);
      return 0;
    }
    console.log(
      '未写入检查点：日志未前进，或已与上一个检查点不符（请运行 audit verify）' +
        '(no checkpoint written: the head has not moved, or no longer holds the last checkpoint; run audit verify)',
    );
    return 0;
  });
}

async function votesVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { campaign: { type: 'string' } } });
  if (!values.campaign || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.campaign)) {
    return fail('请用 --campaign 提供活动编号 (--campaign takes the campaign id, a uuid)');
  }
  const campaignId = values.campaign;
  return withContext((ctx) => runVotesVerify(ctx.db, campaignId));
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [group, verb, ...rest] = argv;
  if (group === 'admin' && verb === 'create') return adminCreate(rest);
  if (group === 'audit' && verb === 'verify') return auditVerify(rest);
  if (group === 'audit' && verb === 'checkpoint') return auditCheckpoint();
  if (group === 'votes' && verb === 'verify') return votesVerify(rest);
  console.log(USAGE);
  return group === undefined || group === 'help' || group === '--help' ? 0 : 2;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(3);
    }
    console.error(err);
    process.exit(1);
  });
