import type { ServerResponse } from 'node:http';
import { code } from '@casearena/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import type { Realtime } from './realtime.ts';

/**
 * The Server-Sent Events plumbing every live page shares (the vote counts, the big screen): streams grouped per key
 * (a campaign, a stage) with one realtime subscription per key that has open streams on this node, limits in all and
 * per address, backpressure (a client reading too far behind is dropped: it reconnects and reloads, memory is not its
 * queue), comment heartbeats, and the streams ended before the server stops. What a message means and what a stream
 * is sent stays with the module: `deliver` gets each message of a key with that key's streams.
 */

/** Only a caller asking for an event stream gets one (EventSource always sends this header): a fetch expecting JSON or
 * the route fuzz gets a field error instead of a response that never ends. */
export const ZSseHeaders = z.looseObject({ accept: z.string().regex(/\btext\/event-stream\b/, code('INVALID')) });

/** A comment line this often keeps proxies and phones from closing an idle stream. */
export const SSE_HEARTBEAT_MS = 15_000;
/** A client that reads this far behind is dropped. */
const MAX_BUFFERED_BYTES = 256 * 1024;

export interface SseStream {
  res: ServerResponse;
  ip: string;
}

export const sseFrame = (event: string, data: string) => `event: ${event}\ndata: ${data}\n\n`;

export interface SseHubOptions<S extends SseStream> {
  realtime: Realtime;
  channelOf: (key: string) => string;
  /** A message published on the key's channel, with the key's open streams on this node. */
  deliver: (key: string, message: string, streams: ReadonlySet<S>) => void;
  maxStreams: number;
  maxStreamsPerIp: number;
  /** Whether a stream takes heartbeats and the stop's end now (false while its first answer is still being read). */
  ready?: (s: S) => boolean;
  /** Told when the realtime connectivity changes (a `status` event, a re-send after an outage). */
  onConnectedChange?: (connected: boolean) => void;
}

export interface SseHub<S extends SseStream> {
  /** Backpressure-checked write. */
  write(s: S, chunk: string): void;
  /** RATE_LIMITED when this node, or this address, has as many open streams as it takes. */
  admit(ip: string): void;
  /** Adds a stream to its key (subscribing the key's channel on the first); returns the detach function. */
  attach(key: string, s: S): () => void;
  /** Hands a message to the key's streams on this node as if it had come on the channel (a re-send). */
  deliver(key: string, message: string): void;
  forEach(fn: (s: S) => void): void;
  keys(): IterableIterator<string>;
  /** True once the server began to stop: a stream opened now gets its first answer and ends. */
  closing(): boolean;
}

/** One hub per route plugin: `root` is the plugin's Fastify instance (its preClose ends the streams). */
export function createSseHub<S extends SseStream>(root: FastifyInstance, options: SseHubOptions<S>): SseHub<S> {
  const groups = new Map<string, { streams: Set<S>; unsubscribe: () => void }>();
  const perIp = new Map<string, number>();
  const ready = options.ready ?? (() => true);
  let open = 0;
  let closing = false;

  const hub: SseHub<S> = {
    write(s, chunk) {
      if (s.res.writableLength > MAX_BUFFERED_BYTES) return void s.res.destroy();
      s.res.write(chunk);
    },
    admit(ip) {
      if (open >= options.maxStreams || (perIp.get(ip) ?? 0) >= options.maxStreamsPerIp) throw new AppError('RATE_LIMITED');
    },
    attach(key, s) {
      let group = groups.get(key);
      if (!group) {
        const created = { streams: new Set<S>(), unsubscribe: () => {} };
        created.unsubscribe = options.realtime.subscribe(options.channelOf(key), (m) => options.deliver(key, m, created.streams));
        groups.set(key, created);
        group = created;
      }
      group.streams.add(s);
      open += 1;
      perIp.set(s.ip, (perIp.get(s.ip) ?? 0) + 1);
      return () => {
        const g = groups.get(key);
        if (!g?.streams.delete(s)) return;
        open -= 1;
        const left = (perIp.get(s.ip) ?? 1) - 1;
        if (left > 0) perIp.set(s.ip, left);
        else perIp.delete(s.ip);
        if (g.streams.size === 0) {
          g.unsubscribe();
          groups.delete(key);
        }
      };
    },
    deliver(key, message) {
      const group = groups.get(key);
      if (group) options.deliver(key, message, group.streams);
    },
    forEach(fn) {
      for (const g of groups.values()) for (const s of g.streams) fn(s);
    },
    keys: () => groups.keys(),
    closing: () => closing,
  };

  const stopWatching = options.onConnectedChange ? options.realtime.onConnectedChange(options.onConnectedChange) : () => {};
  const heartbeat = setInterval(
    () =>
      hub.forEach((s) => {
        if (ready(s)) hub.write(s, ': ping\n\n');
      }),
    SSE_HEARTBEAT_MS,
  );
  heartbeat.unref();
  // Before the server stops accepting: an open stream would otherwise keep close() waiting for ever.
  root.addHook('preClose', async () => {
    closing = true;
    clearInterval(heartbeat);
    stopWatching();
    // A stream still reading its first answer is not answered yet: it ends itself once it is.
    hub.forEach((s) => {
      if (ready(s)) s.res.end();
    });
  });
  return hub;
}

/**
 * Takes the reply over as an event stream: the security headers the onRequest hook put on the reply (a hijacked reply
 * does not send them by itself), the stream's headers, then `retry` and the first events.
 */
export function startSse(reply: FastifyReply, retryMs: number, first: string): ServerResponse {
  reply.hijack();
  const res = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    // nginx and other proxies must pass each event on at once instead of buffering the response.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  res.socket?.setNoDelay(true);
  res.write(`retry: ${retryMs}\n\n${first}`);
  return res;
}
