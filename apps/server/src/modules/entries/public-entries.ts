import { PUBLIC_SEARCH_COUNT_CAP, type TPublicEntry, ZPublicEntryPage } from '@casearena/contract';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { normalizeForSearch, organizations } from '../orgs/index.ts';
import { entries } from './entries.tables.ts';
import { publicSearch } from './entry-search.ts';
import { cachedGramFrequencies, cachedPublicPage, type GramFrequencies, publicCount } from './public-cache.ts';
import { indexedListingCount, indexedTermCount } from './public-term-index.ts';

const publicColumns = {
  id: entries.id,
  number: entries.number,
  title: entries.title,
  summary: entries.summary,
  themeId: entries.themeId,
  orgName: organizations.name,
  themeCode: campaignThemes.code,
  themeTitle: campaignThemes.title,
};

type PublicRow = {
  id: string;
  number: string | null;
  title: string;
  summary: string;
  themeId: string;
  orgName: string;
  themeCode: string;
  themeTitle: string;
};

const present = (r: PublicRow): TPublicEntry => ({
  id: r.id,
  number: r.number ?? '',
  title: r.title,
  summary: r.summary,
  organization: r.orgName,
  theme: { id: r.themeId, code: r.themeCode, title: r.themeTitle },
});

/** The page as the public route sends it: JSON text, cached briefly per page (public-cache.ts). */
export async function publicEntriesJson(db: Queryable, campaignId: string, query: PublicQuery): Promise<string> {
  const key = `${query.themeId ?? ''}|${query.q ? normalizeForSearch(query.q) : ''}|${query.page}|${query.pageSize}`;
  // Serialized once per fill: a cache hit costs no database round trip and no serialization.
  return cachedPublicPage(campaignId, key, async () =>
    JSON.stringify(ZPublicEntryPage.parse(await listPublicEntries(db, campaignId, query))),
  );
}

type PublicQuery = { themeId?: string | undefined; q?: string | undefined; page: number; pageSize: number };

/**
 * How far a search's first request walks the number order before it asks the bigram index (below). A term in more
 * than one entry of five has more than the cap among them, and its page; a scope of fewer entries (a theme of a
 * small campaign) is answered by the walk whatever the term. Walked from the index alone, 5,000 entries are about
 * 195 index pages: what a rare term pays on top of its index statement.
 */
let PROBE_ROWS = 5_000;

/**
 * The probe ends a term in one entry of five, and for a term of a few percent (over the cap, too rare to end it)
 * its walk plus a count through the index costs less than the index statement plus a walk (measured on both
 * engines, most on PGlite). A term whose rarest bigram is in fewer than this fraction of all entries (by the
 * statistics, a bound on its matches) is rare: it goes to the index statement at once and saves the walk.
 * Without statistics (never analyzed) every first request probes.
 */
const PROBE_MIN_FREQUENCY = 0.03;

/** For tests: a small probe sends a search's first request down the index statement's paths without 5,000 rows. */
export function setPublicProbeRows(rows: number): void {
  PROBE_ROWS = rows;
}

/**
 * Passed entries of a public campaign, for theme pages (S0-8), searchable by a substring of the case name, the
 * hospital or the entry number (S0-14 voters find entries the same way); ordered by entry number.
 *
 * A search is answered by two kinds of statement (figures in docs/design-notes.md):
 * - a walk of the (campaign[, theme]) number order of passed entries, from the index alone (it holds the search
 *   text), testing each entry's text until it has what it needs: cheap per entry, so the way for a common term;
 * - the GIN index of the bigrams with the scope's token (`publicSearchKeys`), which yields exactly the scope's
 *   passed entries with the term's bigrams: up to CAP + 1 of them are the count, and under the cap their first page
 *   by number is this page. The way for a rare term. The planner cannot estimate a bigram match (it guesses a few
 *   dozen rows for a term in thousands), so the choice is never left to it.
 * A search's first request usually knows its count at once: the campaign's term index (public-term-index.ts)
 * counts it in memory, exactly or "more than the cap", and the request takes the count-known plan below; the
 * index also holds the listing counts. Without a current index (never built, or in the moments after an entry
 * passed while it is built again in the background) the first request finds its count in the database:
 * when ANALYZE's statistics do not show the term rare (`mayBeCommon`), it walks PROBE_ROWS
 * entries (fewer if the scope is smaller): a common term ends there with its page and its count
 * (more than the cap: "1,000+"), a theme that small ends there whatever the term; otherwise the walk has at least
 * shown how far the page lies and the index statement counts. Later pages know the count (kept with the page
 * cache's invalidation, public-cache.ts): a capped term only walks. The campaign's visibility is a condition of
 * the same statements, not a query of its own.
 */
