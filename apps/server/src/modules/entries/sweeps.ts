import type { AppContext } from '../../platform/context.ts';
import { expireReturnedEntries } from './expire-returned.ts';
import { expireAbandonedUploads } from './uploads.ts';

/**
 * Timed work of the entries module: every `everyMs` (default one minute) returned entries past their correction
 * deadline are excluded (S3-5), and uploads abandoned for a day are dropped with their bytes. Each run is safe on several nodes (see expireReturnedEntries). Returns a stop
 * function for shutdown.
 */
export function startEntrySweeps(ctx: AppContext, everyMs = 60_000): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const n = await expireReturnedEntries(ctx);
      if (n > 0) ctx.log.info({ excluded: n }, 'returned entries past their correction deadline excluded');
      const dropped = await expireAbandonedUploads(ctx);
      if (dropped > 0) ctx.log.info({ dropped }, 'uploads abandoned for a day dropped');
    } catch (err) {
      ctx.log.error({ err }, 'entry sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
