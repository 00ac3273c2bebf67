/**
 * Only the public entry listing benchmark: `npx tsx bench/entries-only.ts` (DATABASE_URL selects PostgreSQL;
 * BENCH_ENTRIES, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_EXPLAIN=1 as in run.ts).
 */
import { benchEntriesListing } from './entries-listing.ts';

await benchEntriesListing({
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 20),
  count: Number(process.env.BENCH_ENTRIES ?? 100_000),
});
