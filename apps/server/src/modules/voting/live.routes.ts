import { type TVoteStreamStatus, ZVoteCountEvent, ZVoteStreamQuery } from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import {
  createSseHub,
  SSE_HEARTBEAT_MS,
  type SseHub,
  type SseStream,
  sseFrame,
  startSse,
  ZSseHeaders,
} from '../../platform/realtime/sse-hub.ts';
import { campaignAccess, loadCampaignPhases } from '../campaigns/index.ts';
import { votesChannel } from './live.ts';
import { countsVisible, loadVoteRules } from './vote-rules.ts';

/** Open streams on this node, in all and from one address (a hospital's NAT puts many phones behind one). */
export const MAX_STREAMS = 10_000;
export const MAX_STREAMS_PER_IP = 200;
export const HEARTBEAT_MS = SSE_HEARTBEAT_MS;
/** The browser's wait before it reconnects a dropped stream. */
const RETRY_MS = 3_000;

const ZParams = z.object({ campaignId: z.string().uuid() });

interface Stream extends SseStream {
  themeId: string | undefined;
  entryId: string | undefined;
  /** Whether this caller may see figures at this moment (hidden counts reach the organizer's people only). */
  figuresAt: (now: Date) => boolean;
  /** What the last `status` event said. */
  shown: TVoteStreamStatus;
}

/** A message of live.ts `announceCounts`: the changed entries of one campaign (a node of the version before sent one). */
const ZCountMessage = z.union([z.array(ZVoteCountEvent), ZVoteCountEvent.transform((e) => [e])]);

const frame = (event: string, data: unknown) => sseFrame(event, JSON.stringify(data));

/**
 * GET /api/campaigns/:campaignId/votes/stream: the live count stream (Server-Sent Events; shapes in the contract's
 * voting-live.ts). One realtime subscription per campaign with open streams on this node (platform/realtime/
 * sse-hub.ts), each message parsed once and written to the streams whose filter it passes.
 */
export async function liveRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  const status = (s: Stream, now: Date): TVoteStreamStatus => ({ live: ctx.realtime.connected(), figures: s.figuresAt(now) });
  /** Sends `status` when it differs from what the stream was last told. */
  const refreshStatus = (s: Stream, now: Date) => {
    const next = status(s, now);
    if (next.live === s.shown.live && next.figures === s.shown.figures) return;
    s.shown = next;
    hub.write(s, frame('status', next));
  };

  const hub: SseHub<Stream> = createSseHub<Stream>(root, {
    realtime: ctx.realtime,
    channelOf: votesChannel,
    maxStreams: MAX_STREAMS,
    maxStreamsPerIp: MAX_STREAMS_PER_IP,
    deliver: (campaignId, message, streams) => {
      let events: Array<z.infer<typeof ZVoteCountEvent>>;
      try {
        events = ZCountMessage.parse(JSON.parse(message));
      } catch (err) {
        ctx.log.warn({ err, campaignId }, 'live: a malformed count message was dropped');
        return;
      }
      const now = ctx.clock.now();
      for (const event of events) {
        if (event.campaignId !== campaignId) continue;
        const chunk = frame('count', event);
        for (const s of streams) {
          if ((s.entryId && s.entryId !== event.entryId) || (s.themeId && s.themeId !== event.themeId)) continue;
          refreshStatus(s, now);
          if (s.shown.figures) hub.write(s, chunk);
        }
      }
    },
    onConnectedChange: () => {
      const now = ctx.clock.now();
      hub.forEach((s) => {
        refreshStatus(s, now);
      });
    },
  });

  app.get(
    '/api/campaigns/:campaignId/votes/stream',
    { schema: { tags: ['voting'], params: ZParams, querystring: ZVoteStreamQuery, headers: ZSseHeaders } },
    async (request, reply) => {
      const { campaignId } = request.params;
      const { campaign, access } = await campaignAccess(ctx.db, request.user, campaignId);
      if (campaign.status === 'draft' && access === null) throw new AppError('NOT_FOUND');
      const [rules, phases] = await Promise.all([loadVoteRules(ctx.db, campaignId), loadCampaignPhases(ctx.db, campaignId)]);
      if (!rules?.enabled || !phases) throw new AppError('NOT_FOUND');
      hub.admit(request.ip);

      // Rules and phases are fixed once the campaign is published; the moment decides whether figures show, by the
      // same rule as the vote card and the leaderboard.
      const figuresAt = (now: Date) => countsVisible(rules, phases, now, access);
      const s: Stream = {
        res: reply.raw,
        ip: request.ip,
        themeId: request.query.themeId,
        entryId: request.query.entryId,
        figuresAt,
        shown: { live: false, figures: false },
      };
      s.shown = status(s, ctx.clock.now());

      const res = startSse(reply, RETRY_MS, frame('status', s.shown));
      // A caller gone while the campaign was read closed before a listener could hear it: nothing to attach.
      if (res.destroyed || request.raw.socket.destroyed) return;
      const detach = hub.attach(campaignId, s);
      res.on('close', detach);
    },
  );
}
