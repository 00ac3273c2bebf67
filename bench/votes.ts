/**
 * Public voting under load (issue 9 item 8): `POST /api/entries/:entryId/votes` from many distinct signed-in voters
 * (BENCH_VOTERS, default 20,000 accounts with sessions, bulk-loaded, each with a device cookie and an address of its
 * own sent through the trusted proxy) at 32 connections, each request a different (voter, entry) pair of a published
 * seed-000 call in its voting phase (the clock set to 10:00 Beijing time on its second voting day and running) with a
 * fresh idempotency key, through the whole stack (session cookie, CSRF, guard, phase and rules, group commit,
 * receipt). Phases, each on the load thread (lib/vote-load-worker.mjs) so the load is not generated on the server's:
 * - votes from sessions new to the node (each voter's first request here: the auth hook reads session and user);
 * - the headline: a pool of 5,000 voters opens the page (GET /api/auth/me, as the web app does on load), then votes;
 * - duplicates: the pairs just counted sent again with fresh keys, each refused ALREADY_VOTED_TODAY;
 * - a bare Fastify route answering a same-sized receipt, in the same run.
 * PostgreSQL from DATABASE_URL (a fresh database on that server; REDIS_URL if set) and the embedded PGlite (in a data
 * directory, as the embedded server runs it), both in one run (BENCH_VOTE_ENGINES=postgresql or pglite: one).
 * Goals: PostgreSQL >= 50% of the bare route's rate and >= 5,000 acknowledged votes/s, p99 <= 25 ms; PGlite >=
 * 2,000/s; duplicates refused at the same speed. A vote is acknowledged only when durable: synchronous_commit and
 * fsync stay as the server has them. Where the time goes, without a profiler: the statements per request by kind
 * with their time on the connection, and the CPU per request of the server's thread and of PostgreSQL (when it runs
 * on this machine); BENCH_VOTE_PROFILE=<dir> writes a CPU profile of the headline phase. After the run every
 * acknowledged receipt is a row, none twice, every count equals its rows (and verifyVotes agrees). BENCH_VOTE_HOSPITALS
 * (default 100, 10 themes each) sets the number of passed entries. The last line is one JSON object.
 * Alone: `npm run bench -- votes`.
 */

import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { measureDetector, simulateVoting, verifyVotes } from '../apps/server/src/modules/voting/index.ts';
import type { Clock } from '../apps/server/src/platform/clock/index.ts';
import type { Database } from '../apps/server/src/platform/db/client.ts';
import { loadVoteStorm } from '../apps/server/test/vote-storm.ts';
import { benchApp } from './lib/bench-app.ts';
import { table } from './lib/load.ts';
import type { StatementCounts } from './lib/statement-count.ts';
import { cpuMeter, drive, figures, measured, ok, type Phase, type Pool, rate } from './lib/vote-phases.ts';

const GOALS = {
  postgresql: { perSec: 5000, ratio: 0.5, p99Ms: 25 },
  pglite: { perSec: 2000, ratio: 0, p99Ms: Number.POSITIVE_INFINITY },
} as const;
/** 10:00 Beijing time on 2022-03-17, the second day of seed 000's voting phase (2022-03-16 to 2022-03-20). */
const VOTING_AT = Date.parse('2022-03-17T02:00:00.000Z');
const coldSeconds = 3;

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
  const core = await verifyVotes(db, campaignId);
  return {
    rows: rows?.n ?? 0,
    distinctPairs: rows?.distinct_pairs ?? 0,
    acked: ackedIds.length,
    ackedDistinct: new Set(ackedIds).size,
    missing,
    mismatchedCounts: counts?.mismatched ?? -1,
    core:
      core.differences.length === 0
        ? `passed (${core.votes} votes, ${core.entries} entries)`
        : `FAILED (${core.differences.length} entries differ)`,
    coreDifferences: core.differences.length,
  };
}

const passed = (c: Awaited<ReturnType<typeof verify>>) =>
  c.missing === 0 &&
  c.acked === c.ackedDistinct &&
  c.rows === c.distinctPairs &&
  c.mismatchedCounts === 0 &&
  c.coreDifferences === 0;

