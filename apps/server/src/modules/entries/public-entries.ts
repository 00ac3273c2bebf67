import { type TPublicEntry, ZPublicEntryPage } from '@casearena/contract';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns, campaignThemes } from '../campaigns/campaigns.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { normalizeForSearch } from '../orgs/search-grams.ts';
import { entrySearchCondition } from './entries.repo.ts';
import { entries } from './entries.tables.ts';
import { cachedPublicPage } from './public-cache.ts';

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

/**
 * Passed entries of a public campaign, for theme pages (S0-8), searchable by a substring of the case name, the
 * hospital or the entry number (S0-14 voters find entries the same way) through the entries' bigram index; a whole
 * entry number goes straight to its unique key. Ordered by entry number; pages are cached briefly (public-cache.ts).
 */
/** The page as the public route sends it: JSON text, cached briefly per page (public-cache.ts). */
export async function publicEntriesJson(
  db: Queryable,
  campaignId: string,
  query: { themeId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<string> {
  const key = `${query.themeId ?? ''}|${query.q ? normalizeForSearch(query.q) : ''}|${query.page}|${query.pageSize}`;
  // Serialized once per fill: a cache hit costs no database round trip and no serialization.
  return cachedPublicPage(campaignId, key, async () =>
    JSON.stringify(ZPublicEntryPage.parse(await listPublicEntries(db, campaignId, query))),
  );
}

export async function listPublicEntries(
  db: Queryable,
  campaignId: string,
  query: { themeId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const conditions: SQL[] = [eq(entries.campaignId, campaignId), eq(entries.status, 'passed')];
  if (query.themeId) conditions.push(eq(entries.themeId, query.themeId));
  if (query.q) {
    const match = entrySearchCondition(query.q);
    if (match) conditions.push(match);
  }
  const [campaign] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign || campaign.status === 'draft') return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(entries)
    .where(and(...conditions));
  // The page's ids first (an index-only scan on (campaign, theme, status, number, id)), then only those rows joined.
  const page = db
    .select({ id: entries.id, number: entries.number })
    .from(entries)
    .where(and(...conditions))
    .orderBy(asc(entries.number))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page');
  const rows = await db
    .select(publicColumns)
    .from(page)
    .innerJoin(entries, eq(entries.id, page.id))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .orderBy(asc(page.number));
  return { items: rows.map(present), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
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
