import type { ScreeningRefusal } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { type CampaignPhases, campaignAccess, canScreen, whyNotScreenPhase } from '../campaigns/index.ts';

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

/**
 * The per-entry screening rule, shared by the single decision and every bulk path. The caller has already
 * checked the screen ability on the campaign. A screener who belongs to the entering hospital or to a joint
 * applicant is recused (the single route sees them as owner or partner and refuses them too); decisions are made
 * only while a phase allowing screening runs (`canScreen`, issue 8 item 5); only a submitted entry can be decided.
 */
export function whyNotScreen(
  actor: Actor,
  entry: { organizationId: string; partnerIds: readonly string[]; status: string },
  campaign: CampaignPhases,
  now: Date,
): ScreeningRefusal | null {
  if (actor.organizationId && (actor.organizationId === entry.organizationId || entry.partnerIds.includes(actor.organizationId)))
    return 'RECUSED';
  if (whyNotScreenPhase(campaign, now) !== null) return 'WRONG_PHASE';
  if (entry.status !== 'submitted') return 'WRONG_STATUS';
  return null;
}
