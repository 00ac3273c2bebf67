/**
 * `npm run bench`: every benchmark, bounded in time, traffic only on loopback. Prints figures and ratios;
 * nothing here asserts on timing except the stated goals, which are reported as MET / NOT MET.
 * `npm run bench -- entries-listing` (names as below, several allowed) runs only those.
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 20) tune the load; DATABASE_URL selects PostgreSQL.
 */
import { benchApiMe } from './api-me.ts';
import { benchArchiveGuard } from './archive-guard.ts';
import { benchAwards } from './awards.ts';
import { benchEntriesListing } from './entries-listing.ts';
import { benchJudging } from './judging.ts';
import { benchOrgSearch } from './org-search.ts';
import { benchPgliteEventLoop } from './pglite-event-loop.ts';
import { benchStage } from './stage.ts';
import { benchVotes } from './votes.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const benches: Record<string, () => Promise<unknown>> = {
  'pglite-event-loop': () => benchPgliteEventLoop(),
  'api-me': () => benchApiMe({ seconds, connections }),
  'org-search': () => benchOrgSearch({ seconds, connections, count: Number(process.env.BENCH_ORGS ?? 100_000) }),
  'entries-listing': () => benchEntriesListing({ seconds, connections, count: Number(process.env.BENCH_ENTRIES ?? 100_000) }),
  'archive-guard': () => benchArchiveGuard(),
  judging: () => benchJudging(),
  // Issue 9 item 8: 32 connections as the issue states, whatever BENCH_CONNECTIONS says for the others.
  votes: () =>
    benchVotes({
      seconds,
      connections: Number(process.env.BENCH_VOTE_CONNECTIONS ?? 32),
      voters: Number(process.env.BENCH_VOTERS ?? 20_000),
    }),
  // Issue 11 item 7: 10 stages, 15 judges each, 500 screens (BENCH_STAGES, BENCH_STAGE_JUDGES, BENCH_STAGE_SCREENS).
  stage: () => benchStage(),
  // Issue 12 item 7: compute + freeze at 100,000 entries (BENCH_AWARD_ENTRIES), 10,000 certificates (BENCH_CERTIFICATES).
  awards: () => benchAwards(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
