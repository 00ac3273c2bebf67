import type { TVoteCountEvent } from '@casearena/contract';
import type { AppContext } from '../../platform/context.ts';
import type { Realtime } from '../../platform/realtime/realtime.ts';

/** The realtime channel of a campaign's count changes; the stream route listens on it. */
export const votesChannel = (campaignId: string) => `votes:${campaignId}`;

/**
 * At most one change per entry per this window per node: the first change goes out at once, later ones within the
 * window are held and only the last is sent when it ends, so a vote storm does not flood the pages. The changes that
 * go at the same moment go as one message per campaign (a batch of votes touches many entries: one PUBLISH for all
 * of them, not one per vote), and the entries sent together share one timer.
 */
export const COALESCE_MS = 150;

interface Held {
  /** The newest change not sent yet (undefined: nothing waits, the window just runs out). */
  next: TVoteCountEvent | undefined;
}

/** Per realtime (one per app), the entries inside their window. */
const windows = new WeakMap<Realtime, Map<string, Held>>();

/**
 * Tells every open page (on every node) the new figures of entries. Called after a committed batch of votes (core's
 * batcher) or a void (fraud); never before commit, since a rolled-back count must not be shown. The events are hints:
 * pages reload from the API when they miss one. Several events for one entry collapse to the last. A message on
 * `votes:<campaignId>` is a JSON array of TVoteCountEvent (live.routes.ts `deliver`).
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
  const due = new Map<string, TVoteCountEvent[]>();
  for (const event of latest.values()) {
    const waiting = held.get(event.entryId);
    if (waiting) {
      waiting.next = event;
      continue;
    }
    const list = due.get(event.campaignId);
    if (list) list.push(event);
    else due.set(event.campaignId, [event]);
  }
  for (const [campaignId, list] of due) send(realtime, held, campaignId, list);
}

function send(realtime: Realtime, held: Map<string, Held>, campaignId: string, events: TVoteCountEvent[]) {
  realtime.publish(votesChannel(campaignId), JSON.stringify(events));
  for (const e of events) held.set(e.entryId, { next: undefined });
  const timer = setTimeout(() => {
    const next: TVoteCountEvent[] = [];
    for (const e of events) {
      const h = held.get(e.entryId);
      held.delete(e.entryId);
      if (h?.next) next.push(h.next);
    }
    if (next.length > 0) send(realtime, held, campaignId, next);
  }, COALESCE_MS);
  // A pending hint never keeps a stopping process alive.
  timer.unref();
}
