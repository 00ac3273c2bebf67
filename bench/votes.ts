/**
 * Public voting under load (issue 9 item 8): `POST /api/entries/:entryId/votes` from many distinct signed-in voters
 * (BENCH_VOTERS, default 20,000 accounts with sessions, bulk-loaded) at 32 connections, each request a different
 * (voter, entry) pair of a published seed-000 call in its voting phase (the clock set to 10:00 Beijing time on its
 * second voting day and running) with a fresh idempotency key, through the whole stack (session cookie, CSRF,
 * guard, phase and rules, group commit, receipt). Against a bare Fastify route answering a same-sized receipt, in
 * the same run. Then duplicates: the pairs already counted sent again with fresh keys, each refused
 * ALREADY_VOTED_TODAY. PostgreSQL from DATABASE_URL (a fresh database on that server; REDIS_URL if set) and the
 * embedded PGlite (in a data directory, as the embedded server runs it), both in one run.
 * Goals: PostgreSQL >= 50% of the bare route's rate and >= 5,000 acknowledged votes/s, p99 <= 25 ms; PGlite >=
 * 2,000/s; duplicates refused at the same speed. A vote is acknowledged only when durable: synchronous_commit and
 * fsync stay as the server has them. After the run every acknowledged receipt is a row, none twice, and every
 * entry's count equals its rows. The load is generated on a thread of its own (lib/vote-load-worker.mjs). The last
 * line is one JSON object. Alone: `npm run bench -- votes`.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import * as voting from '../apps/server/src/modules/voting/index.ts';
import type { Clock } from '../apps/server/src/platform/clock/index.ts';
import { type Database, openDatabase } from '../apps/server/src/platform/db/client.ts';
import { loadVoteStorm, type VoteStorm } from '../apps/server/test/vote-storm.ts';
import { table } from './lib/load.ts';
import { percentile } from './lib/sql-probe.ts';

const GOALS = {
  postgresql: { perSec: 5000, ratio: 0.5, p99Ms: 25 },
  pglite: { perSec: 2000, ratio: 0, p99Ms: Number.POSITIVE_INFINITY },
} as const;
/** 10:00 Beijing time on 2022-03-17, the second day of seed 000's voting phase (2022-03-16 to 2022-03-20). */
const VOTING_AT = Date.parse('2022-03-17T02:00:00.000Z');

interface Phase {
  label: string;
  sent: number;
  next: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
  acked: Int32Array;
  voteIds: string[];
  latencies: Float64Array;
  seconds: number;
  errors: number;
  timeouts: number;
}

/** One load phase on the load thread: the storm's pairs from `first` on, or again those in `replay`. */
function drive(
  label: string,
  url: string,
  storm: VoteStorm,
  options: { seconds: number; connections: number; first?: number; replay?: Int32Array },
): Promise<Phase> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./lib/vote-load-worker.mjs', import.meta.url), {
      workerData: {
        url,
        seconds: options.seconds,
        connections: options.connections,
        cookies: storm.cookies,
        ips: storm.ips,
        csrf: storm.csrf,
        entryIds: storm.entryIds,
        first: options.first ?? 0,
        replay: options.replay ?? null,
        keyPrefix: `${label.replace(/\W+/g, '')}${randomBytes(3).toString('hex')}`,
      },
    });
    worker.once('message', (m: Omit<Phase, 'label'>) => {
      void worker.terminate();
      resolve({ label, ...m });
    });
    worker.once('error', reject);
  });
}

const ok = (p: Phase) => p.statuses['200'] ?? 0;
const rate = (n: number, p: Phase) => n / p.seconds;

