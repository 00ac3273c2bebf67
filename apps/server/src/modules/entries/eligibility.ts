import type { TEligibilityRules, TTrack } from '@casearena/contract';
import { ORG_KIND_LABELS } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { organizations, regions } from '../orgs/index.ts';

/** The organization facts eligibility rules look at. */
export async function organizationFacts(db: Queryable, organizationId: string) {
  const [org] = await db
    .select({
      kind: organizations.kind,
      isCountyLevel: organizations.isCountyLevel,
      regionCode: organizations.regionCode,
      name: organizations.name,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new AppError('ORGANIZATION_REQUIRED');
  let provinceCode: string | null = null;
  let code = org.regionCode;
  // Walk up to the province (at most county → city → province).
  for (let i = 0; code && i < 3; i += 1) {
    const [region] = await db.select().from(regions).where(eq(regions.code, code));
    if (!region) break;
    if (region.level === 'province') provinceCode = region.code;
    code = region.parentCode;
  }
  return { ...org, provinceCode };
}

type Facts = Awaited<ReturnType<typeof organizationFacts>>;

/**
 * Refuses with NOT_ELIGIBLE naming the rule: S0-1 (prefecture level and above: no county-level institutions),
 * S2-1 (county hospitals of one province: kinds, county level only, the province).
 */
export function assertEligible(rules: TEligibilityRules, org: Facts): void {
  if (rules.orgKinds.length > 0 && !rules.orgKinds.includes(org.kind as (typeof rules.orgKinds)[number])) {
    const kinds = rules.orgKinds.map((k) => ORG_KIND_LABELS[k]['zh-CN']).join('、');
    const kindsEn = rules.orgKinds.map((k) => ORG_KIND_LABELS[k].en.toLowerCase()).join(', ');
    throw new AppError('NOT_ELIGIBLE', { rule: 'kinds', kinds, kindsEn });
  }
  if (rules.countyLevel === 'exclude' && org.isCountyLevel) throw new AppError('NOT_ELIGIBLE', { rule: 'countyExcluded' });
  if (rules.countyLevel === 'only' && !org.isCountyLevel) throw new AppError('NOT_ELIGIBLE', { rule: 'countyOnly' });
  if (rules.provinceCodes.length > 0 && (!org.provinceCode || !rules.provinceCodes.includes(org.provinceCode)))
    throw new AppError('NOT_ELIGIBLE', { rule: 'province' });
}

/** S1-2: an entry ranks in the first track its organization qualifies for. */
export function trackFor(tracks: readonly TTrack[], org: Facts): string | null {
  return tracks.find((t) => !t.countyLevelOnly || org.isCountyLevel)?.key ?? null;
}
