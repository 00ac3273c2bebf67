import type { TVoteCountEvent } from '@casearena/contract';
import type { AppContext } from '../../platform/context.ts';
import type { Realtime } from '../../platform/realtime/realtime.ts';

/** The realtime channel of a campaign's count changes; the stream route listens on it. */
export const votesChannel = (campaignId: string) => `votes:${campaignId}`;

/**
 * At most one message per entry per this window per node: the first change goes out at once, later ones within the
 * window are held and only the last is sent when it ends, so a vote storm does not flood the pages.
 */
export const COALESCE_MS = 150;

interface Held {
  /** The newest change not sent yet (undefined: nothing waits, the window just runs out). */
  next: TVoteCountEvent | undefined;
}

/** Per realtime (one per app), the entries inside their window. */
const windows = new WeakMap<Realtime, Map<string, Held>>();

/**
 * Tells every open page (on every node) an entry's new figures. Called after a committed batch of votes (core's
 * batcher) or a void (fraud); never before commit, since a rolled-back count must not be shown. The events are hints:
 * pages reload from the API when they miss one. Several events for one entry in `events` collapse to the last.
 */
export function announceCounts(ctx: Pick<AppContext, 'realtime'>, events: readonly TVoteCountEvent[]): void {
  const realtime = ctx.realtime;
  let held = windows.get(realtime);
  if (!held) {
    held = new Map();
    windows.set(realtime, held);
  }
  const latest = new Map<string, TVoteCountEvent>();
  for (const e of events) latest.set(e.entryId, e);
  for (const event of latest.values()) {
    const waiting = held.get(event.entryId);
    if (waiting) waiting.next = event;
    else send(realtime, held, event);
  }
}

function send(realtime: Realtime, held: Map<string, Held>, event: TVoteCountEvent) {
  realtime.publish(votesChannel(event.campaignId), JSON.stringify(event));
  const timer = setTimeout(() => {
    const h = held.get(event.entryId);
    held.delete(event.entryId);
    if (h?.next) send(realtime, held, h.next);
  }, COALESCE_MS);
  // A pending hint never keeps a stopping process alive.
  timer.unref();
  held.set(event.entryId, { next: undefined });
}
