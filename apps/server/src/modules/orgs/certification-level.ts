import type { CertificationLevel } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { certificationRequests } from './orgs.tables.ts';

/** The vote-weight level (S0-14) a user holds: institution beats professional beats none. */
export async function certificationLevelOf(db: Queryable, userId: string): Promise<CertificationLevel> {
  const rows = await db
    .select({ kind: certificationRequests.kind })
    .from(certificationRequests)
    .where(and(eq(certificationRequests.userId, userId), eq(certificationRequests.status, 'approved')));
  if (rows.some((r) => r.kind === 'institution')) return 'institution';
  if (rows.some((r) => r.kind === 'professional')) return 'professional';
  return 'none';
}
