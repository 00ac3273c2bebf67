// The load phases of bench/votes.ts: each on the load thread (vote-load-worker.mjs), with what the server spent on
// it (statements by kind, CPU of its thread and of PostgreSQL, optionally a CPU profile).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/platform/db/client.ts';
import type { VoteStorm } from '../../apps/server/test/vote-storm.ts';
import { percentile } from './sql-probe.ts';
import { countStatements } from './statement-count.ts';

export interface Phase {
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

/** The voters of a phase: cookies[from … from + size). */
export interface Pool {
  from: number;
  size: number;
}

/** One load phase on the load thread: the storm's pairs from `first` on, or again those in `replay`. */
export function drive(
  label: string,
  url: string,
  storm: VoteStorm,
  options: { seconds: number; connections: number; pool: Pool; first?: number; replay?: Int32Array; views?: boolean },
): Promise<Phase> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./vote-load-worker.mjs', import.meta.url), {
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
        views: options.views === true,
        pool: options.pool,
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

/**
 * BENCH_VOTE_PROFILE=<dir>: a CPU profile of the server's thread during the measured votes phase only (not the bulk
 * load), written as <dir>/votes-<engine>.cpuprofile for Chrome DevTools or speedscope.
 */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_VOTE_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/**
 * CPU spent while a phase runs, independent of how busy the shared machine is: the server's main thread (its own
 * utime + stime from /proc/self/task/<pid>: the load thread and PGlite's thread are not in it, and neither is time
 * it waited for a core, which the event loop's active time would count) and, when PostgreSQL runs on this machine,
 * every process of its cluster (utime + stime from /proc, 100 ticks a second).
 */
export async function cpuMeter(database: Database) {
  let pids: number[] = [];
  if (database.kind === 'postgresql') {
    const rows = (await database.db.execute(sql`select pid from pg_stat_activity`)) as unknown as {
      rows: Array<{ pid: number }>;
    };
    pids = rows.rows.map((r) => Number(r.pid));
  }
  const ticksOf = (file: string): number | null => {
    try {
      const fields = fs.readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null; // not on this machine, or gone
    }
  };
  const ticks = () => {
    let sum = 0;
    let seen = 0;
    for (const pid of pids) {
      const t = ticksOf(`/proc/${pid}/stat`);
      if (t === null) continue;
      sum += t;
      seen += 1;
    }
    return seen > 0 ? sum : null;
  };
  const mainTicks = () => ticksOf(`/proc/self/task/${process.pid}/stat`);
  const elu = performance.eventLoopUtilization();
  const m0 = mainTicks();
  const t0 = ticks();
  return () => {
    const t1 = ticks();
    const m1 = mainTicks();
    return {
      mainMs: m0 === null || m1 === null ? performance.eventLoopUtilization(elu).active : (m1 - m0) * 10,
      postgresMs: t0 === null || t1 === null ? null : (t1 - t0) * 10,
    };
  };
}

/** A phase with the statements the server sent meanwhile (and the CPU profile of the headline phase, if asked). */
export async function measured(database: Database, label: string, run: () => Promise<Phase>, profileAs?: string) {
  const counter = countStatements();
  const meter = await cpuMeter(database);
  const phase = profileAs ? await profiled(`${label}-${profileAs}`, run) : await run();
  return { phase, cpu: meter(), statements: counter.stop() };
}

export const ok = (p: Phase) => p.statuses['200'] ?? 0;
export const rate = (n: number, p: Phase) => n / p.seconds;

export function figures(p: Phase) {
  const sorted = Array.from(p.latencies).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
