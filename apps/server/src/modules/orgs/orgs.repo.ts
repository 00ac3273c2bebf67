import type { OrgKind, TOrganization } from '@casearena/contract';
import { aliasedTable, and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { organizations, regions } from './orgs.tables.ts';
import { regionPath, regionPrefix } from './regions.ts';
import { escapeLike, normalizeForSearch, queryGrams } from './search-grams.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

const parents = aliasedTable(organizations, 'parent_org');

/** Organizations with their parent's name, in one query (region paths come from memory, see regions.ts). */
function selectOrganizations(db: Queryable) {
  return db
    .select({ org: organizations, parentName: parents.name })
    .from(organizations)
    .leftJoin(parents, eq(parents.id, organizations.parentId));
}

interface Joined {
  org: OrganizationRow;
  parentName: string | null;
}

export function presentOrganization(r: Joined): TOrganization {
  return {
    id: r.org.id,
    name: r.org.name,
    aliases: r.org.aliases,
    kind: r.org.kind as OrgKind,
    level: r.org.level as TOrganization['level'],
    grade: r.org.grade as TOrganization['grade'],
    regionCode: r.org.regionCode,
    regionPath: regionPath(r.org.regionCode),
    isCountyLevel: r.org.isCountyLevel,
    parent: r.org.parentId && r.parentName ? { id: r.org.parentId, name: r.parentName } : null,
    createdAt: r.org.createdAt.toISOString(),
  };
}

export async function findOrganization(db: Queryable, id: string): Promise<TOrganization | null> {
  const [row] = await selectOrganizations(db).where(eq(organizations.id, id));
  return row ? presentOrganization(row) : null;
}

export interface OrganizationSearch {
  q?: string | undefined;
  kind?: OrgKind | undefined;
  regionCode?: string | undefined;
  page: number;
  pageSize: number;
}

export async function searchOrganizations(db: Queryable, s: OrganizationSearch) {
  const where: SQL[] = [];
  const q = s.q ? normalizeForSearch(s.q) : '';
  if (q) {
    const grams = queryGrams(q);
    where.push(
      sql`${organizations.searchGrams} @> ARRAY[${sql.join(
        grams.map((g) => sql`${g}`),
        sql`, `,
      )}]::text[]`,
    );
    if (grams.length > 1 || [...q].length > 2) where.push(sql`${organizations.searchText} LIKE ${`%${escapeLike(q)}%`}`);
  }
  if (s.kind) where.push(eq(organizations.kind, s.kind));
  if (s.regionCode) where.push(sql`${organizations.regionCode} LIKE ${`${regionPrefix(s.regionCode)}%`}`);
  const condition = where.length > 0 ? and(...where) : undefined;
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(condition);
  // Rank and cut the page on organizations alone, then join regions and parents for those rows only: joining
  // first would join every match (28k for 人民医院 at 100k organizations) before the sort.
  const page = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(condition)
    .orderBy(
      // Exact name first, then shorter names: "协和" should list 北京协和医院 before long branch names.
      sql`(${organizations.name} = ${s.q ?? ''}) desc`,
      sql`char_length(${organizations.name})`,
      // Byte order, so that PGlite (C collation) and PostgreSQL (any locale) list ties the same way.
      sql`${organizations.name} collate "C"`,
    )
    .limit(s.pageSize)
    .offset((s.page - 1) * s.pageSize);
  const ids = page.map((r) => r.id);
  const joined: Joined[] = ids.length > 0 ? await selectOrganizations(db).where(inArray(organizations.id, ids)) : [];
  const rows = ids.map((id) => joined.find((r) => r.org.id === id)).filter((r): r is Joined => r !== undefined);
  return { items: rows.map(presentOrganization), total: total?.n ?? 0, page: s.page, pageSize: s.pageSize };
}

/** Whether a name is already some organization's canonical name or alias (S0-2: one hospital, one name). */
export async function nameInUse(db: Queryable, names: string[], exceptId?: string): Promise<string | null> {
  if (names.length === 0) return null;
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, aliases: organizations.aliases })
    .from(organizations)
    .where(
      sql`(${inArray(organizations.name, names)} OR ${organizations.aliases} && ARRAY[${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )}]::text[])`,
    );
  const clash = rows.find((r) => r.id !== exceptId);
  if (!clash) return null;
  return names.find((n) => n === clash.name || clash.aliases.includes(n)) ?? clash.name;
}

export async function regionExists(db: Queryable, code: string): Promise<boolean> {
  const [row] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  return Boolean(row);
}

/** The chain of parents above an organization, to refuse cycles. */
export async function ancestorIds(db: Queryable, id: string): Promise<string[]> {
  const out: string[] = [];
  let current: string | null = id;
  while (current && out.length < 20) {
    const [row] = await db.select({ parentId: organizations.parentId }).from(organizations).where(eq(organizations.id, current));
    current = row?.parentId ?? null;
    if (current) out.push(current);
  }
  return out;
}

export async function organizationExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return Boolean(row);
}
