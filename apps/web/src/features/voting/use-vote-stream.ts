import { type TVoteCountEvent, type TVoteStreamStatus, ZVoteCountEvent, ZVoteStreamStatus } from '@casearena/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { votingKeys } from '../../api/voting.ts';

/** While the stream is down (or the server says other nodes' votes may not arrive), the page reloads this often. */
export const STREAM_POLL_MS = 10_000;
/** Waits before opening a refused or dropped stream again: doubling from the first to the last. */
const RECONNECT_MS = [3_000, 60_000] as const;

export interface VoteStreamFilter {
  /** Only this theme's entries (a leaderboard). */
  themeId?: string | undefined;
  /** Only this entry (its vote card). */
  entryId?: string | undefined;
}

export interface VoteStreamState {
  /** Counts arrive live; false while the page polls instead (stream down, refused, or Redis down on the server). */
  live: boolean;
  /** False when counts are hidden from this viewer during the phase (no `count` comes; show no figures). */
  figures: boolean;
}

/** What has been cast for an entry, voided or not: it only grows, so a smaller one is an older message. */
const castOf = (e: TVoteCountEvent) => e.votes + e.voidedVotes;

/**
 * The live counts of a campaign (GET /api/campaigns/:campaignId/votes/stream, contract voting-live.ts), optionally
 * of one theme or one entry. `onCount` gets each new count (an entry page or a leaderboard puts it into its query
 * data and plays the "+15"); a message older than one already seen for the entry (two nodes' messages can cross)
 * is dropped. When the stream is down, refused (too many streams) or the server reports `live: false`, the page's
 * vote queries are reloaded every STREAM_POLL_MS instead, and once more when the stream is back, since messages sent
 * meanwhile are lost: they are hints, the API has the figures.
 */
export function useVoteStream(
  campaignId: string | undefined,
  filter: VoteStreamFilter,
  onCount: (event: TVoteCountEvent) => void,
): VoteStreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<VoteStreamState>({ live: false, figures: true });
  const onCountRef = useRef(onCount);
  onCountRef.current = onCount;
  const { themeId, entryId } = filter;

  useEffect(() => {
    if (!campaignId || typeof EventSource === 'undefined') return;
    const params = new URLSearchParams();
    if (themeId) params.set('themeId', themeId);
    if (entryId) params.set('entryId', entryId);
    // toString, not .size: older WeChat browsers lack URLSearchParams.size.
    const query = params.toString() ? `?${params}` : '';
    const url = `/api/campaigns/${encodeURIComponent(campaignId)}/votes/stream${query}`;
    const seen = new Map<string, number>();
    let source: EventSource | null = null;
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let wait: number = RECONNECT_MS[0];
    let stopped = false;
    /** Whether the page reloaded nothing since it last missed messages (then the next live moment reloads once). */
    let missed = false;

    const reload = () => {
      const queryKey = entryId
        ? ['voting', 'card', entryId]
        : themeId
          ? votingKeys.leaderboard(campaignId, themeId)
          : votingKeys.all;
      void queryClient.invalidateQueries({ queryKey });
    };
    const setLive = (live: boolean, figures?: boolean) => {
      setState((s) =>
        s.live === live && (figures === undefined || s.figures === figures) ? s : { live, figures: figures ?? s.figures },
      );
      if (live) {
        if (poll !== undefined) clearInterval(poll);
        poll = undefined;
        if (missed) reload();
        missed = false;
      } else {
        missed = true;
        poll ??= setInterval(reload, STREAM_POLL_MS);
      }
    };
    const open = () => {
      if (stopped) return;
      const es = new EventSource(url, { withCredentials: true });
      source = es;
      es.addEventListener('status', (e) => {
        const parsed = ZVoteStreamStatus.safeParse(safeJson((e as MessageEvent<string>).data));
        if (!parsed.success) return;
        const status: TVoteStreamStatus = parsed.data;
        wait = RECONNECT_MS[0];
        setLive(status.live, status.figures);
      });
      es.addEventListener('count', (e) => {
        const parsed = ZVoteCountEvent.safeParse(safeJson((e as MessageEvent<string>).data));
        if (!parsed.success) return;
        const event = parsed.data;
        if (castOf(event) < (seen.get(event.entryId) ?? 0)) return;
        seen.set(event.entryId, castOf(event));
        onCountRef.current(event);
      });
      es.onerror = () => {
        setLive(false);
        // CONNECTING: the browser retries by itself (after the server's `retry:`). CLOSED: it gave up (a refusal such
        // as 429 or 404, or a proxy's error page), so this hook tries again later, waiting longer each time.
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        source = null;
        reconnect = setTimeout(open, wait);
        wait = Math.min(wait * 2, RECONNECT_MS[1]);
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      if (reconnect !== undefined) clearTimeout(reconnect);
      if (poll !== undefined) clearInterval(poll);
    };
  }, [campaignId, themeId, entryId, queryClient]);

  return state;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
