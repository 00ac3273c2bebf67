import type { ServerResponse } from 'node:http';
import { code, type TVoteStreamStatus, ZVoteCountEvent, ZVoteStreamQuery } from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { campaignAccess, loadCampaignPhases } from '../campaigns/index.ts';
import { votesChannel } from './live.ts';
import { countsVisible, loadVoteRules } from './vote-rules.ts';

/** Open streams on this node, in all and from one address (a hospital's NAT puts many phones behind one). */
export const MAX_STREAMS = 10_000;
export const MAX_STREAMS_PER_IP = 200;
/** A comment line this often keeps proxies and phones from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** The browser's wait before it reconnects a dropped stream. */
const RETRY_MS = 3_000;
/** A client that reads this far behind is dropped (it reconnects and reloads): memory is not its queue. */
const MAX_BUFFERED_BYTES = 256 * 1024;

const ZParams = z.object({ campaignId: z.string().uuid() });
/**
 * Only a caller asking for an event stream gets one (EventSource always sends this header): anything else — a fetch
 * expecting JSON, the route fuzz — is refused with a field error instead of a response that never ends.
 */
const ZStreamHeaders = z.looseObject({ accept: z.string().regex(/\btext\/event-stream\b/, code('INVALID')) });

interface Stream {
  res: ServerResponse;
  ip: string;
  themeId: string | undefined;
  entryId: string | undefined;
  /** Whether this caller may see figures at this moment (hidden counts reach the organizer's people only). */
  figuresAt: (now: Date) => boolean;
  /** What the last `status` event said. */
  shown: TVoteStreamStatus;
}

interface Hub {
  streams: Set<Stream>;
  unsubscribe: () => void;
}

/** A message of live.ts `announceCounts`: the changed entries of one campaign (a node of the version before sent one). */
const ZCountMessage = z.union([z.array(ZVoteCountEvent), ZVoteCountEvent.transform((e) => [e])]);

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * GET /api/campaigns/:campaignId/votes/stream: the live count stream (Server-Sent Events; shapes in the contract's
 * voting-live.ts). One realtime subscription per campaign with open streams on this node, each message parsed once
 * and written to the streams whose filter it passes.
 */
export async function liveRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const hubs = new Map<string, Hub>();
  const perIp = new Map<string, number>();
  let open = 0;

  const write = (s: Stream, chunk: string) => {
    if (s.res.writableLength > MAX_BUFFERED_BYTES) return void s.res.destroy();
    s.res.write(chunk);
  };
  const status = (s: Stream, now: Date): TVoteStreamStatus => ({ live: ctx.realtime.connected(), figures: s.figuresAt(now) });
  /** Sends `status` when it differs from what the stream was last told. */
  const refreshStatus = (s: Stream, now: Date) => {
    const next = status(s, now);
    if (next.live === s.shown.live && next.figures === s.shown.figures) return;
    s.shown = next;
    write(s, frame('status', next));
  };
  const everyStream = (fn: (s: Stream) => void) => {
    for (const hub of hubs.values()) for (const s of hub.streams) fn(s);
  };

  const deliver = (campaignId: string, message: string) => {
    const hub = hubs.get(campaignId);
    if (!hub) return;
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
      for (const s of hub.streams) {
        if ((s.entryId && s.entryId !== event.entryId) || (s.themeId && s.themeId !== event.themeId)) continue;
        refreshStatus(s, now);
        if (s.shown.figures) write(s, chunk);
      }
    }
  };

  const attach = (campaignId: string, s: Stream) => {
    let hub = hubs.get(campaignId);
    if (!hub) {
      const created: Hub = { streams: new Set(), unsubscribe: () => {} };
      created.unsubscribe = ctx.realtime.subscribe(votesChannel(campaignId), (m) => deliver(campaignId, m));
      hubs.set(campaignId, created);
      hub = created;
    }
    hub.streams.add(s);
    open += 1;
    perIp.set(s.ip, (perIp.get(s.ip) ?? 0) + 1);
    return () => {
      const h = hubs.get(campaignId);
      if (!h?.streams.delete(s)) return;
      open -= 1;
      const left = (perIp.get(s.ip) ?? 1) - 1;
      if (left > 0) perIp.set(s.ip, left);
      else perIp.delete(s.ip);
      if (h.streams.size === 0) {
        h.unsubscribe();
        hubs.delete(campaignId);
      }
    };
  };

  const stopWatching = ctx.realtime.onConnectedChange(() => {
    const now = ctx.clock.now();
    everyStream((s) => refreshStatus(s, now));
  });
  const heartbeat = setInterval(() => everyStream((s) => write(s, ': ping\n\n')), HEARTBEAT_MS);
  heartbeat.unref();
  // Before the server stops accepting: an open stream would otherwise keep close() waiting for ever.
  root.addHook('preClose', async () => {
    clearInterval(heartbeat);
    stopWatching();
    everyStream((s) => s.res.end());
  });

  app.get(
    '/api/campaigns/:campaignId/votes/stream',
    { schema: { tags: ['voting'], params: ZParams, querystring: ZVoteStreamQuery, headers: ZStreamHeaders } },
    async (request, reply) => {
      const { campaignId } = request.params;
      const { campaign, access } = await campaignAccess(ctx.db, request.user, campaignId);
      if (campaign.status === 'draft' && access === null) throw new AppError('NOT_FOUND');
      const [rules, phases] = await Promise.all([loadVoteRules(ctx.db, campaignId), loadCampaignPhases(ctx.db, campaignId)]);
      if (!rules?.enabled || !phases) throw new AppError('NOT_FOUND');
      if (open >= MAX_STREAMS || (perIp.get(request.ip) ?? 0) >= MAX_STREAMS_PER_IP) throw new AppError('RATE_LIMITED');

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

      reply.hijack();
      const res = reply.raw;
      // The security headers the onRequest hook put on the reply, which a hijacked reply does not send by itself.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        // nginx and other proxies must pass each event on at once instead of buffering the response.
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.socket?.setNoDelay(true);
      res.write(`retry: ${RETRY_MS}\n\n${frame('status', s.shown)}`);
      // A caller gone while the campaign was read closed before a listener could hear it: nothing to attach.
      if (res.destroyed || request.raw.socket.destroyed) return;
      const detach = attach(campaignId, s);
      res.on('close', detach);
    },
  );
}
