import { PUBLIC_SEARCH_COUNT_CAP } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns } from '../campaigns/index.ts';
import { entries } from './entries.tables.ts';
import { publicGeneration } from './public-cache.ts';

/**
 * How many passed entries of a campaign (or of one theme) hold a search term, counted in memory: what a search's
 * first request needs besides its page, and what cost it most (public-entries.ts). Without it, a term in one
 * entry of eighteen is too rare for the probe walk to see 1,001 matches and too common for the bigram index to
 * count cheaply: the index reads up to 1,001 rows from the table (about 920 heap pages) only to say "1,000+".
 *
 * Per campaign, built from the database once and then kept: every passed entry's search text (as stored, the
 * same text the database tests with `strpos`), grouped by theme, and for every adjacent pair of UTF-16 code
 * units of those texts the ascending list of entries holding it. A term of two code units or more is counted
 * from the shortest list of its pairs: within the theme's range of positions, each candidate in the others'
 * lists too (binary search) and, for a term longer than a pair, holding the term itself (`includes`, the same
 * test as `strpos`); up to CAP + 1. The answer is the database's own count of the same entries, so it is exact
 * under the cap and "more" only when truly more. A term of one character, or with a character outside the Basic
 * Multilingual Plane (two code units of a surrogate pair, or a lone one that PostgreSQL would receive as U+FFFD),
 * is left to the database. The index also holds the listing counts (the entries of the campaign and of each
 * theme), exact.
 *
 * Kept as the page and count caches are (public-cache.ts): the index carries the campaign's generation read
 * before its rows were, so any entry passing or leaving on this node makes it unusable at once (a build that
 * raced with the change is never used), and it is rebuilt after TTL_MS so another node's change shows within
 * the same 30 s as a kept count. A missing or outdated index never delays a request: the request takes the
 * database's way (as before) and a build starts in the background, one at a time per process, cut into slices
 * so requests interleave with it. Memory: about 16 MB for the 59,666 passed entries of the benchmark's campaign
 * (~270 bytes an entry: 9.5 MB of postings, the texts most of the rest); at most MAX_INDEXED passed entries are
 * held in all (~55 MB), the least recently used campaign dropped first, and a campaign larger than that is never
 * indexed.
 */
let TTL_MS = 30_000;
/** Rebuilds of one campaign start at most this often, however often its entries change. */
let MIN_REBUILD_MS = 5_000;
const MAX_INDEXED = 200_000;
const TOO_LARGE_RETRY_MS = 10 * 60_000;
/** Entries indexed between two turns of the event loop (a few milliseconds of work). */
const SLICE = 1_000;

interface TermIndex {
  generation: number;
  at: number;
  /** The search text of each passed entry, grouped by theme. */
  texts: string[];
  /** Each theme's entries: positions [start, end) of `texts`. */
  themes: Map<string, { start: number; end: number }>;
  /** For each adjacent pair of UTF-16 code units (`pairKey`), the ascending positions of the entries holding it. */
  pairs: Map<number, Int32Array>;
}

const built = new Map<string, TermIndex>();
const lastStart = new Map<string, number>();
let building: Promise<void> | undefined;
let enabled = true;

export type TermCount = { total: number; capped: boolean };

const pairKey = (text: string, i: number) => (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);

/** The campaign's index when this process holds a current one; otherwise undefined, and a build is started. */
function currentIndex(db: Queryable, campaignId: string): TermIndex | undefined {
  if (!enabled) return undefined;
  const index = built.get(campaignId);
  // Elapsed time on the monotonic timer (as in public-cache.ts): the age of a kept index, never a date.
  if (!index || index.generation !== publicGeneration(campaignId) || performance.now() - index.at >= TTL_MS) {
    startBuild(db, campaignId);
    return undefined;
  }
  // Recently used campaigns are dropped last.
  built.delete(campaignId);
  built.set(campaignId, index);
  return index;
}

/**
 * The count of `term` (normalized) among the campaign's passed entries, or the theme's, when this process holds a
 * current index of the campaign; otherwise undefined, and a build is started for the next request.
 */
