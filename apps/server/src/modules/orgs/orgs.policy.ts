import {
  CERTIFICATION_TRANSITIONS,
  type CertificationRefusal,
  type CertificationStatus,
  INVITATION_TRANSITIONS,
  type InvitationRefusal,
  type InvitationStatus,
  type LeaveRefusal,
  type MemberRefusal,
  type TCertification,
  type TCertificationAbilities,
  type TInvitation,
  type TInvitationAbilities,
  type TOrgMember,
  type TOrgMemberAbilities,
  type TOrgMembersAbilities,
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
 * Inviting to an organization (issue 8 item 3): its administrators only. To someone who may not see its members it
 * is NOT_FOUND, to anyone else who may (a plain member, staff) FORBIDDEN. `own` is the actor's membership as stored
 * (read in the request's transaction, not from the identity cache).
 */
export function whyNotInvite(actor: Actor, own: Membership | null | undefined, organizationId: string): MemberRefusal | null {
  if (!canSeeMembers(actor, own, organizationId)) return 'NOT_FOUND';
  return isAdminOf(own, organizationId) ? null : 'FORBIDDEN';
}

/**
 * Removing a member: an administrator of the organization or platform staff (others who see the members:
 * FORBIDDEN; those who do not: NOT_FOUND); `member` is the target's stored membership, NOT_FOUND unless it is in this
 * organization; nobody removes themselves (FORBIDDEN: one leaves with DELETE /api/me/organization instead).
 */
export function whyNotRemoveMember(
  actor: Actor,
  own: Membership | null | undefined,
  organizationId: string,
  member: { userId: string; membership: Membership | null | undefined },
): MemberRefusal | null {
  if (!canSeeMembers(actor, own, organizationId)) return 'NOT_FOUND';
  if (!isAdminOf(own, organizationId) && !platformAbilities.manageOrganizations(actor)) return 'FORBIDDEN';
  if (member.membership?.organizationId !== organizationId) return 'NOT_FOUND';
  return member.userId === actor.id ? 'FORBIDDEN' : null;
}

/** Leaving one's organization (DELETE /api/me/organization): anyone who belongs to one; nobody else (WRONG_STATUS). */
export function whyNotLeave(own: Membership | null | undefined): LeaveRefusal | null {
  return own ? null : 'WRONG_STATUS';
}

/** The caller's abilities on the members list of an organization (invite, leave). */
export function membersAbilities(actor: Actor, own: Membership | null | undefined, organizationId: string): TOrgMembersAbilities {
  return { invite: whyNotInvite(actor, own, organizationId) ?? true, leave: whyNotLeave(own) ?? true };
}

/** The caller's abilities on one listed member of `organizationId`. */
export function memberAbilitiesOn(
  actor: Actor,
  own: Membership | null | undefined,
  organizationId: string,
  member: TOrgMember,
): TOrgMemberAbilities {
  const membership = { organizationId, role: member.role };
  return { remove: whyNotRemoveMember(actor, own, organizationId, { userId: member.user.id, membership }) ?? true };
}

/** Kept for answer-invitation.ts: an administrator of the organization (the same rule as `whyNotInvite`). */
export const memberAbilities = {
  invite: (actor: Actor, own: Membership | null | undefined, orgId: string) => whyNotInvite(actor, own, orgId) === null,
} as const;

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
