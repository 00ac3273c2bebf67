import type { Ability } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';

const isStaff = (a: Actor) => a.role === 'staff' || a.role === 'admin';

/** Platform-wide abilities; each is a small predicate the UI shows buttons from. */
export const platformAbilities = {
  reviewCertifications: isStaff,
  manageOrganizations: isStaff,
  // Until organizers' own staff are modelled (issue 3), platform staff set campaigns up for them.
  manageCampaigns: isStaff,
  requestCertification: () => true,
  manageOutbox: isStaff,
} as const satisfies Record<Ability, (a: Actor) => boolean>;

export function abilitiesOf(actor: Actor): Ability[] {
  return (Object.keys(platformAbilities) as Ability[]).filter((a) => platformAbilities[a](actor));
}
