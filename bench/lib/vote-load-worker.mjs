// The load generator of bench/votes.ts, on a thread of its own so that building requests and reading answers does
// not take the server's event loop (a real voter's phone is not on the server either). Plain JavaScript, like
// platform/db/pglite-thread/worker.mjs: a worker thread does not get tsx's loader.
//
// Each request is the next (voter, entry) pair of the storm with a fresh idempotency key; in replay mode the pairs
// are taken, in turn, from those the server already acknowledged (duplicates: a vote already counted today). Every
// answer's latency and status are kept; a 200's receipt id and a refusal's error code are read from the body.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, seconds, connections, cookies, ips, csrf, entryIds, first, replay, keyPrefix, views, pool } = workerData;
// The phase's voters: cookies[pool.from … pool.from + pool.size).
const V = pool.size;
const E = entryIds.length;
const target = new URL(url);

// Same formula as stormPair in apps/server/test/vote-storm.ts, over the pool: distinct pairs for i < V*E when
// gcd(V+1, E) = 1.
const pair = (i) => {
  const voter = i % V;
  return { voter: pool.from + voter, entry: (Math.floor(i / V) * (V + 1) + voter) % E };
};

let next = first;
let replayAt = 0;
let sent = 0;
const latencies = [];
const statuses = {};
const codes = {};
const acked = []; // storm indices whose vote was acknowledged (200 with a receipt)
const voteIds = [];

// Page views (views: true): each voter once opens the page the web app starts with (GET /api/auth/me), as a voter
// does before pressing the button: the session is then known to the node (the identity cache) when the vote comes.
const view = {
  method: 'GET',
  setupRequest(req) {
    const voter = pool.from + (next++ % V);
    sent += 1;
    return { ...req, path: '/api/auth/me', headers: { cookie: cookies[voter], 'x-forwarded-for': ips[voter] } };
  },
};

const instance = autocannon(
  {
    url: target.origin,
    connections,
    ...(views ? { amount: V } : { duration: seconds }),
    requests: views
      ? [view]
      : [
          {
            method: 'POST',
            setupRequest(req, context) {
              const i = replay ? replay[replayAt++ % replay.length] : next++;
              const { voter, entry } = pair(i);
              context.i = i;
              sent += 1;
              return {
                ...req,
                path: `${target.pathname.replace(/\/$/, '')}/api/entries/${entryIds[entry]}/votes`,
                headers: {
                  'content-type': 'application/json',
                  cookie: cookies[voter],
                  'x-csrf-token': csrf,
                  'x-forwarded-for': ips[voter],
                },
                body: `{"idempotencyKey":"${keyPrefix}-${sent}-${i}"}`,
              };
            },
            onResponse(status, body, context) {
              if (status === 200) {
                const at = body.indexOf('"voteId":"');
                if (at >= 0) {
                  voteIds.push(body.slice(at + 10, at + 46));
                  acked.push(context.i);
                }
                return;
              }
              const m = /"code":"([A-Z_]+)"/.exec(body);
              const code = m ? m[1] : `HTTP ${status}`;
              codes[code] = (codes[code] ?? 0) + 1;
            },
          },
        ],
  },
  (err, result) => {
    if (err) throw err;
    parentPort.postMessage({
      sent,
      next,
      statuses,
      codes,
      acked: Int32Array.from(acked),
      voteIds,
      latencies: Float64Array.from(latencies),
      seconds: (result.finish - result.start) / 1000,
      errors: result.errors,
      timeouts: result.timeouts,
    });
  },
);
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
