import { z } from 'zod';
import { ability } from './abilities.ts';
import { ORG_ROLES, ZIdentifier, ZOrganizationRef } from './accounts.ts';
import { ZId, ZIsoDateTime } from './fields.ts';

/**
 * How someone became a member of an organization. Nothing else makes a member: the profile cannot name an
 * organization (REQUIREMENTS: membership from an approved certification, an administrator's invitation, or staff).
 */
export const MEMBERSHIP_SOURCES = ['certification', 'invitation', 'staff'] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation is answered once: by the invitee (accept, decline) or taken back by an administrator. */
export const INVITATION_TRANSITIONS = {
  pending: ['accepted', 'declined', 'revoked'],
  accepted: [],
  declined: [],
  revoked: [],
} as const satisfies Record<InvitationStatus, readonly InvitationStatus[]>;

const ZPersonRef = z.object({ id: ZId, name: z.string() });

export const ZInvitation = z.object({
  id: ZId,
  status: z.enum(INVITATION_STATUSES),
  organization: ZOrganizationRef,
  invitee: ZPersonRef,
  invitedBy: ZPersonRef,
  createdAt: ZIsoDateTime,
  decidedAt: ZIsoDateTime.nullable(),
});
export type TInvitation = z.infer<typeof ZInvitation>;

/**
 * What the caller may do with an invitation now (issue 8 item 3): `true` or the code the route refuses with, from
 * `whyNotAnswerInvitation` in `orgs.policy.ts`. The invitee accepts or declines, an administrator of the inviting
 * organization revokes (to anyone else it is NOT_FOUND); an answered invitation is WRONG_STATUS; someone who already
 * belongs to an organization must leave it before accepting (ALREADY_MEMBER).
 */
export const INVITATION_REFUSALS = ['NOT_FOUND', 'WRONG_STATUS', 'ALREADY_MEMBER'] as const;
export type InvitationRefusal = (typeof INVITATION_REFUSALS)[number];
export const ZInvitationAbilities = z.object({
  /** POST /api/invitations/:id/accept */
  accept: ability(INVITATION_REFUSALS),
  /** POST /api/invitations/:id/decline */
  decline: ability(INVITATION_REFUSALS),
  /** POST /api/invitations/:id/revoke */
  revoke: ability(INVITATION_REFUSALS),
});
export type TInvitationAbilities = z.infer<typeof ZInvitationAbilities>;
export const ZInvitationView = ZInvitation.extend({ abilities: ZInvitationAbilities });
export type TInvitationView = z.infer<typeof ZInvitationView>;
export const ZInvitationList = z.object({ items: z.array(ZInvitationView) });

/**
 * What the caller may do with one member (issue 8 item 3), from `whyNotRemoveMember` in `orgs.policy.ts`: an
 * administrator of the organization or platform staff remove (DELETE /api/orgs/:id/members/:userId); a member who
 * is not an administrator gets FORBIDDEN, and so does anyone on their own row (one leaves with
 * DELETE /api/me/organization instead); to someone who may not see the members it is NOT_FOUND.
 */
export const MEMBER_REFUSALS = ['NOT_FOUND', 'FORBIDDEN'] as const;
export type MemberRefusal = (typeof MEMBER_REFUSALS)[number];
/** Leaving (DELETE /api/me/organization, the caller's own organization): WRONG_STATUS for someone who belongs nowhere. */
export const LEAVE_REFUSALS = ['WRONG_STATUS'] as const;
export type LeaveRefusal = (typeof LEAVE_REFUSALS)[number];

export const ZOrgMemberAbilities = z.object({
  /** DELETE /api/orgs/:id/members/:userId */
  remove: ability(MEMBER_REFUSALS),
});
export type TOrgMemberAbilities = z.infer<typeof ZOrgMemberAbilities>;

/** The caller's abilities on the members list; the web app shows buttons from these only. */
export const ZOrgMembersAbilities = z.object({
  /** POST /api/orgs/:id/invitations (`whyNotInvite`) */
  invite: ability(MEMBER_REFUSALS),
  /** DELETE /api/me/organization (`whyNotLeave`) */
  leave: ability(LEAVE_REFUSALS),
});
export type TOrgMembersAbilities = z.infer<typeof ZOrgMembersAbilities>;

export const ZOrgMember = z.object({ user: ZPersonRef, role: z.enum(ORG_ROLES) });
export type TOrgMember = z.infer<typeof ZOrgMember>;
/** A member as the caller sees them: with the caller's abilities on that member. */
export const ZOrgMemberView = ZOrgMember.extend({ abilities: ZOrgMemberAbilities });
export type TOrgMemberView = z.infer<typeof ZOrgMemberView>;

export const ZOrgMembers = z.object({
  organization: ZOrganizationRef,
  items: z.array(ZOrgMemberView),
  /** Pending invitations, shown to those who may invite; empty for everyone else. */
  invitations: z.array(ZInvitationView),
  abilities: ZOrgMembersAbilities,
});
export type TOrgMembers = z.infer<typeof ZOrgMembers>;

/** An administrator invites an existing account by its email or mainland mobile number. */
export const ZInviteInput = z.object({ identifier: ZIdentifier });
export type TInviteInput = z.infer<typeof ZInviteInput>;

/** Platform staff put a user into an organization (or change their role there). */
export const ZAssignMemberInput = z.object({ role: z.enum(ORG_ROLES) });
export type TAssignMemberInput = z.infer<typeof ZAssignMemberInput>;
