import type { MemberAbility } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { platformAbilities } from '../accounts/index.ts';
import type { Membership } from './change-membership.ts';

/** Refuses unless the actor may maintain the organizations registry (platform staff). */
export function assertCanManageOrganizations(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!platformAbilities.manageOrganizations(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** Refuses unless the actor reviews certification requests (platform staff). */
export function assertCanReviewCertifications(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!platformAbilities.reviewCertifications(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** A request and its licence file are visible to the applicant and to reviewers only. */
export function canSeeCertification(actor: Actor, ownerId: string): boolean {
  return actor.id === ownerId || platformAbilities.reviewCertifications(actor);
}

/** Only the applicant withdraws; a reviewer decides instead. */
export function canWithdrawCertification(actor: Actor, ownerId: string): boolean {
  return actor.id === ownerId;
}

/** Staff, and the organization's own members, see who belongs to it; to anyone else it is NOT_FOUND. */
export function canSeeMembers(actor: Actor, own: Membership | null | undefined, organizationId: string): boolean {
  return own?.organizationId === organizationId || platformAbilities.manageOrganizations(actor);
}

const isAdminOf = (own: Membership | null | undefined, organizationId: string) =>
  own?.organizationId === organizationId && own.role === 'admin';

/**
 * What the actor may do with an organization's members. `own` is the actor's membership as stored (read in the
 * request's transaction, not from the identity cache). Administrators invite and remove; staff assign and remove.
 */
export const memberAbilities = {
  invite: (_actor: Actor, own: Membership | null | undefined, orgId: string) => isAdminOf(own, orgId),
  removeMembers: (actor: Actor, own: Membership | null | undefined, orgId: string) =>
    isAdminOf(own, orgId) || platformAbilities.manageOrganizations(actor),
  assignMembers: (actor: Actor) => platformAbilities.manageOrganizations(actor),
} as const satisfies Record<MemberAbility, (actor: Actor, own: Membership | null | undefined, orgId: string) => boolean>;

export function memberAbilitiesOf(actor: Actor, own: Membership | null | undefined, orgId: string): MemberAbility[] {
  return (Object.keys(memberAbilities) as MemberAbility[]).filter((a) => memberAbilities[a](actor, own, orgId));
}
