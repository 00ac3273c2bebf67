// The big screens of bench/stage.ts, on a thread of their own so that reading 500 event streams does not take the
// server's event loop (a screen in the hall is not on the server either). Plain JavaScript, like vote-load-worker.mjs:
// a worker thread does not get tsx's loader.
//
// Each screen holds GET /api/stages/:id/stream open (Accept: text/event-stream, its own address through the trusted
// proxy) and reads every `screen` event. The first time a screen sees a judge's seat as `scored` on a finalist, that
// moment (epoch milliseconds, sub-millisecond resolution: the same clock as the driver's on the main thread) is kept
// per (stage, finalist, seat): how many screens have seen it and when the last of them did. A stream that ends is
// opened again (counted), as the web page's EventSource does.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, streams } = workerData;
const target = new URL(url);
const now = () => performance.timeOrigin + performance.now();

/** key -> { n: screens that have seen it, last: when the last of them did } */
const seen = new Map();
const counters = { events: 0, screens: 0, reconnects: 0, errors: 0, firstScreen: 0, bytes: 0 };
let closing = false;

function record(sub, screen) {
  const current = screen.current;
  if (!current) return;
  const t = now();
  for (const p of screen.progress ?? []) {
    if (p.status !== 'scored') continue;
    const key = `${sub.stageId}|${current.entryId}|${p.seat}`;
    if (sub.seen.has(key)) continue;
    sub.seen.add(key);
    const agg = seen.get(key);
    if (agg) {
      agg.n += 1;
      if (t > agg.last) agg.last = t;
    } else seen.set(key, { n: 1, last: t, first: t });
  }
}

function frame(sub, text) {
  let event = 'message';
  let data = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(5).replace(/^ /, '');
  }
  if (!data) return;
  counters.events += 1;
  if (event !== 'screen') return;
  counters.screens += 1;
  if (!sub.ready) {
    sub.ready = true;
    counters.firstScreen += 1;
  }
  record(sub, JSON.parse(data));
}

function open(sub) {
  const req = http.request({
    host: target.hostname,
    port: target.port,
    path: `/api/stages/${sub.stageId}/stream`,
    method: 'GET',
    agent: false,
    headers: { accept: 'text/event-stream', 'x-forwarded-for': sub.ip },
  });
  sub.req = req;
  req.on('response', (res) => {
    if (res.statusCode !== 200) {
      counters.errors += 1;
      res.resume();
      res.on('end', () => retry(sub));
      return;
    }
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk) => {
      counters.bytes += chunk.length;
      buffer += chunk;
      let at = buffer.indexOf('\n\n');
      while (at >= 0) {
        frame(sub, buffer.slice(0, at));
        buffer = buffer.slice(at + 2);
        at = buffer.indexOf('\n\n');
      }
    });
    res.on('end', () => retry(sub));
    res.on('error', () => retry(sub));
  });
  req.on('error', () => {
    counters.errors += 1;
    retry(sub);
  });
  req.end();
}

function retry(sub) {
  if (closing) return;
  counters.reconnects += 1;
  setTimeout(() => open(sub), 200);
}

const subs = streams.map((s) => ({ ...s, seen: new Set(), ready: false, req: null }));
const opened = now();
for (const sub of subs) open(sub);

// Ready once every screen has its first `screen` event.
const readyTimer = setInterval(() => {
  if (counters.firstScreen < subs.length) return;
  clearInterval(readyTimer);
  parentPort.postMessage({ type: 'ready', ms: now() - opened });
}, 20);

parentPort.on('message', (m) => {
  if (m.type !== 'collect') return;
  // Waits until every expected (stage, finalist, seat) has reached all of its stage's screens, or the deadline.
  const deadline = now() + m.timeoutMs;
  const done = () => m.expected.every(({ key, screens }) => (seen.get(key)?.n ?? 0) >= screens);
  const finish = () => {
    closing = true;
    for (const sub of subs) sub.req?.destroy();
    parentPort.postMessage({
      type: 'collected',
      seen: [...seen.entries()].map(([key, v]) => ({ key, n: v.n, first: v.first, last: v.last })),
      counters,
    });
  };
  const poll = setInterval(() => {
    if (!done() && now() < deadline) return;
    clearInterval(poll);
    finish();
  }, 20);
});