async function runEngine(kind: 'postgresql' | 'pglite', options: { seconds: number; connections: number; voters: number }) {
  // The clock runs, shifted into the voting phase (castAt, batch windows and refusal dates all see real time passing).
  const offset = VOTING_AT - Date.now();
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  // Voters come from many addresses (X-Forwarded-For, as behind the platform's reverse proxy): see vote-storm.ts.
  const server = await benchApp('votes', { kind, clock });
  const { app, database } = server;
  const started = Date.now();
  // 100 hospitals × 10 themes = 1,000 passed entries (BENCH_VOTE_HOSPITALS); gcd(voters + 1, entries) must be 1.
  const storm = await loadVoteStorm(app.ctx, {
    voters: options.voters,
    hospitals: Number(process.env.BENCH_VOTE_HOSPITALS ?? 100),
  });
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
  // Two pools of voters, so that one phase's page views are fresh when its votes come (the identity cache keeps a
  // session 15 s): three quarters who have not been seen by the node (their first request here reads session and
  // user), a quarter who open the page first. Each phase takes the pairs after the previous one's in its pool, so no
  // pair is sent twice until the duplicates phase; index 0 of the first pool is the sample's pair (voter 0, entry 0).
  const fresh: Pool = { from: 0, size: Math.floor((options.voters * 3) / 4) };
  const viewed: Pool = { from: fresh.size, size: options.voters - fresh.size };
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (const pool of [fresh, viewed]) {
    if (gcd(pool.size + 1, storm.entryIds.length) !== 1) {
      throw new Error(`BENCH_VOTERS: a pool of ${pool.size} voters repeats pairs over ${storm.entryIds.length} entries`);
    }
  }
  const warm = await drive('warm', address, storm, { seconds: 1, connections, pool: fresh, first: 1 });
  const cold = await measured(database, 'cold', () =>
    drive('cold', address, storm, { seconds: coldSeconds, connections, pool: fresh, first: warm.next }),
  );
  // The headline: every voter of the pool opens the page (GET /api/auth/me, as the web app does on load), then votes.
  const views = await drive('views', address, storm, { seconds: 0, connections, pool: viewed, views: true });
  const votes = await measured(
    database,
    'votes',
    () => drive('votes', address, storm, { seconds, connections, pool: viewed }),
    kind,
  );
  // Duplicates at once, while those voters' sessions are still known: the pairs just counted, again, fresh keys.
  const dups = await measured(database, 'duplicates', () =>
    drive('duplicates', address, storm, { seconds, connections, pool: viewed, replay: votes.phase.acked }),
  );
  await drive('bare warm', bareAddress, storm, { seconds: 1, connections, pool: viewed });
  const baseMeter = await cpuMeter(database);
  const base = await drive('bare', bareAddress, storm, { seconds, connections, pool: viewed });
  const baseCpu = baseMeter();
  await bare.close();
  const ackedIds = [receipt.voteId, ...warm.voteIds, ...cold.phase.voteIds, ...votes.phase.voteIds, ...dups.phase.voteIds];
  const check = await verify(database, storm.campaignId, ackedIds);
  const db = await settings(database);
  await server.close();

  const perSec = rate(ok(votes.phase), votes.phase);
  const basePerSec = rate(ok(base), base);
  const dupPerSec = rate(dups.phase.codes.ALREADY_VOTED_TODAY ?? 0, dups.phase);
  const coldPerSec = rate(ok(cold.phase), cold.phase);
  return {
    kind,
    db,
    redis: server.redis ? 'Redis' : 'no Redis',
    loadSeconds,
    storm,
    cold,
    views,
    votes,
    base,
    dups,
    baseCpu,
    check,
    perSec,
    coldPerSec,
    basePerSec,
    ratio: perSec / basePerSec,
    coldRatio: coldPerSec / basePerSec,
    dupPerSec,
    dupRatio: dupPerSec / perSec,
    f: figures(votes.phase),
    fc: figures(cold.phase),
    fb: figures(base),
    fd: figures(dups.phase),
  };
}

/** The brushing detector on the seeded simulation (honest voters and planted rings of four shapes): issue 9 item 5. */
function detectorFigures() {
  const t0 = Date.now();
  const m = measureDetector(simulateVoting());
  const shapes = Object.entries(m.recallByShape)
    .map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`)
    .join(', ');
  return {
    ringRecall: m.ringRecall,
    honestFlagged: m.honestFlagged,
    note: `${m.flags} flags; recall by ring shape: ${shapes}; measured in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  };
}