export async function listPublicEntries(db: Queryable, campaignId: string, query: PublicQuery) {
  const scope: SQL[] = [eq(entries.campaignId, campaignId), sql`${entries.status} = 'passed'`];
  if (query.themeId) scope.push(eq(entries.themeId, query.themeId));
  // Drafts are not public; checked once per statement (an uncorrelated subquery, evaluated before any row).
  scope.push(sql`exists (select 1 from ${campaigns} where ${campaigns.id} = ${campaignId} and ${campaigns.status} <> 'draft')`);
  const search = query.q ? publicSearch(query.q, { campaignId, themeId: query.themeId }) : undefined;
  const count = publicCount(campaignId, `${query.themeId ?? ''}|${search && query.q ? normalizeForSearch(query.q) : ''}`);
  const answer = (items: PublicRow[], total: PublicCountValue) => {
    count.remember(total);
    return { items: items.map(present), total: total.total, totalCapped: total.capped, ...pageOf(query) };
  };
  const capped = { total: PUBLIC_SEARCH_COUNT_CAP, capped: true };

  // The listing's exact count: from the index alone, kept like any count.
  const listed = async () => {
    const kept = search ? publicCount(campaignId, `${query.themeId ?? ''}|`) : count;
    const indexed = kept.known ? undefined : indexedListingCount(db, campaignId, query.themeId);
    const total = kept.known ?? { total: indexed ?? (await countWhere(db, scope)), capped: false };
    kept.remember(total);
    return total;
  };
  if (!search) return answer(await pageRows(db, pageIds(db, scope, query)), await listed());
  if ('number' in search) return answer(...(await indexStatement(db, [...scope, search.number], query)));
  const { keys, text, grams } = search;
  const walk = async (total: PublicCountValue) => answer(await pageRows(db, pageIds(db, [...scope, text], query)), total);

  // A search's first request knows its count too once the campaign's term index is built (public-term-index.ts).
  const known = count.known ?? indexedTermCount(db, campaignId, query.themeId, normalizeForSearch(query.q ?? ''));
  if (known) {
    // With the count known, walking is also the shorter way for a term common in a theme but under the cap (one
    // title in twenty of a theme's 6,000): about (rows up to this page) x (listed / matches) index entries read,
    // against the matches read from the table by the index statement. Twice the matches is the cautious side.
    const walkIsShorter = async (matches: number) => {
      if (query.page * query.pageSize >= 2 * matches) return false;
      // Counting a theme's listing reads about as much as one page; the whole campaign's only when already kept or
      // in the term index.
      const kept = publicCount(campaignId, `${query.themeId ?? ''}|`).known;
      if (!kept && !query.themeId && indexedListingCount(db, campaignId, undefined) === undefined) return false;
      const listedTotal = kept?.total ?? (await listed()).total;
      return (query.page * query.pageSize * listedTotal) / matches < 2 * matches;
    };
    if (known.capped || (await walkIsShorter(known.total))) return walk(known);
    return answer(...(await indexStatement(db, [...scope, keys, text], query)));
  }

  if (!(await mayBeCommon(db, grams))) {
    const [rows, total] = await indexStatement(db, [...scope, keys, text], query);
    return total.capped ? walk(capped) : answer(rows, total);
  }
  const probe = await probeWalk(db, scope, text, query);
  const pageFound = query.page * query.pageSize <= probe.hits;
  if (probe.hits > PUBLIC_SEARCH_COUNT_CAP) return pageFound ? answer(probe.rows, capped) : walk(capped);
  if (!probe.partial) return answer(probe.rows, { total: probe.hits, capped: false });
  if (pageFound) {
    const n = await countWhere(db, [...scope, keys, text], PUBLIC_SEARCH_COUNT_CAP + 1);
    return answer(probe.rows, n > PUBLIC_SEARCH_COUNT_CAP ? capped : { total: n, capped: false });
  }
  const [rows, total] = await indexStatement(db, [...scope, keys, text], query);
  return total.capped ? walk(capped) : answer(rows, total);
}

/** Whether the term's rarest bigram is in PROBE_MIN_FREQUENCY of the entries or more (or nothing is known). */
async function mayBeCommon(db: Queryable, grams: string[]): Promise<boolean> {
  const stats = await cachedGramFrequencies(() => gramFrequencies(db));
  if (!stats) return true;
  return Math.min(...grams.map((g) => stats.listed.get(g) ?? stats.rarest)) >= PROBE_MIN_FREQUENCY;
}

async function gramFrequencies(db: Queryable): Promise<GramFrequencies | null> {
  const result = (await db.execute(sql`
    select e.gram, f.freq::float8 as freq
    from pg_stats s,
      unnest(s.most_common_elems::text::text[]) with ordinality as e(gram, i),
      unnest(s.most_common_elem_freqs) with ordinality as f(freq, j)
    where s.schemaname = current_schema() and s.tablename = 'entries' and s.attname = 'search_grams' and e.i = f.j
  `)) as unknown as { rows: Array<{ gram: string; freq: number | string }> };
  if (result.rows.length === 0) return null;
  const listed = new Map(result.rows.map((r) => [r.gram, Number(r.freq)]));
  return { listed, rarest: Math.min(...listed.values()) };
}

/**
 * Up to CAP + 1 matches through the bigram index; their number is the count (capped: this page is not among
 * them then), and below the cap their first page by number is this page.
 */
