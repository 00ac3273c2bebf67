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
 * same text the database tests with `strpos`), its theme, and for every adjacent pair of characters of those
 * texts the ascending list of entries holding it. A term of two characters or more is counted from the shortest
 * list of its pairs: each candidate in the others' lists too (binary search), in the theme, and, for a term
 * longer than a pair, holding the term itself (`includes`, the same test as `strpos`); up to CAP + 1. The answer
 * is the database's own count of the same entries, so it is exact under the cap and "more" only when truly more.
 * A term of one character, or one JavaScript and PostgreSQL would read differently (a lone surrogate), is not
 * counted here.
 *
 * Kept as the page and count caches are (public-cache.ts): the index carries the campaign's generation read
 * before its rows were, so any entry passing or leaving on this node makes it unusable at once (a build that
 * raced with the change is never used), and it is rebuilt after TTL_MS so another node's change shows within
 * the same 30 s as a kept count. A missing or outdated index never delays a request: the request takes the
 * database's way (as before) and a build starts in the background, one at a time per process, cut into slices
 * so requests interleave with it. Memory: about 260 bytes per passed entry (measured 16 MB for the 59,666 of the
 * benchmark's campaign); at most MAX_INDEXED passed entries are held in all, the least recently used campaign
 * dropped first, and a campaign larger than that is never indexed.
 */
let TTL_MS = 30_000;
/** Rebuilds of one campaign start at most this often, however often its entries change. */
let MIN_REBUILD_MS = 5_000;
const MAX_INDEXED = 250_000;
const TOO_LARGE_RETRY_MS = 10 * 60_000;
const SLICE = 2_000;

interface TermIndex {
  generation: number;
  at: number;
  /** The search text of each passed entry. */
  texts: string[];
  /** The theme of each entry, as a position in `themeIds`. */
  themes: Uint16Array;
  themeIds: Map<string, number>;
  /** For each adjacent pair of characters, the ascending positions of the entries holding it. */
  pairs: Map<string, Int32Array>;
}

const built = new Map<string, TermIndex>();
const lastStart = new Map<string, number>();
let building: Promise<void> | undefined;
let enabled = true;

export type TermCount = { total: number; capped: boolean };

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
  if (!enabled || !countable(term)) return undefined;
  const index = built.get(campaignId);
  // Real elapsed time on purpose (as in public-cache.ts): the age of a kept answer, not a business date.
  const fresh = index && index.generation === publicGeneration(campaignId) && Date.now() - index.at < TTL_MS;
  if (!fresh) {
    startBuild(db, campaignId);
    return undefined;
  }
  // Recently used campaigns are dropped last.
  built.delete(campaignId);
  built.set(campaignId, index);
  const n = countIn(index, themeId, term);
  return n > PUBLIC_SEARCH_COUNT_CAP ? { total: PUBLIC_SEARCH_COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** Two characters at least, and none a lone surrogate (sent to PostgreSQL as U+FFFD, matched here as itself). */
function countable(term: string): boolean {
  return [...term].length >= 2 && !/\p{Cs}/u.test(term);
}

function countIn(index: TermIndex, themeId: string | undefined, term: string): number {
  const theme = themeId === undefined ? -1 : (index.themeIds.get(themeId) ?? -2);
  if (theme === -2) return 0;
  const chars = [...term];
  const lists: Int32Array[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const list = index.pairs.get(`${chars[i]}${chars[i + 1]}`);
    if (!list) return 0;
    if (!lists.includes(list)) lists.push(list);
  }
  lists.sort((a, b) => a.length - b.length);
  const [shortest, ...others] = lists as [Int32Array, ...Int32Array[]];
  // A pair is the whole term: its list is exactly the entries holding it.
  const pairOnly = chars.length === 2;
  if (pairOnly && theme === -1) return Math.min(shortest.length, PUBLIC_SEARCH_COUNT_CAP + 1);
  let n = 0;
  for (const entry of shortest) {
    if (theme !== -1 && index.themes[entry] !== theme) continue;
    if (!others.every((list) => holds(list, entry))) continue;
    if (!pairOnly && !(index.texts[entry] as string).includes(term)) continue;
    n += 1;
    if (n > PUBLIC_SEARCH_COUNT_CAP) break;
  }
  return n;
}

function holds(list: Int32Array, entry: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid] as number;
    if (v === entry) return true;
    if (v < entry) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function startBuild(db: Queryable, campaignId: string): void {
  const now = Date.now();
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
  const at = Date.now();
  const result = (await db.execute(sql`
    select ${entries.themeId} as theme, ${entries.searchText} as text from ${entries}
    where ${entries.campaignId} = ${campaignId} and ${entries.status} = 'passed'
      and exists (select 1 from ${campaigns} where ${campaigns.id} = ${campaignId} and ${campaigns.status} <> 'draft')
  `)) as unknown as { rows: Array<{ theme: string; text: string }> };
  const rows = result.rows;
  built.delete(campaignId);
  if (rows.length > MAX_INDEXED) {
    lastStart.set(campaignId, Date.now() + TOO_LARGE_RETRY_MS); // not read again for a while
    return;
  }
  const texts = new Array<string>(rows.length);
  const themes = new Uint16Array(rows.length);
  const themeIds = new Map<string, number>();
  const growing = new Map<string, number[]>();
  for (let start = 0; start < rows.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let entry = start; entry < Math.min(rows.length, start + SLICE); entry += 1) {
      const row = rows[entry] as { theme: string; text: string };
      texts[entry] = row.text;
      let theme = themeIds.get(row.theme);
      if (theme === undefined) {
        theme = themeIds.size;
        themeIds.set(row.theme, theme);
      }
      themes[entry] = theme;
      const chars = [...row.text];
      for (let i = 0; i + 1 < chars.length; i += 1) {
        const pair = `${chars[i]}${chars[i + 1]}`;
        const list = growing.get(pair);
        if (!list) growing.set(pair, [entry]);
        else if (list[list.length - 1] !== entry) list.push(entry);
      }
    }
  }
  const pairs = new Map<string, Int32Array>();
  for (const [pair, list] of growing) pairs.set(pair, Int32Array.from(list));
  // Within the budget, the most recently used campaigns stay (a Map iterates from the least recently set).
  let held = rows.length;
  for (const [id, other] of [...built].reverse()) {
    if (held + other.texts.length <= MAX_INDEXED) held += other.texts.length;
    else built.delete(id);
  }
  built.set(campaignId, { generation, at, texts, themes, themeIds, pairs });
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
  const bytes = chars * 2 + entriesHeld * (24 + 2) + postings * 4 + pairs * 100;
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
