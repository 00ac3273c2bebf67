/**
 * Organization search at registry scale (issue 2: "Chinese substring search that stays fast at 100k
 * organizations"). Generates BENCH_ORGS (default 100,000) realistic hospital names across all counties, then
 * measures the public search endpoint for two-character, longer, alias and one-character queries: server time
 * percentiles (inject, no network) and throughput over loopback.
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { organizations } from '../apps/server/src/db/schema.ts';
import { nationalRegions, searchGrams, searchText } from '../apps/server/src/modules/orgs/index.ts';
import { openTestDatabase } from '../apps/server/test/db.ts';
import { load, table } from './lib/load.ts';

const SUFFIXES = [
  '人民医院',
  '中医医院',
  '妇幼保健院',
  '第一人民医院',
  '第二人民医院',
  '中心医院',
  '骨科医院',
  '儿童医院',
  '肿瘤医院',
  '口腔医院',
];

function* generate(count: number) {
  const counties = nationalRegions().filter((r) => r.level === 'county');
  for (let i = 0; i < count; i += 1) {
    const region = counties[i % counties.length];
    if (!region) continue;
    const suffix = SUFFIXES[Math.floor(i / counties.length) % SUFFIXES.length] ?? '医院';
    const round = Math.floor(i / (counties.length * SUFFIXES.length));
    const name = `${region.name}${round > 0 ? `第${round + 2}` : ''}${suffix}`;
    const aliases = i % 7 === 0 ? [`${region.name.slice(0, 2)}${suffix.slice(0, 2)}`] : [];
    yield { name, aliases, regionCode: region.code };
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function benchOrgSearch(options: { seconds: number; connections: number; count: number }) {
  // A throwaway database (PGlite in memory, or a new PostgreSQL database dropped afterwards).
  const database = await openTestDatabase();
  const app = await buildApp({ database, logger: false, serveWeb: false, config: { dataDir: '/tmp/casearena-bench' } });
  const now = new Date();
  const started = Date.now();
  const seen = new Set<string>();
  let batch: Array<typeof organizations.$inferInsert> = [];
  const flush = async () => {
    if (batch.length > 0) await database.db.insert(organizations).values(batch).onConflictDoNothing();
    batch = [];
  };
  for (const o of generate(options.count)) {
    const name = `${o.name}(bench)`;
    if (seen.has(name)) continue;
    seen.add(name);
    const names = [name, ...o.aliases];
    batch.push({
      name,
      aliases: o.aliases,
      kind: 'general_hospital',
      regionCode: o.regionCode,
      searchText: searchText(names),
      searchGrams: searchGrams(names),
      createdAt: now,
      updatedAt: now,
    });
    if (batch.length === 1000) await flush();
  }
  await flush();
  await database.db.execute(sql`analyze organizations`);
  const loadSeconds = (Date.now() - started) / 1000;

  const queries = ['禹州', '许昌市中心', '人民医院', '州', '东城区儿童医院', '不存在的医院名'];
  const rows: Array<Record<string, string | number>> = [];
  for (const q of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 60; i += 1) {
      const t0 = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: `/api/orgs?q=${encodeURIComponent(q)}&pageSize=20` });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      total = res.json().total;
    }
    times.sort((a, b) => a - b);
    rows.push({
      query: q,
      matches: total,
      'p50 ms': percentile(times, 50).toFixed(2),
      'p95 ms': percentile(times, 95).toFixed(2),
    });
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const throughput = await load(`${address}/api/orgs?q=${encodeURIComponent('禹州')}`, {
    seconds: options.seconds,
    connections: options.connections,
  });
  await app.close();
  await database.close();

  console.log(`\nOrganization search, ${seen.size} organizations (${database.kind}; loaded in ${loadSeconds.toFixed(1)} s)`);
  console.log(table(rows));
  console.log(`throughput "禹州": ${throughput.requestsPerSec.toFixed(0)} req/s, p99 ${throughput.p99} ms over loopback`);
}
