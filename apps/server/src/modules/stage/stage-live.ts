import type { AppContext } from '../../platform/context.ts';
import { loadScreen } from './stage-screen.ts';

/** The realtime channel of a stage's screen; the stream route listens on it. */
export const stageChannel = (stageId: string) => `stage:${stageId}`;

/**
 * Tells every open screen (on every node) the stage's new screen. Called after commit; never throws (a lost hint is
 * repaired by the screen's reconnect, which reloads the current screen).
 */
export async function announceStage(ctx: Pick<AppContext, 'db' | 'clock' | 'realtime' | 'log'>, stageId: string): Promise<void> {
  try {
    const screen = await loadScreen(ctx.db, stageId, ctx.clock.now());
    if (screen) ctx.realtime.publish(stageChannel(stageId), JSON.stringify(screen));
  } catch (err) {
    ctx.log.warn({ err, stageId }, 'stage: the screen could not be announced');
  }
}
