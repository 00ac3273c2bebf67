import type { Actor } from '../../platform/context.ts';
import { platformAbilities } from '../accounts/index.ts';

/** An entry belongs to its organization: its members may see and edit it; platform staff may see it. */
export function canSeeEntry(actor: Actor, entry: { organization: { id: string } }): boolean {
  return actor.organizationId === entry.organization.id || platformAbilities.manageCampaigns(actor);
}

export function canEditEntry(actor: Actor, entry: { organization: { id: string } }): boolean {
  return actor.organizationId === entry.organization.id;
}
