import { ZStageScreen } from '@casearena/contract';
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
import { stageChannel } from './stage-live.ts';
import { loadScreen } from './stage-screen.ts';

/** Open streams on this node, in all and from one address (a hall's Wi-Fi puts many phones behind one NAT). */
export const MAX_STAGE_STREAMS = 10_000;
export const MAX_STAGE_STREAMS_PER_IP = 200;
export const STAGE_HEARTBEAT_MS = SSE_HEARTBEAT_MS;
/** The browser's wait before it reconnects a dropped stream (the screen recovers by itself, issue 11 item 4). */
const RETRY_MS = 2_000;
/** How often a stream's first screen is re-read when changes keep arriving while it is read (then they are sent). */
const MAX_FIRST_READS = 3;

const ZParams = z.object({ stageId: z.string().uuid() });

/** The `status` event: whether changes made on other nodes reach this stream now (false: Redis is away). */
interface StageStreamStatus {
  live: boolean;
}

interface Stream extends SseStream {
  /** While its first screen is read: the newest message that came meanwhile (the screen is read again). */
  opening: { missed: string | null } | null;
  shown: StageStreamStatus;
}

/**
 * The stage's public face (issue 11 item 4): GET /api/stages/:stageId/screen, the big screen's view, and
 * GET /api/stages/:stageId/stream, its Server-Sent Events: `retry`, then `screen` (ZStageScreen, the current one) and
 * `status` ({ live }), then `screen` on every change and `status` when the realtime connectivity changes, comment
 * heartbeats between; when this node gets back onto Redis, the current screen again. No sign-in: the screen shows
 * nothing a hall may not see (stage-screen.ts). One realtime subscription per stage with open streams on this node
 * (platform/realtime/sse-hub.ts); a message (the screen JSON built once by the node that made the change,
 * stage-live.ts) is written verbatim to every stream of the stage, never parsed again.
 */
export async function stageStreamRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  const refreshStatus = (s: Stream) => {
    const live = ctx.realtime.connected();
    if (live === s.shown.live || s.opening) return;
    s.shown = { live };
    hub.write(s, sseFrame('status', JSON.stringify(s.shown)));
  };
  /** The current screen to every stream of a stage on this node, read once. */
  const resend = async (stageId: string) => {
    try {
      const screen = await loadScreen(ctx.db, stageId, ctx.clock.now());
      if (screen) hub.deliver(stageId, JSON.stringify(screen));
    } catch (err) {
      ctx.log.warn({ err, stageId }, 'stage stream: the screen could not be re-sent');
    }
  };
  const hub: SseHub<Stream> = createSseHub<Stream>(root, {
    realtime: ctx.realtime,
    channelOf: stageChannel,
    maxStreams: MAX_STAGE_STREAMS,
    maxStreamsPerIp: MAX_STAGE_STREAMS_PER_IP,
    ready: (s) => !s.opening,
    deliver: (_stageId, message, streams) => {
      const chunk = sseFrame('screen', message);
      for (const s of streams) {
        if (s.opening) s.opening.missed = message;
        else hub.write(s, chunk);
      }
    },
    onConnectedChange: (connected) => {
      hub.forEach(refreshStatus);
      // The changes other nodes made while Redis was away never came (they are dropped, not queued): back on it,
      // every screen gets the current one, so the hall recovers without a reload.
      if (connected) for (const stageId of [...hub.keys()]) void resend(stageId);
    },
  });
  app.get(
    '/api/stages/:stageId/screen',
    { schema: { tags: ['stage'], params: ZParams, response: { 200: ZStageScreen } } },
    async (request, reply) => {
      const screen = await loadScreen(ctx.db, request.params.stageId, ctx.clock.now());
      if (!screen) throw new AppError('NOT_FOUND');
      // The hall's screen polls this while its stream is away: never a cached copy.
      reply.header('cache-control', 'no-store');
      return screen;
    },
  );

  app.get(
    '/api/stages/:stageId/stream',
    { schema: { tags: ['stage'], params: ZParams, headers: ZSseHeaders } },
    async (request, reply) => {
      const { stageId } = request.params;
      hub.admit(request.ip);
      const s: Stream = { res: reply.raw, ip: request.ip, opening: { missed: null }, shown: { live: false } };
      // Listening before the first read: a change committed while the screen is read is not lost; the screen is then
      // read again, since the message may have been built before or after this read.
      const detach = hub.attach(stageId, s);
      let screen: string;
      try {
        const first = await loadScreen(ctx.db, stageId, ctx.clock.now());
        if (!first) throw new AppError('NOT_FOUND');
        screen = JSON.stringify(first);
        for (let i = 0; s.opening?.missed && i < MAX_FIRST_READS; i += 1) {
          s.opening.missed = null;
          const again = await loadScreen(ctx.db, stageId, ctx.clock.now());
          if (again) screen = JSON.stringify(again);
        }
      } catch (err) {
        detach();
        throw err;
      }
      const missed = s.opening?.missed ?? null;
      s.opening = null;
      s.shown = { live: ctx.realtime.connected() };

      const res = startSse(reply, RETRY_MS, `${sseFrame('screen', screen)}${sseFrame('status', JSON.stringify(s.shown))}`);
      if (missed) hub.write(s, sseFrame('screen', missed));
      // A caller gone while the screen was read closed before a listener could hear it: let go at once. A stream
      // opened while the server began to stop gets its screen and ends, so the stop does not wait for it.
      if (res.destroyed || request.raw.socket.destroyed || hub.closing()) {
        detach();
        return void res.end();
      }
      res.on('close', detach);
    },
  );
}
