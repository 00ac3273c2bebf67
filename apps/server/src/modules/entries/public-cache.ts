/**
 * Public theme pages are read far more than they change (passed entries change only when a screener passes one),
 * and at voting time many people open the same page at once. Answers are kept per page for a few seconds, per
 * process; any status change of an entry into or out of `passed` on this node drops its campaign's pages at once,
 * and another node's change shows within `TTL_MS`. Bounded in size.
 *
 * An answer's age is elapsed time on the process's monotonic timer (performance.now(), as voting's vote-facts.ts
 * keeps its facts), never a date: no business rule reads it, and neither a test's fixed clock nor a wall-clock
 * jump may keep an answer forever or drop it early. Dates come from ctx.clock.
 */

let TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

const pages = new Map<string, { at: number; generation: number; value: unknown }>();
const generations = new Map<string, number>();

export function invalidatePublicEntries(campaignId: string): void {
  generations.set(campaignId, (generations.get(campaignId) ?? 0) + 1);
}

/** The campaign's generation: anything kept under an older one is outdated (also public-term-index.ts). */
export function publicGeneration(campaignId: string): number {
  return generations.get(campaignId) ?? 0;
}

export async function cachedPublicPage<T>(campaignId: string, key: string, load: () => Promise<T>): Promise<T> {
  const now = performance.now();
  const generation = generations.get(campaignId) ?? 0;
  const full = `${campaignId}|${key}`;
  const hit = pages.get(full);
  if (hit && hit.generation === generation && now - hit.at < TTL_MS) return hit.value as T;
  const value = await load();
  if (pages.size >= MAX_ENTRIES) pages.clear();
  pages.set(full, { at: now, generation, value });
  return value;
}

/** For benchmarks that measure the database path: 0 turns the cache off. */
export function setPublicCacheTtl(ms: number): void {
  TTL_MS = ms;
  pages.clear();
}

/**
 * How many entries a listing or a search matches, kept longer than pages: the count of a common term costs more
 * than its page (public-entries.ts), it is the same for every page of one search, and a count a little behind on
 * another node only moves the pager. Dropped together with the campaign's pages.
 */
export interface PublicCount {
  total: number;
  capped: boolean;
}
let COUNT_TTL_MS = 30_000;
const counts = new Map<string, { at: number; generation: number; value: PublicCount }>();

/**
 * The count, when known, and `remember` to store one counted now. The generation is read before the caller
 * queries, so a count that raced with an entry passing is stored under the old generation and never served.
 */
export function publicCount(campaignId: string, key: string) {
  const full = `${campaignId}|${key}`;
  const generation = generations.get(campaignId) ?? 0;
  const hit = counts.get(full);
  const known = hit && hit.generation === generation && performance.now() - hit.at < COUNT_TTL_MS ? hit.value : undefined;
  const remember = (value: PublicCount) => {
    if (COUNT_TTL_MS === 0) return;
    if (counts.size >= MAX_ENTRIES) counts.clear();
    counts.set(full, { at: performance.now(), generation, value });
  };
  return { known, remember };
}

/** For benchmarks: 0 makes every request count again (the first request of a search). */
export function setPublicCountTtl(ms: number): void {
  COUNT_TTL_MS = ms;
  counts.clear();
}

/**
 * How common each bigram is among all entries, as ANALYZE last sampled it (`pg_stats.most_common_elems` of
 * `entries.search_grams`): what a search's first request reads to tell a term that may be common from a rare one
 * (public-entries.ts). Statistics move only with ANALYZE, so they are kept 10 minutes per process; `null` (never
 * analyzed) is kept too.
 */
export interface GramFrequencies {
  /** Fraction of entries holding the gram, for the grams ANALYZE listed. */
  listed: Map<string, number>;
  /** A gram not listed is rarer than the rarest listed one. */
  rarest: number;
}
const GRAM_TTL_MS = 10 * 60_000;
let grams: { at: number; value: GramFrequencies | null } | undefined;

export async function cachedGramFrequencies(load: () => Promise<GramFrequencies | null>): Promise<GramFrequencies | null> {
  if (grams && performance.now() - grams.at < GRAM_TTL_MS) return grams.value;
  const value = await load();
  grams = { at: performance.now(), value };
  return value;
}

/** For tests: the statistics are read again on the next search. */
export function forgetGramFrequencies(): void {
  grams = undefined;
}
