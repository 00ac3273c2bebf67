import type { CertificationLevel } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
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

/**
 * The levels of several users in one query (the vote batcher reads every voter of a batch at once, in the batch's
 * transaction, so each vote weighs what its voter's certification is at that moment, S0-14). Users without an
 * approved request are 'none'.
 */
export async function certificationLevelsOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, CertificationLevel>> {
  const levels = new Map<string, CertificationLevel>(userIds.map((id) => [id, 'none']));
  if (userIds.length === 0) return levels;
  const rows = await db
    .select({ userId: certificationRequests.userId, kind: certificationRequests.kind })
    .from(certificationRequests)
    .where(and(inArray(certificationRequests.userId, [...new Set(userIds)]), eq(certificationRequests.status, 'approved')));
  for (const { userId, kind } of rows) {
    if (kind === 'institution' || levels.get(userId) === 'none') levels.set(userId, kind);
  }
  return levels;
}
