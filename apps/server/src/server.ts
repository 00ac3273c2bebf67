import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { startEntrySweeps } from './modules/entries/index.ts';
import { startJudgingSweeps } from './modules/judging/index.ts';
import { anchorSettings, checkpointFile, startAuditCheckpoints } from './platform/audit/checkpoints.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { seedIfEmpty } from './seed/seed.ts';

/** Starts the platform: opens the database, seeds demo data on an empty embedded one, listens, stops cleanly. */
async function main() {
  const config = loadConfig();
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp({ config });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(3);
    }
    throw err;
  }
  // Demo data: on by default in embedded mode, opt-in on PostgreSQL; SEED_DEMO=0|1 overrides.
  const seedDemo = process.env.SEED_DEMO ? process.env.SEED_DEMO === '1' : !config.databaseUrl;
  if (seedDemo) await seedIfEmpty(app.ctx);
  const stopSweeps = startEntrySweeps(app.ctx);
  app.addHook('onClose', async () => stopSweeps());
  const stopJudgingSweeps = startJudgingSweeps(app.ctx);
  app.addHook('onClose', async () => stopJudgingSweeps());
  // Audit checkpoints (X-3): every AUDIT_CHECKPOINT_MINUTES and once more at shutdown. onClose hooks run last-added
  // first, so this one runs before the database closes.
  const checkpoints = startAuditCheckpoints({
    db: app.ctx.db,
    clock: app.ctx.clock,
    log: app.log,
    file: checkpointFile(config.dataDir),
    ...anchorSettings(),
    atStart: true,
  });
  app.addHook('onClose', () => checkpoints.stop());
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting, waits for in-flight requests (each write is committed before it answers),
    // then closes the database, which flushes PGlite to disk.
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `CaseArena ${app.ctx.dbKind === 'pglite' ? `embedded (PGlite in ${config.dataDir})` : 'on PostgreSQL'} at http://localhost:${config.port}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
