import { z } from 'zod';
import { ZId } from './fields.ts';

/**
 * The live count stream (issue 9 item 3): `GET /api/campaigns/:campaignId/votes/stream?themeId=&entryId=`, Server-Sent
 * Events. Events:
 * - `count`: a `ZVoteCountEvent` (voting.ts), the entry's figures after a committed vote or void; only to callers
 *   who may see figures now (counts hidden during the phase reach the organizer's people only);
 * - `status`: `ZVoteStreamStatus`, on opening and whenever it changes.
 * Messages are hints: a page that reconnects or sees `live: false` reloads the figures from the API.
 */
export const ZVoteStreamQuery = z.object({
  /** Only this theme's entries (a leaderboard). */
  themeId: ZId.optional(),
  /** Only this entry (its vote card). */
  entryId: ZId.optional(),
});
export type TVoteStreamQuery = z.infer<typeof ZVoteStreamQuery>;

export const ZVoteStreamStatus = z.object({
  /** False while votes cast on other nodes may not arrive (Redis down): the page polls meanwhile. */
  live: z.boolean(),
  /** False when counts are hidden from this caller during the phase: no `count` events come. */
  figures: z.boolean(),
});
export type TVoteStreamStatus = z.infer<typeof ZVoteStreamStatus>;

export const VOTE_STREAM_EVENTS = ['count', 'status'] as const;
export type VoteStreamEvent = (typeof VOTE_STREAM_EVENTS)[number];
