import type { AppContext } from '../../platform/context.ts';
import type { Realtime } from '../../platform/realtime/realtime.ts';
import { loadScreen } from './stage-screen.ts';

/** The realtime channel of a stage's screen; the stream route (stage-stream.routes.ts) listens on it. */
export const stageChannel = (stageId: string) => `stage:${stageId}`;

interface Chain {
  /** The announcement whose screen is not being read yet: a later change joins it, since its read comes after. */
  pending: Promise<void> | null;
  /** The last announcement queued: the next one starts after it. */
  tail: Promise<void>;
}

/** Per realtime (one per app) and stage, the announcements under way. */
const chains = new WeakMap<Realtime, Map<string, Chain>>();

/**
 * Tells every open screen, on every node, the stage's current screen: it is loaded once here, after the change's
 * commit (never before: a rolled-back change must not show), and the message on `stage:<stageId>` is that screen's
 * JSON, which every node forwards verbatim to its streams. Announcements of one stage from this node are built one
 * after the other, so two quick changes never reach the screens newest-first, and a change announced while another
 * waits for its turn joins it (fifteen judges submitting at once give two builds, not fifteen): the joined build reads
 * the screen after both commits. Never throws: the message is a hint, a screen that missed it gets the current screen
 * when its stream reconnects; resolves once published (or given up).
 */
export function announceStage(ctx: Pick<AppContext, 'db' | 'clock' | 'realtime' | 'log'>, stageId: string): Promise<void> {
  let byStage = chains.get(ctx.realtime);
  if (!byStage) {
    byStage = new Map();
    chains.set(ctx.realtime, byStage);
  }
  const chain = byStage.get(stageId) ?? { pending: null, tail: Promise.resolve() };
  if (chain.pending) return chain.pending;
  const mine = chain.tail.then(async () => {
    chain.pending = null;
    try {
      const screen = await loadScreen(ctx.db, stageId, ctx.clock.now());
      if (screen) ctx.realtime.publish(stageChannel(stageId), JSON.stringify(screen));
    } catch (err) {
      ctx.log.warn({ err, stageId }, 'stage: the screen could not be announced');
    }
  });
  chain.pending = mine;
  chain.tail = mine;
  byStage.set(stageId, chain);
  const stages = byStage;
  void mine.then(() => {
    if (chain.tail === mine) stages.delete(stageId);
  });
  return mine;
}
