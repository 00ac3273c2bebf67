import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { campaignAccess, canScreen } from '../campaigns/index.ts';

/**
 * An entry belongs to its organization: the organization's members see and edit it. Units named as joint
 * applicants (S1-3, `partner`) read it. The campaign's organizer (its managers and screeners) and platform staff see
 * it to screen it. Nobody else learns it exists.
 */
export type EntryRelation = 'owner' | 'partner' | 'screener' | null;

export async function entryRelation(
  db: Queryable,
  actor: Actor | null,
  entry: { organization: { id: string }; campaignId: string; partnerIds?: string[] },
): Promise<EntryRelation> {
  if (!actor) return null;
  if (actor.organizationId === entry.organization.id) return 'owner';
  if (actor.organizationId && entry.partnerIds?.includes(actor.organizationId)) return 'partner';
  const { access } = await campaignAccess(db, actor, entry.campaignId);
  return canScreen(access) ? 'screener' : null;
}
