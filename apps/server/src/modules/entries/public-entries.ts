import type { TPublicEntry } from '@casearena/contract';
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns, campaignThemes } from '../campaigns/campaigns.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { escapeLike } from '../orgs/search-grams.ts';
import { entries } from './entries.tables.ts';

/**
 * Passed entries of a public campaign, for theme pages (S0-8), searchable by a substring of the case name, the
 * hospital or the entry number (S0-14 voters find entries the same way). Ordered by entry number.
 */
export async function listPublicEntries(
  db: Queryable,
  campaignId: string,
  query: { themeId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const conditions: SQL[] = [
    eq(entries.campaignId, campaignId),
    eq(entries.status, 'passed'),
    sql`${campaigns.status} <> 'draft'`,
  ];
  if (query.themeId) conditions.push(eq(entries.themeId, query.themeId));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    const match = or(
      sql`${entries.title} ILIKE ${like}`,
      sql`${entries.number} ILIKE ${like}`,
      sql`${organizations.name} ILIKE ${like}`,
    );
    if (match) conditions.push(match);
  }
  const base = () =>
    db
      .select({ e: entries, orgName: organizations.name, themeCode: campaignThemes.code, themeTitle: campaignThemes.title })
      .from(entries)
      .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
      .innerJoin(organizations, eq(organizations.id, entries.organizationId))
      .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId));
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .where(and(...conditions));
  const rows = await base()
    .where(and(...conditions))
    .orderBy(asc(entries.number))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items: TPublicEntry[] = rows.map((r) => ({
    id: r.e.id,
    number: r.e.number ?? '',
    title: r.e.title,
    summary: r.e.summary,
    organization: r.orgName,
    theme: { id: r.e.themeId, code: r.themeCode, title: r.themeTitle },
  }));
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
