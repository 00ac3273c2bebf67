import type { ServerResponse } from 'node:http';
import { code, ZStageScreen } from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { stageChannel } from './stage-live.ts';
import { loadScreen } from './stage-screen.ts';

/** Open streams on this node, in all and from one address (a hall's Wi-Fi puts many phones behind one NAT). */
export const MAX_STAGE_STREAMS = 10_000;
export const MAX_STAGE_STREAMS_PER_IP = 200;
/** A comment line this often keeps proxies and phones from closing an idle stream. */
export const STAGE_HEARTBEAT_MS = 15_000;
/** The browser's wait before it reconnects a dropped stream (the screen recovers by itself, issue 11 item 4). */
const RETRY_MS = 2_000;
/** A client that reads this far behind is dropped (it reconnects and reloads): memory is not its queue. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** How often a stream's first screen is re-read when changes keep arriving while it is read (then they are sent). */
const MAX_FIRST_READS = 3;

const ZParams = z.object({ stageId: z.string().uuid() });
/**
 * Only a caller asking for an event stream gets one (EventSource always sends this header): anything else — a fetch
 * expecting JSON, the route fuzz — is refused with a field error instead of a response that never ends.
 */
const ZStreamHeaders = z.looseObject({ accept: z.string().regex(/\btext\/event-stream\b/, code('INVALID')) });

/** The `status` event: whether changes made on other nodes reach this stream now (false: Redis is away). */
interface StageStreamStatus {
  live: boolean;
}

interface Stream {
  res: ServerResponse;
  ip: string;
  /** While its first screen is read: the newest message that came meanwhile (the screen is read again). */
  opening: { missed: string | null } | null;
  shown: StageStreamStatus;
}

interface Hub {
  streams: Set<Stream>;
  unsubscribe: () => void;
}

const frame = (event: string, data: string) => `event: ${event}\ndata: ${data}\n\n`;

/**
 * The stage's public face (issue 11 item 4): GET /api/stages/:stageId/screen, the big screen's view, and
 * GET /api/stages/:stageId/stream, its Server-Sent Events: `retry`, then `screen` (ZStageScreen, the current one) and
 * `status` ({ live }), then `screen` on every change and `status` when the realtime connectivity changes, comment
 * heartbeats between; when this node gets back onto Redis, the current screen again. No sign-in: the screen shows
 * nothing a hall may not see (stage-screen.ts). One realtime subscription per stage with open streams on this node; a
 * message (the screen JSON built once by the node that made the change, stage-live.ts) is written verbatim to every
 * stream of the stage, never parsed again.
 */
export async function stageStreamRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const hubs = new Map<string, Hub>();
  const perIp = new Map<string, number>();
  let open = 0;

  const write = (s: Stream, chunk: string) => {
    if (s.res.writableLength > MAX_BUFFERED_BYTES) return void s.res.destroy();
    s.res.write(chunk);
  };
  const refreshStatus = (s: Stream) => {
    const live = ctx.realtime.connected();
    if (live === s.shown.live || s.opening) return;
    s.shown = { live };
    write(s, frame('status', JSON.stringify(s.shown)));
  };
  const everyStream = (fn: (s: Stream) => void) => {
    for (const hub of hubs.values()) for (const s of hub.streams) fn(s);
  };

  const deliver = (stageId: string, message: string) => {
    const hub = hubs.get(stageId);
    if (!hub) return;
    const chunk = frame('screen', message);
    for (const s of hub.streams) {
      if (s.opening) s.opening.missed = message;
      else write(s, chunk);
    }
  };

  const attach = (stageId: string, s: Stream) => {
    let hub = hubs.get(stageId);
    if (!hub) {
      const created: Hub = { streams: new Set(), unsubscribe: () => {} };
      created.unsubscribe = ctx.realtime.subscribe(stageChannel(stageId), (m) => deliver(stageId, m));
      hubs.set(stageId, created);
      hub = created;
    }
    hub.streams.add(s);
    open += 1;
    perIp.set(s.ip, (perIp.get(s.ip) ?? 0) + 1);
    return () => {
      const h = hubs.get(stageId);
      if (!h?.streams.delete(s)) return;
      open -= 1;
      const left = (perIp.get(s.ip) ?? 1) - 1;
      if (left > 0) perIp.set(s.ip, left);
      else perIp.delete(s.ip);
      if (h.streams.size === 0) {
        h.unsubscribe();
        hubs.delete(stageId);
      }
    };
  };

  /** The current screen to every stream of a stage on this node, read once. */
  const resend = async (stageId: string) => {
    try {
      const screen = await loadScreen(ctx.db, stageId, ctx.clock.now());
      if (screen) deliver(stageId, JSON.stringify(screen));
    } catch (err) {
      ctx.log.warn({ err, stageId }, 'stage stream: the screen could not be re-sent');
    }
  };
  const stopWatching = ctx.realtime.onConnectedChange((connected) => {
    everyStream(refreshStatus);
    // The changes other nodes made while Redis was away never came (they are dropped, not queued): back on it, every
    // screen gets the current one, so the hall recovers without a reload.
    if (connected) for (const stageId of hubs.keys()) void resend(stageId);
  });
  const heartbeat = setInterval(() => everyStream((s) => s.opening || write(s, ': ping\n\n')), STAGE_HEARTBEAT_MS);
  heartbeat.unref();
  // Before the server stops accepting: an open stream would otherwise keep close() waiting for ever.
  let closing = false;
  root.addHook('preClose', async () => {
    closing = true;
    clearInterval(heartbeat);
    stopWatching();
    // A stream still reading its first screen is not answered yet: it ends itself once it is (below).
    everyStream((s) => s.opening || s.res.end());
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
    { schema: { tags: ['stage'], params: ZParams, headers: ZStreamHeaders } },
    async (request, reply) => {
      const { stageId } = request.params;
      if (open >= MAX_STAGE_STREAMS || (perIp.get(request.ip) ?? 0) >= MAX_STAGE_STREAMS_PER_IP)
        throw new AppError('RATE_LIMITED');
      const s: Stream = { res: reply.raw, ip: request.ip, opening: { missed: null }, shown: { live: false } };
      // Listening before the first read: a change committed while the screen is read is not lost; the screen is then
      // read again, since the message may have been built before or after this read.
      const detach = attach(stageId, s);
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
      res.write(`retry: ${RETRY_MS}\n\n${frame('screen', screen)}${frame('status', JSON.stringify(s.shown))}`);
      if (missed) write(s, frame('screen', missed));
      // A caller gone while the screen was read closed before a listener could hear it: let go at once. A stream
      // opened while the server began to stop gets its screen and ends, so the stop does not wait for it.
      if (res.destroyed || request.raw.socket.destroyed || closing) {
        detach();
        return void res.end();
      }
      res.on('close', detach);
    },
  );
}
