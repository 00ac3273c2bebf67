/**
 * Public theme pages are read far more than they change (passed entries change only when a screener passes one),
 * and at voting time many people open the same page at once. Answers are kept per page for a few seconds, per
 * process; any status change of an entry into or out of `passed` on this node drops its campaign's pages at once,
 * and another node's change shows within `TTL_MS`. Bounded in size.
 */
let TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;

const pages = new Map<string, { at: number; generation: number; value: unknown }>();
const generations = new Map<string, number>();

export function invalidatePublicEntries(campaignId: string): void {
  generations.set(campaignId, (generations.get(campaignId) ?? 0) + 1);
}

export async function cachedPublicPage<T>(campaignId: string, key: string, load: () => Promise<T>): Promise<T> {
  // Real elapsed time on purpose: this is how old a cached answer is, not a business date (those use ctx.clock).
  const now = Date.now();
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