async function indexStatement(db: Queryable, conditions: SQL[], query: PublicQuery): Promise<[PublicRow[], PublicCountValue]> {
  const matches = db.$with('matches').as(
    db
      .select({ id: entries.id, number: entries.number })
      .from(entries)
      .where(and(...conditions))
      .limit(PUBLIC_SEARCH_COUNT_CAP + 1),
  );
  const page = db
    .select({ id: matches.id, number: matches.number, n: sql<number>`(count(*) over ())::int`.as('n') })
    .from(matches)
    .orderBy(asc(matches.number))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page');
  const rows = await db
    .with(matches)
    .select({ ...publicColumns, n: page.n })
    .from(page)
    .innerJoin(entries, eq(entries.id, page.id))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .orderBy(asc(page.number));
  // A page past the last match has no row to carry the count: count on its own (only such pages pay for it).
  const n = rows[0]?.n ?? (query.page === 1 ? 0 : await countWhere(db, conditions, PUBLIC_SEARCH_COUNT_CAP + 1));
  return [rows, n > PUBLIC_SEARCH_COUNT_CAP ? { total: PUBLIC_SEARCH_COUNT_CAP, capped: true } : { total: n, capped: false }];
}

/**
 * One statement: the first PROBE_ROWS passed entries of the scope in number order (from the index alone), each
 * tested for the term; answers how many matched (`hits`, at most CAP + 1), whether the walk stopped with entries
 * maybe left unread (`partial`: it read PROBE_ROWS of them) and the page among the matches found, joined. The page
 * is this page when the matches found reach past it, or when the walk read the whole scope. The walk is kept
 * (its two readers make it a materialized CTE) and counted: cheaper than a row number in it (a window aggregate,
 * several times the text test) or a second pass over the index to its PROBE_ROWS-th entry (measured on both
 * engines; on PGlite the second pass cost as much as the walk).
 */
async function probeWalk(db: Queryable, scope: SQL[], text: SQL, query: PublicQuery) {
  const walked = db.$with('walked').as(
    db
      .select({ id: entries.id, number: entries.number, hit: sql<boolean>`${text}`.as('hit') })
      .from(entries)
      .where(and(...scope))
      .orderBy(asc(entries.number))
      .limit(PROBE_ROWS),
  );
  const stats = db.$with('stats').as(
    db
      .select({
        hits: sql<number>`least(count(*) filter (where ${walked.hit}), ${PUBLIC_SEARCH_COUNT_CAP + 1})::int`.as('hits'),
        walked: sql<number>`count(*)::int`.as('walked'),
      })
      .from(walked),
  );
  const onPage = db.$with('on_page').as(
    db
      .select({ id: walked.id, number: walked.number })
      .from(walked)
      .where(sql`${walked.hit}`)
      .orderBy(asc(walked.number))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
  );
  const rows = await db
    .with(walked, stats, onPage)
    .select({ ...publicColumns, hits: stats.hits, walked: stats.walked })
    .from(stats)
    .leftJoin(onPage, sql`true`)
    .leftJoin(entries, eq(entries.id, onPage.id))
    .leftJoin(organizations, eq(organizations.id, entries.organizationId))
    .leftJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .orderBy(asc(onPage.number));
  const head = rows[0];
  const page = rows.filter((r): r is typeof r & PublicRow => r.id !== null && r.orgName !== null && r.themeCode !== null);
  return { hits: head?.hits ?? 0, partial: (head?.walked ?? 0) >= PROBE_ROWS, rows: page };
}

type PublicCountValue = { total: number; capped: boolean };

const pageOf = (query: PublicQuery) => ({ page: query.page, pageSize: query.pageSize });

/** How many entries match, counting no further than `limit` when given. */
async function countWhere(db: Queryable, conditions: SQL[], limit?: number): Promise<number> {
  const matching = db
    .select({ one: sql`1` })
    .from(entries)
    .where(and(...conditions));
  const counted = (limit === undefined ? matching : matching.limit(limit)).as('counted');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(counted);
  return row?.n ?? 0;
}

/** The page's ids in number order: from the index alone for a listing, walking it for a common search term. */
function pageIds(db: Queryable, conditions: SQL[], query: PublicQuery) {
  return db
    .select({ id: entries.id, number: entries.number })
    .from(entries)
    .where(and(...conditions))
    .orderBy(asc(entries.number))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page');
}

/** Only the page's rows joined with their hospital and theme. */
function pageRows(db: Queryable, page: ReturnType<typeof pageIds>): Promise<PublicRow[]> {
  return db
    .select(publicColumns)
    .from(page)
    .innerJoin(entries, eq(entries.id, page.id))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .orderBy(asc(page.number));
}

/** One passed entry of a public campaign (the entry page); anything else is NOT_FOUND. */
export async function findPublicEntry(db: Queryable, id: string): Promise<TPublicEntry | null> {
  const [row] = await db
    .select(publicColumns)
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .where(and(eq(entries.id, id), eq(entries.status, 'passed'), sql`${campaigns.status} <> 'draft'`));
  return row ? present(row) : null;
}
