import type { CertificationLevel } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { certificationLevelOf } from './certification-level.ts';
import { organizations } from './orgs.tables.ts';

/** What a user's own account view (GET /api/auth/me) shows that the orgs module knows. */
export interface AccountOrgFacts {
  /** The name of the organization the user belongs to (null: none, or it no longer exists). */
  organizationName: string | null;
  certificationLevel: CertificationLevel;
}

/**
 * The organization name and certification level of a user. app.ts hands this to the account routes
 * (`accountRoutes` option `orgFacts`), so the accounts module never imports orgs: orgs depends on accounts,
 * not the other way round.
 */
export async function accountOrgFacts(
  db: Queryable,
  user: { id: string; organizationId: string | null },
): Promise<AccountOrgFacts> {
  const [org] = user.organizationId
    ? await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, user.organizationId))
    : [];
  return { organizationName: org?.name ?? null, certificationLevel: await certificationLevelOf(db, user.id) };
}
