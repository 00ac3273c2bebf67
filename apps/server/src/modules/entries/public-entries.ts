import { PUBLIC_SEARCH_COUNT_CAP, type TPublicEntry, ZPublicEntryPage } from '@casearena/contract';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { normalizeForSearch, organizations } from '../orgs/index.ts';
import { entrySearchCondition } from './entries.repo.ts';
import { entries } from './entries.tables.ts';
import { entryTextScan } from './entry-search.ts';
import { cachedPublicPage, publicCount } from './public-cache.ts';

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
 * Passed entries of a public campaign, for theme pages (S0-8), searchable by a substring of the case name, the
 * hospital or the entry number (S0-14 voters find entries the same way); ordered by entry number.
 *
 * A search runs one of two plans, chosen from the number of matches (see the entries README for the figures):
 * - few matches (up to PUBLIC_SEARCH_COUNT_CAP): the bigram index finds them all, they are sorted by number, and
 *   the same statement counts them. The planner cannot estimate a bigram match (it guesses a few dozen rows for
 *   a term in thousands), so this plan is never left to it for a common term;
 * - more: the count stops at the cap ("1,000+") and the page walks the (campaign[, theme], status, number) index
 *   in order, testing each entry's text, until the page is full: for a term in one title in twenty that is twenty
 *   entries read per match shown, instead of every match read, sorted and counted on every request.
 * The first request of a search learns which case it is from the capped count; later pages know it (the count is
 * kept with the page cache's invalidation, public-cache.ts). The campaign's visibility is a condition of the same
 * statements, not a query of its own.
 */
export async function listPublicEntries(db: Queryable, campaignId: string, query: PublicQuery) {
  const scope: SQL[] = [eq(entries.campaignId, campaignId), eq(entries.status, 'passed')];
  if (query.themeId) scope.push(eq(entries.themeId, query.themeId));
  // Drafts are not public; checked once per statement (an uncorrelated subquery, evaluated before any row).
  scope.push(sql`exists (select 1 from ${campaigns} where ${campaigns.id} = ${campaignId} and ${campaigns.status} <> 'draft')`);
  const search = query.q ? entrySearchCondition(query.q) : undefined;
  const count = publicCount(campaignId, `${query.themeId ?? ''}|${search && query.q ? normalizeForSearch(query.q) : ''}`);
  const answer = (items: PublicRow[], total: PublicCountValue) => {
    count.remember(total);
    return { items: items.map(present), total: total.total, totalCapped: total.capped, ...pageOf(query) };
  };

  // The listing's exact count: from the index alone, kept like any count.
  const listed = async () => {
    const kept = search ? publicCount(campaignId, `${query.themeId ?? ''}|`) : count;
    const total = kept.known ?? { total: await countWhere(db, scope), capped: false };
    kept.remember(total);
    return total;
  };
  if (!search) return answer(await pageRows(db, pageIds(db, scope, query)), await listed());
  // With the count known, walking is also the shorter way for a term common in a theme but under the cap (one
  // title in twenty of a theme's 6,000): about (rows up to this page) x (listed / matches) entries read, against
  // every entry with the bigrams read by the index plan, which is at least the matches and often many more
  // (other themes, other statuses). Twice the matches is the cautious side of that.
  const walkIsShorter = async (matches: number) => {
    if (query.page * query.pageSize >= 2 * matches) return false;
    // Counting a theme's listing reads about as much as one page; the whole campaign's only when already kept.
    const kept = publicCount(campaignId, `${query.themeId ?? ''}|`).known;
    if (!kept && !query.themeId) return false;
    const listedTotal = kept?.total ?? (await listed()).total;
    return (query.page * query.pageSize * listedTotal) / matches < 2 * matches;
  };
  const walk = query.q ? entryTextScan(query.q) : undefined;
  if (walk && count.known && (count.known.capped || (await walkIsShorter(count.known.total)))) {
    return answer(await pageRows(db, pageIds(db, [...scope, walk], query)), count.known);
  }

  // Up to CAP + 1 matches through the bigram index; their number is the count, and below the cap their first
  // page by number is this page.
  const matches = db.$with('matches').as(
    db
      .select({ id: entries.id, number: entries.number })
      .from(entries)
      .where(and(...scope, search))
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
  const n = rows[0]?.n ?? (query.page === 1 ? 0 : await countWhere(db, [...scope, search], PUBLIC_SEARCH_COUNT_CAP + 1));
  if (n <= PUBLIC_SEARCH_COUNT_CAP || !walk) return answer(rows, { total: n, capped: false });
  const capped = { total: PUBLIC_SEARCH_COUNT_CAP, capped: true };
  return answer(await pageRows(db, pageIds(db, [...scope, walk], query)), capped);
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