export function indexedTermCount(
  db: Queryable,
  campaignId: string,
  themeId: string | undefined,
  term: string,
): TermCount | undefined {
  if (!countable(term)) return undefined;
  const index = currentIndex(db, campaignId);
  if (!index) return undefined;
  const n = countIn(index, themeId, term);
  return n > PUBLIC_SEARCH_COUNT_CAP ? { total: PUBLIC_SEARCH_COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** How many passed entries the campaign, or the theme, lists (exact, no cap), from the same index. */
export function indexedListingCount(db: Queryable, campaignId: string, themeId: string | undefined): number | undefined {
  const index = currentIndex(db, campaignId);
  if (!index) return undefined;
  if (themeId === undefined) return index.texts.length;
  const range = index.themes.get(themeId);
  return range ? range.end - range.start : 0;
}

/**
 * Two code units at least, and none of a surrogate pair: a term of such characters only is found where its
 * adjacent code units are, and is sent to PostgreSQL as it is matched here.
 */
function countable(term: string): boolean {
  return term.length >= 2 && !/[\uD800-\uDFFF]/.test(term);
}

function countIn(index: TermIndex, themeId: string | undefined, term: string): number {
  const range = themeId === undefined ? { start: 0, end: index.texts.length } : index.themes.get(themeId);
  if (!range) return 0;
  const lists: Int32Array[] = [];
  for (let i = 0; i + 1 < term.length; i += 1) {
    const list = index.pairs.get(pairKey(term, i));
    if (!list) return 0;
    if (!lists.includes(list)) lists.push(list);
  }
  lists.sort((a, b) => a.length - b.length);
  const [shortest, ...others] = lists as [Int32Array, ...Int32Array[]];
  const from = lowerBound(shortest, range.start);
  const to = lowerBound(shortest, range.end);
  // A pair is the whole term: its list is exactly the entries holding it.
  if (term.length === 2) return Math.min(to - from, PUBLIC_SEARCH_COUNT_CAP + 1);
  let n = 0;
  for (let k = from; k < to; k += 1) {
    const entry = shortest[k] as number;
    if (!others.every((list) => holds(list, entry))) continue;
    if (!(index.texts[entry] as string).includes(term)) continue;
    n += 1;
    if (n > PUBLIC_SEARCH_COUNT_CAP) break;
  }
  return n;
}

/** The first position of `list` (ascending) holding `value` or more. */
function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const holds = (list: Int32Array, entry: number) => list[lowerBound(list, entry)] === entry;

function startBuild(db: Queryable, campaignId: string): void {
  const now = performance.now();
  if (building || now - (lastStart.get(campaignId) ?? Number.NEGATIVE_INFINITY) < MIN_REBUILD_MS) return;
  lastStart.set(campaignId, now);
  // A failed build (the database away) leaves no index: requests keep the database's way and a later one retries.
  building = buildTermIndex(db, campaignId)
    .catch(() => undefined)
    .finally(() => {
      building = undefined;
    });
}

async function buildTermIndex(db: Queryable, campaignId: string): Promise<void> {
  const generation = publicGeneration(campaignId);
  const at = performance.now();
  // One row per theme, its texts as one JSON array: parsed natively, a fraction of 60,000 rows' cost.
  const result = (await db.execute(sql`
    select ${entries.themeId} as theme, json_agg(${entries.searchText}) as texts from ${entries}
    where ${entries.campaignId} = ${campaignId} and ${entries.status} = 'passed'
      and exists (select 1 from ${campaigns} where ${campaigns.id} = ${campaignId} and ${campaigns.status} <> 'draft')
    group by ${entries.themeId}
  `)) as unknown as { rows: Array<{ theme: string; texts: string[] | string }> };
  built.delete(campaignId);
  const texts: string[] = [];
  const themes = new Map<string, { start: number; end: number }>();
  for (const row of result.rows) {
    const list: string[] = typeof row.texts === 'string' ? JSON.parse(row.texts) : row.texts;
    themes.set(row.theme, { start: texts.length, end: texts.length + list.length });
    for (const text of list) texts.push(text);
  }
  // Nothing to count is nothing to keep (and a draft campaign, which shows nothing, is never indexed as empty).
  if (texts.length === 0) return;
  if (texts.length > MAX_INDEXED) {
    lastStart.set(campaignId, performance.now() + TOO_LARGE_RETRY_MS); // not read again for a while
    return;
  }
  const growing = new Map<number, number[]>();
  for (let start = 0; start < texts.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let entry = start; entry < Math.min(texts.length, start + SLICE); entry += 1) {
      const text = texts[entry] as string;
      for (let i = 0; i + 1 < text.length; i += 1) {
        const key = pairKey(text, i);
        const list = growing.get(key);
        if (!list) growing.set(key, [entry]);
        else if (list[list.length - 1] !== entry) list.push(entry);
      }
    }
  }
  const pairs = new Map<number, Int32Array>();
  for (const [key, list] of growing) pairs.set(key, Int32Array.from(list));
  // Within the budget, the most recently used campaigns stay (a Map iterates from the least recently set).
  let held = texts.length;
  for (const [id, other] of [...built].reverse()) {
    if (held + other.texts.length <= MAX_INDEXED) held += other.texts.length;
    else built.delete(id);
  }
  built.set(campaignId, { generation, at, texts, themes, pairs });
}

/** For tests and benchmarks: the campaign's index built now (after any build under way), however recent the last. */
export async function buildPublicTermIndex(db: Queryable, campaignId: string): Promise<void> {
  await building;
  lastStart.delete(campaignId);
  startBuild(db, campaignId);
  await building;
}

/** For benchmarks: what the indexes hold, and about how many bytes (strings at two bytes a character). */
export function publicTermIndexSize() {
  let entriesHeld = 0;
  let postings = 0;
  let pairs = 0;
  let chars = 0;
  for (const index of built.values()) {
    entriesHeld += index.texts.length;
    pairs += index.pairs.size;
    for (const list of index.pairs.values()) postings += list.length;
    for (const text of index.texts) chars += text.length;
  }
  // Per string about 16 bytes of header and a pointer; per pair a map slot and the array's header (~100 bytes).
  const bytes = chars * 2 + entriesHeld * 24 + postings * 4 + pairs * 100;
  return { campaigns: built.size, entries: entriesHeld, pairs, postings, bytes };
}

/**
 * For tests and benchmarks: `on: false` turns the index off (every first request takes the database's way);
 * any call forgets the built indexes.
 */
export function setPublicTermIndex(options: { on: boolean; ttlMs?: number; minRebuildMs?: number }): void {
  enabled = options.on;
  TTL_MS = options.ttlMs ?? 30_000;
  MIN_REBUILD_MS = options.minRebuildMs ?? 5_000;
  built.clear();
  lastStart.clear();
}
