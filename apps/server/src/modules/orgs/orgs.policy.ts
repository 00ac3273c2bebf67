import {
  CERTIFICATION_TRANSITIONS,
  type CertificationRefusal,
  type CertificationStatus,
  INVITATION_TRANSITIONS,
  type InvitationRefusal,
  type InvitationStatus,
  type MemberAbility,
  type TCertification,
  type TCertificationAbilities,
  type TInvitation,
  type TInvitationAbilities,
} from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { platformAbilities } from '../accounts/index.ts';
import type { Membership } from './change-membership.ts';
import type { InvitationOutcome } from './transition-invitation.ts';

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

/**
 * Withdrawing a request (issue 8 item 3): only its applicant (FORBIDDEN to a reviewer), and only while the transition
 * table allows it (WRONG_STATUS once decided or withdrawn; the writer checks the same table in the transaction).
 */
export function whyNotWithdrawCertification(
  actor: Actor,
  cert: { ownerId: string; status: CertificationStatus },
): CertificationRefusal | null {
  if (!canWithdrawCertification(actor, cert.ownerId)) return 'FORBIDDEN';
  return (CERTIFICATION_TRANSITIONS[cert.status] as readonly CertificationStatus[]).includes('withdrawn') ? null : 'WRONG_STATUS';
}

/** Approving or rejecting a request: reviewers only, a pending request only. */
export function whyNotDecideCertification(actor: Actor, cert: { status: CertificationStatus }): CertificationRefusal | null {
  if (!platformAbilities.reviewCertifications(actor)) return 'FORBIDDEN';
  return (CERTIFICATION_TRANSITIONS[cert.status] as readonly CertificationStatus[]).includes('approved') ? null : 'WRONG_STATUS';
}

/** The caller's abilities on a request, for every response that returns one. */
export function certificationAbilities(actor: Actor, cert: TCertification): TCertificationAbilities {
  const mine = { ownerId: cert.user.id, status: cert.status };
  return {
    withdraw: whyNotWithdrawCertification(actor, mine) ?? true,
    decide: whyNotDecideCertification(actor, cert) ?? true,
  };
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

/**
 * Answering an invitation (issue 8 item 3), in the order answerInvitation decides: the invitee accepts or declines,
 * an administrator of the inviting organization revokes (anyone else: NOT_FOUND); the transition table (WRONG_STATUS
 * once answered); accepting while a member of an organization is ALREADY_MEMBER. `own` is the caller's membership.
 */
export function whyNotAnswerInvitation(
  actor: Actor,
  own: Membership | null | undefined,
  inv: { organizationId: string; inviteeId: string; status: InvitationStatus },
  answer: InvitationOutcome,
): InvitationRefusal | null {
  const allowed = answer === 'revoked' ? memberAbilities.invite(actor, own, inv.organizationId) : inv.inviteeId === actor.id;
  if (!allowed) return 'NOT_FOUND';
  if (!(INVITATION_TRANSITIONS[inv.status] as readonly InvitationStatus[]).includes(answer)) return 'WRONG_STATUS';
  if (answer === 'accepted' && own) return 'ALREADY_MEMBER';
  return null;
}

/** The caller's abilities on an invitation, for every response that returns one. */
export function invitationAbilities(actor: Actor, own: Membership | null | undefined, inv: TInvitation): TInvitationAbilities {
  const parties = { organizationId: inv.organization.id, inviteeId: inv.invitee.id, status: inv.status };
  return {
    accept: whyNotAnswerInvitation(actor, own, parties, 'accepted') ?? true,
    decline: whyNotAnswerInvitation(actor, own, parties, 'declined') ?? true,
    revoke: whyNotAnswerInvitation(actor, own, parties, 'revoked') ?? true,
  };
}
