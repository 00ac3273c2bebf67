import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A specialty is free text (护理管理) or a theme id; a theme id must be a theme of one of this organizer's calls, so the
 * assignment's specialty match never points at another organizer's theme. Refuses with VALIDATION_FAILED naming
 * `{path}.N` (INVALID_CHOICE).
 */
export async function checkSpecialties(db: Queryable, organizerId: string, specialties: string[], path: string): Promise<void> {
  const ids = specialties.filter((s) => UUID.test(s)).map((s) => s.toLowerCase());
  if (ids.length === 0) return;
  const known = new Set(
    (
      await db
        .select({ id: campaignThemes.id })
        .from(campaignThemes)
        .innerJoin(campaigns, eq(campaigns.id, campaignThemes.campaignId))
        .where(and(eq(campaigns.organizerId, organizerId), inArray(campaignThemes.id, ids)))
    ).map((r) => r.id),
  );
  const fields = specialties.flatMap((s, i) =>
    UUID.test(s) && !known.has(s.toLowerCase()) ? [{ path: `${path}.${i}`, code: 'INVALID_CHOICE' as const }] : [],
  );
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
}