function figures(p: Phase) {
  const sorted = Array.from(p.latencies).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** A fresh database on DATABASE_URL's server, dropped after the run; the pool as the server opens it. */
async function freshPostgres(url: string): Promise<Database> {
  const name = `ca_bench_votes_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function settings(database: Database) {
  if (database.kind !== 'postgresql') return 'PGlite in a data directory';
  const rows = (await database.db.execute(
    sql`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'server_version', 'max_connections')`,
  )) as unknown as { rows: Array<{ name: string; setting: string }> };
  return rows.rows.map((r) => `${r.name}=${r.setting}`).join(', ');
}

/** Every acknowledged vote a row, none twice, every count its rows (and the core's verify, when the door exports it). */
async function verify(database: Database, campaignId: string, ackedIds: string[]) {
  const { db } = database;
  const q = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const [rows] = await q<{ n: number; distinct_pairs: number }>(
    sql`select count(*)::int as n, count(distinct (entry_id, voter_id, day))::int as distinct_pairs from votes where campaign_id = ${campaignId}`,
  );
  const ids = new Set((await q<{ id: string }>(sql`select id from votes where campaign_id = ${campaignId}`)).map((r) => r.id));
  const missing = ackedIds.filter((id) => !ids.has(id)).length;
  const [counts] = await q<{ mismatched: number }>(sql`
    select count(*)::int as mismatched from (
      select entry_id, count(*) filter (where void_id is null) as votes,
             coalesce(sum(weight) filter (where void_id is null), 0) as weight
      from votes where campaign_id = ${campaignId} group by entry_id
    ) v full join (select entry_id, votes, weight from vote_counts where campaign_id = ${campaignId}) c using (entry_id)
    where coalesce(v.votes, 0) <> coalesce(c.votes, 0) or coalesce(v.weight, 0) <> coalesce(c.weight, 0)`);
  const door = voting as unknown as Record<string, unknown>;
  const verifyFn = (door.verifyVotes ?? door.verifyVoteCounts) as
    | ((db: Database['db'], campaignId: string) => Promise<{ ok?: boolean; mismatches?: unknown[] } | unknown[]>)
    | undefined;
  let core: string = 'not exported by voting/index.ts';
  if (verifyFn) {
    const result = await verifyFn(db, campaignId);
    const mismatches = Array.isArray(result) ? result : (result as { mismatches?: unknown[] }).mismatches;
    core = Array.isArray(mismatches)
      ? mismatches.length === 0
        ? 'passed'
        : `FAILED (${mismatches.length})`
      : JSON.stringify(result);
  }
  return {
    rows: rows?.n ?? 0,
    distinctPairs: rows?.distinct_pairs ?? 0,
    acked: ackedIds.length,
    ackedDistinct: new Set(ackedIds).size,
    missing,
    mismatchedCounts: counts?.mismatched ?? -1,
    core,
  };
}

async function runEngine(kind: 'postgresql' | 'pglite', options: { seconds: number; connections: number; voters: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-bench-votes-'));
  const database =
    kind === 'postgresql'
      ? await freshPostgres(process.env.DATABASE_URL as string)
      : await openDatabase({ dataDir: path.join(dataDir, 'data') });
  // The clock runs, shifted into the voting phase (castAt, batch windows and refusal dates all see real time passing).
  const offset = VOTING_AT - Date.now();
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const redisUrl = kind === 'postgresql' ? process.env.REDIS_URL : undefined;
  const app = await buildApp({
    database,
    clock,
    logger: false,
    serveWeb: false,
    outboxWorker: false,
    authRateLimit: 1_000_000,
    rateLimitNamespace: randomBytes(4).toString('hex'),
    // Voters come from many addresses (X-Forwarded-For, as behind the platform's reverse proxy): see vote-storm.ts.
    config: { dataDir: path.join(dataDir, 'files'), redisUrl, s3: undefined, trustedProxies: ['127.0.0.1'] },
  });
  const started = Date.now();
  const storm = await loadVoteStorm(app.ctx, { voters: options.voters, hospitals: 100 });
  const loadSeconds = (Date.now() - started) / 1000;
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  // One vote by hand: the receipt the bare route answers with, byte for byte the same size.
  const sample = await fetch(`${address}/api/entries/${storm.entryIds[0]}/votes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: storm.cookies[0] as string,
      'x-csrf-token': storm.csrf,
      'x-forwarded-for': storm.ips[0] as string,
    },
    body: JSON.stringify({ idempotencyKey: `sample-${randomBytes(4).toString('hex')}` }),
  });
  const sampleBody = await sample.text();
  if (sample.status !== 200) throw new Error(`the first vote was answered ${sample.status}: ${sampleBody}`);
  const receipt = JSON.parse(sampleBody) as { voteId: string };
  const bare = Fastify({ logger: false });
  bare.post('/api/entries/:entryId/votes', async () => receipt);
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

  const { seconds, connections } = options;
  // Storm index 0 is the sample's pair (voter 0, entry 0); the warm-up takes the next pairs, the measured run the
  // ones after, so no pair is sent twice until the duplicates phase.
  const warm = await drive('warm', address, storm, { seconds: 1, connections, first: 1 });
  const votes = await drive('votes', address, storm, { seconds, connections, first: warm.next });
  await drive('bare warm', bareAddress, storm, { seconds: 1, connections });
  const base = await drive('bare', bareAddress, storm, { seconds, connections });
  const dups = await drive('duplicates', address, storm, { seconds, connections, replay: votes.acked });
  await bare.close();
  const ackedIds = [receipt.voteId, ...warm.voteIds, ...votes.voteIds, ...dups.voteIds];
  const check = await verify(database, storm.campaignId, ackedIds);
  const db = await settings(database);
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const acked = ok(votes);
  const perSec = rate(acked, votes);
  const basePerSec = rate(ok(base), base);
  const refused = dups.codes.ALREADY_VOTED_TODAY ?? 0;
  const dupPerSec = rate(refused, dups);
  return {
    kind,
    db,
    redis: redisUrl ? 'Redis' : 'no Redis',
    loadSeconds,
    storm,
    votes,
    base,
    dups,
    check,
    perSec,
    basePerSec,
    ratio: perSec / basePerSec,
    dupPerSec,
    dupRatio: dupPerSec / perSec,
    f: figures(votes),
    fb: figures(base),
    fd: figures(dups),
  };
}

