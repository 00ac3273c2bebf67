import { parseArgs } from 'node:util';
import { ZEmail, ZPassword } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from './config.ts';
import { users } from './modules/accounts/accounts.tables.ts';
import { registerUser } from './modules/accounts/register-user.ts';
import { appendAudit, verifyAudit } from './platform/audit/audit.ts';
import { createIdentityCache } from './platform/auth/identity-cache.ts';
import { systemClock } from './platform/clock/index.ts';
import type { AppContext } from './platform/context.ts';
import { type Database, openDatabase } from './platform/db/client.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { AppError } from './platform/http/errors.ts';
import { createSender, logTransport } from './platform/mail/mail.ts';
import { createStorage } from './platform/storage/storage.ts';

const USAGE = `CaseArena 案例擂台 command line

  casearena admin create --email EMAIL --password PASSWORD [--name NAME]
      Creates a platform administrator (or promotes an existing account to administrator).
  casearena audit verify
      Checks the audit log's hash chain; exits 0 when intact, 1 naming the first broken event.

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
      sender: createSender(database.db, logTransport(log)),
      storage: createStorage(config),
      identity: createIdentityCache(),
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

async function auditVerify(): Promise<number> {
  return withContext(async (ctx) => {
    const result = await verifyAudit(ctx.db);
    if (result.ok) {
      console.log(`审计日志完整：${result.events} 条事件 (audit log intact: ${result.events} events)`);
      return 0;
    }
    console.error(
      `审计日志已被篡改：第 ${result.brokenAt} 条事件起校验失败（${result.reason}）\n` +
        `AUDIT LOG BROKEN at event #${result.brokenAt}: ${result.reason} (${result.events} events verified before it)`,
    );
    return 1;
  });
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [group, verb, ...rest] = argv;
  if (group === 'admin' && verb === 'create') return adminCreate(rest);
  if (group === 'audit' && verb === 'verify') return auditVerify();
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