export async function benchVotes(options: { seconds: number; connections: number; voters: number }) {
  const all: Array<'postgresql' | 'pglite'> = process.env.DATABASE_URL ? ['postgresql', 'pglite'] : ['pglite'];
  // BENCH_VOTE_ENGINES=postgresql (or pglite) runs one engine only, when looking into one.
  const only = process.env.BENCH_VOTE_ENGINES?.split(',');
  const kinds = all.filter((k) => !only || only.includes(k));
  const runs = [];
  for (const kind of kinds) runs.push(await runEngine(kind, options));
  const detector = detectorFigures();

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
    const perRequest = (m: { phase: Phase; statements: StatementCounts }) => {
      const n = Math.max(1, m.phase.latencies.length);
      const sum = [...m.statements.values()].reduce((x, y) => x + y.n, 0);
      const each = [...m.statements]
        .sort((x, y) => y[1].n - x[1].n)
        .map(([k, v]) => `${k} ${(v.n / n).toFixed(2)} (${(v.ms / Math.max(1, v.n)).toFixed(1)} ms)`)
        .join(', ');
      return { sum: (sum / n).toFixed(2), each };
    };
    const cpuOf = (cpu: { mainMs: number; postgresMs: number | null }, p: Phase) => {
      const n = Math.max(1, p.latencies.length);
      return `${(cpu.mainMs / n).toFixed(3)}${cpu.postgresMs === null ? '' : ` + ${(cpu.postgresMs / n).toFixed(3)}`}`;
    };
    const rows = [
      {
        route: 'bare Fastify (same-sized receipt)',
        p: r.base,
        perSec: r.basePerSec,
        f: r.fb,
        what: 'answers',
        m: null,
        cpu: r.baseCpu,
      },
      {
        route: 'votes, page opened first',
        p: r.votes.phase,
        perSec: r.perSec,
        f: r.f,
        what: 'acknowledged',
        m: r.votes,
        cpu: r.votes.cpu,
      },
      {
        route: 'votes, session new to the node',
        p: r.cold.phase,
        perSec: r.coldPerSec,
        f: r.fc,
        what: 'acknowledged',
        m: r.cold,
        cpu: r.cold.cpu,
      },
      {
        route: 'duplicates (already counted today)',
        p: r.dups.phase,
        perSec: r.dupPerSec,
        f: r.fd,
        what: 'ALREADY_VOTED_TODAY',
        m: r.dups,
        cpu: r.dups.cpu,
      },
    ];
    console.log(
      table(
        rows.map(({ route, p, perSec, f, what, m, cpu }) => ({
          route,
          s: p.seconds.toFixed(1),
          sent: p.sent,
          '/s': `${perSec.toFixed(0)} ${what}`,
          'vs bare': m ? `${((perSec / r.basePerSec) * 100).toFixed(1)}%` : '—',
          'p50 ms': ms(f.p50),
          'p95 ms': ms(f.p95),
          'p99 ms': ms(f.p99),
          'statements/request': m ? perRequest(m).sum : '—',
          [`CPU ms/request (server thread${r.kind === 'postgresql' ? ' + PostgreSQL' : ''})`]: cpuOf(cpu, p),
          other: m ? codes(p) : '—',
        })),
      ),
    );
    console.log(
      `page views before the votes: ${r.views.sent} GET /api/auth/me in ${r.views.seconds.toFixed(1)} s ` +
        `(${(r.views.sent / r.views.seconds).toFixed(0)}/s)`,
    );
    console.log(
      `ratio votes/bare = ${(r.ratio * 100).toFixed(1)}%${goal.ratio ? ` (goal >= ${goal.ratio * 100}%) ${met.ratio ? 'MET' : 'NOT MET'}` : ''}; ` +
        `${r.perSec.toFixed(0)} votes/s (goal >= ${goal.perSec}) ${met.rate ? 'MET' : 'NOT MET'}; ` +
        (Number.isFinite(goal.p99Ms) ? `p99 ${ms(r.f.p99)} ms (goal <= ${goal.p99Ms}) ${met.p99 ? 'MET' : 'NOT MET'}; ` : '') +
        `duplicates refused at ${(r.dupRatio * 100).toFixed(0)}% of the votes' rate ${met.dups ? 'MET' : 'NOT MET'}`,
    );
    for (const { route, m } of rows) {
      if (m)
        console.log(
          `statements per answered request (mean time on the connection; pool checkout: the wait for one), ${route}: ${perRequest(m).each}`,
        );
    }
    const c = r.check;
    const durable = passed(c);
    console.log(
      `after the run: ${c.rows} vote rows for ${c.acked} acknowledged receipts (${c.missing} missing, ` +
        `${c.rows - c.ackedDistinct} committed but unanswered when the load stopped), ${c.distinctPairs} distinct ` +
        `(entry, voter, day), ${c.mismatchedCounts} counts differing from their rows; core verify: ${c.core} — ${durable ? 'OK' : 'FAILED'}`,
    );
  }
  console.log(
    `\ndetector on the simulated campaign: ringRecall ${(detector.ringRecall * 100).toFixed(2)}% (goal >= 95%) ` +
      `${detector.ringRecall >= 0.95 ? 'MET' : 'NOT MET'}, honestFlagged ${(detector.honestFlagged * 100).toFixed(2)}% ` +
      `(goal <= 1%) ${detector.honestFlagged <= 0.01 ? 'MET' : 'NOT MET'} (${detector.note})`,
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
      ringRecall: round(detector.ringRecall, 4),
      honestFlagged: round(detector.honestFlagged, 4),
      pgP50Ms: round(pgRun?.f.p50),
      pgP95Ms: round(pgRun?.f.p95),
      pgBarePerSec: round(pgRun?.basePerSec, 0),
      pgDuplicatesPerSec: round(pgRun?.dupPerSec, 0),
      pgColdPerSec: round(pgRun?.coldPerSec, 0),
      pgColdRatio: round(pgRun?.coldRatio, 3),
      pgColdP99Ms: round(pgRun?.fc.p99),
      pgliteRatio: round(liteRun?.ratio, 3),
      pgliteP50Ms: round(liteRun?.f.p50),
      pgliteP95Ms: round(liteRun?.f.p95),
      pgliteP99Ms: round(liteRun?.f.p99),
      pgliteDuplicatesPerSec: round(liteRun?.dupPerSec, 0),
      pgliteColdPerSec: round(liteRun?.coldPerSec, 0),
      verified: runs.every((r) => passed(r.check)),
      voters: options.voters,
      connections: options.connections,
      seconds: options.seconds,
      loadavg: os.loadavg().map((l) => round(l, 2)),
    }),
  );
}
