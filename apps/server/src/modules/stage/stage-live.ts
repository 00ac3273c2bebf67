import type { AppContext } from '../../platform/context.ts';
import type { Realtime } from '../../platform/realtime/realtime.ts';
import { loadScreen } from './stage-screen.ts';

/** The realtime channel of a stage's screen; the stream route (stage-stream.routes.ts) listens on it. */
export const stageChannel = (stageId: string) => `stage:${stageId}`;

/** Per realtime (one per app) and stage, the announcement being built: the next one waits for it. */
const building = new WeakMap<Realtime, Map<string, Promise<void>>>();

/**
 * Tells every open screen, on every node, the stage's current screen: it is loaded once here, after the change's
 * commit (never before: a rolled-back change must not show), and the message on `stage:<stageId>` is that screen's
 * JSON, which every node forwards verbatim to its streams. Announcements of one stage from this node are built and
 * published one after the other, so two quick changes never reach the screens newest-first. Never throws: the
 * message is a hint, a screen that missed it gets the current screen when its stream reconnects; resolves once
 * published (or given up).
 */
export function announceStage(ctx: Pick<AppContext, 'db' | 'clock' | 'realtime' | 'log'>, stageId: string): Promise<void> {
  let chains = building.get(ctx.realtime);
  if (!chains) {
    chains = new Map();
    building.set(ctx.realtime, chains);
  }
  const before = chains.get(stageId) ?? Promise.resolve();
  const mine = before.then(async () => {
    try {
      const screen = await loadScreen(ctx.db, stageId, ctx.clock.now());
      if (screen) ctx.realtime.publish(stageChannel(stageId), JSON.stringify(screen));
    } catch (err) {
      ctx.log.warn({ err, stageId }, 'stage: the screen could not be announced');
    }
  });
  chains.set(stageId, mine);
  void mine.then(() => {
    if (chains.get(stageId) === mine) chains.delete(stageId);
  });
  return mine;
}
