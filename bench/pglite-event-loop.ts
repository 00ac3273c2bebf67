/**
 * Why PGlite runs on a worker thread: the same heavy query in process and on the thread, with the main event
 * loop's worst delay while it runs (what every other request waits), and the per-query cost of the thread hop.
 */
import { PGlite } from '@electric-sql/pglite';
import { PgliteThread } from '../apps/server/src/platform/db/pglite-thread/client.ts';
import { table } from './lib/load.ts';

const HEAVY = 'select count(*) from generate_series(1, 2000000) a, generate_series(1, 2) b';

interface Client {
  query(sql: string): Promise<unknown>;
}

async function measure(label: string, db: Client) {
  await db.query('select 1');
  // A 5 ms timer stands for every other request: its worst gap is how long they would have waited.
  let last = performance.now();
  let worstGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  await db.query(HEAVY);
  const heavyMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  const n = 2000;
  const t1 = performance.now();
  for (let i = 0; i < n; i += 1) await db.query('select 1');
  const opsPerSec = n / ((performance.now() - t1) / 1000);
  return {
    client: label,
    'heavy query ms': heavyMs.toFixed(0),
    'worst event-loop gap ms': worstGap.toFixed(0),
    'select 1 ops/s': opsPerSec.toFixed(0),
  };
}

export async function benchPgliteEventLoop() {
  const inProcess = await PGlite.create();
  const threaded = await PgliteThread.open('memory://');
  const rows = [await measure('PGlite in process', inProcess), await measure('PGlite on a worker thread', threaded)];
  await inProcess.close();
  await threaded.close();
  console.log('\nPGlite: event loop during a heavy query');
  console.log(table(rows));
}
