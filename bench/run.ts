/**
 * `npm run bench`: every benchmark, bounded in time, traffic only on loopback. Prints figures and ratios;
 * nothing here asserts on timing except the stated goals, which are reported as MET / NOT MET.
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 20) tune the load; DATABASE_URL selects PostgreSQL.
 */
import { benchApiMe } from './api-me.ts';
import { benchEntriesListing } from './entries-listing.ts';
import { benchOrgSearch } from './org-search.ts';
import { benchPgliteEventLoop } from './pglite-event-loop.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

await benchPgliteEventLoop();
await benchApiMe({ seconds, connections });
await benchOrgSearch({ seconds, connections, count: Number(process.env.BENCH_ORGS ?? 100_000) });
await benchEntriesListing({ seconds, connections, count: Number(process.env.BENCH_ENTRIES ?? 100_000) });