async function detectorFigures() {
  const door = voting as unknown as Record<string, unknown>;
  const simulate = door.simulateVoting as (() => unknown) | undefined;
  const measure = door.measureDetector as ((sim: unknown) => { ringRecall: number; honestFlagged: number }) | undefined;
  if (!simulate || !measure)
    return { ringRecall: null, honestFlagged: null, note: 'simulateVoting/measureDetector not exported by voting/index.ts' };
  const t0 = Date.now();
  const m = measure(simulate());
  return {
    ringRecall: m.ringRecall,
    honestFlagged: m.honestFlagged,
    note: `detector measured in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    m,
  };
}

export async function benchVotes(options: { seconds: number; connections: number; voters: number }) {
  const kinds: Array<'postgresql' | 'pglite'> = process.env.DATABASE_URL ? ['postgresql', 'pglite'] : ['pglite'];
  const runs = [];
  for (const kind of kinds) runs.push(await runEngine(kind, options));
  const detector = await detectorFigures();

  const ms = (n: number) => n.toFixed(1);
  const codes = (p: Phase) =>
    Object.entries({ ...p.codes, ...(p.errors ? { errors: p.errors } : {}), ...(p.timeouts ? { timeouts: p.timeouts } : {}) })
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '—';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  for (const r of runs) {
    const goal = GOALS[r.kind];
    const met = {
      rate: r.perSec >= goal.perSec,
      ratio: r.ratio >= goal.ratio,
      p99: r.f.p99 <= goal.p99Ms,
      dups: r.dupRatio >= 0.9,
    };
    console.log(
      `\nPOST /api/entries/:entryId/votes — ${r.kind} (${r.db}; ${r.redis}), ${r.storm.voterIds.length} voters with sessions, ` +
        `${r.storm.entryIds.length} passed entries, loaded in ${r.loadSeconds.toFixed(1)} s; ${options.seconds} s per phase, ` +
        `${options.connections} connections, load on its own thread`,
    );
    console.log(
      table(
        [
          { route: 'bare Fastify (same-sized receipt)', r: r.base, rate: r.basePerSec, f: r.fb, what: 'answers' },
          { route: 'full stack: new votes', r: r.votes, rate: r.perSec, f: r.f, what: 'acknowledged' },
          { route: 'full stack: duplicates', r: r.dups, rate: r.dupPerSec, f: r.fd, what: 'ALREADY_VOTED_TODAY' },
        ].map(({ route, r: p, rate: perSec, f, what }) => ({
          route,
          sent: p.sent,
          '/s': `${perSec.toFixed(0)} ${what}`,
          'p50 ms': ms(f.p50),
          'p95 ms': ms(f.p95),
          'p99 ms': ms(f.p99),
          other: route.startsWith('bare') ? '—' : codes(p),
        })),
      ),
    );
    console.log(
      `ratio votes/bare = ${(r.ratio * 100).toFixed(1)}%${goal.ratio ? ` (goal >= ${goal.ratio * 100}%) ${met.ratio ? 'MET' : 'NOT MET'}` : ''}; ` +
        `${r.perSec.toFixed(0)} votes/s (goal >= ${goal.perSec}) ${met.rate ? 'MET' : 'NOT MET'}; ` +
        (Number.isFinite(goal.p99Ms) ? `p99 ${ms(r.f.p99)} ms (goal <= ${goal.p99Ms}) ${met.p99 ? 'MET' : 'NOT MET'}; ` : '') +
        `duplicates refused at ${(r.dupRatio * 100).toFixed(0)}% of the votes' rate ${met.dups ? 'MET' : 'NOT MET'}`,
    );
    const c = r.check;
    const durable = c.missing === 0 && c.acked === c.ackedDistinct && c.rows === c.distinctPairs && c.mismatchedCounts === 0;
    console.log(
      `after the run: ${c.rows} vote rows for ${c.acked} acknowledged receipts (${c.missing} missing, ` +
        `${c.rows - c.ackedDistinct} committed but unanswered when the load stopped), ${c.distinctPairs} distinct ` +
        `(entry, voter, day), ${c.mismatchedCounts} counts differing from their rows; core verify: ${c.core} — ${durable ? 'OK' : 'FAILED'}`,
    );
  }
  console.log(
    `\ndetector on the simulated campaign: ringRecall ${detector.ringRecall ?? '—'}, honestFlagged ${detector.honestFlagged ?? '—'} (${detector.note})`,
  );
  console.log(`load average (1/5/15 min) at the end: ${load} (${os.cpus().length} CPUs); uptime: ${os.uptime().toFixed(0)} s`);

  const pgRun = runs.find((r) => r.kind === 'postgresql');
  const liteRun = runs.find((r) => r.kind === 'pglite');
  const round = (n: number | undefined, d = 1) => (n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d);
  console.log(
    JSON.stringify({
      bench: 'votes',
      pgPerSec: round(pgRun?.perSec, 0),
      pgRatio: round(pgRun?.ratio, 3),
      pgP99Ms: round(pgRun?.f.p99),
      pglitePerSec: round(liteRun?.perSec, 0),
      ringRecall: detector.ringRecall === null ? null : round(detector.ringRecall, 4),
      honestFlagged: detector.honestFlagged === null ? null : round(detector.honestFlagged, 4),
      pgP50Ms: round(pgRun?.f.p50),
      pgP95Ms: round(pgRun?.f.p95),
      pgBarePerSec: round(pgRun?.basePerSec, 0),
      pgDuplicatesPerSec: round(pgRun?.dupPerSec, 0),
      pgliteRatio: round(liteRun?.ratio, 3),
      pgliteP50Ms: round(liteRun?.f.p50),
      pgliteP95Ms: round(liteRun?.f.p95),
      pgliteP99Ms: round(liteRun?.f.p99),
      pgliteDuplicatesPerSec: round(liteRun?.dupPerSec, 0),
      verified: runs.every(
        (r) =>
          r.check.missing === 0 &&
          r.check.acked === r.check.ackedDistinct &&
          r.check.rows === r.check.distinctPairs &&
          r.check.mismatchedCounts === 0,
      ),
      voters: options.voters,
      connections: options.connections,
      seconds: options.seconds,
      loadavg: os.loadavg().map((l) => round(l, 2)),
    }),
  );
}
