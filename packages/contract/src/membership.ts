import { z } from 'zod';
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
export const ZInvitationList = z.object({ items: z.array(ZInvitation) });

/** What the caller may do on the members page; the web app shows buttons from these only. */
export const MEMBER_ABILITIES = ['invite', 'removeMembers', 'assignMembers'] as const;
export type MemberAbility = (typeof MEMBER_ABILITIES)[number];

export const ZOrgMember = z.object({ user: ZPersonRef, role: z.enum(ORG_ROLES) });
export type TOrgMember = z.infer<typeof ZOrgMember>;

export const ZOrgMembers = z.object({
  organization: ZOrganizationRef,
  items: z.array(ZOrgMember),
  /** Pending invitations, shown to those who may invite; empty for everyone else. */
  invitations: z.array(ZInvitation),
  abilities: z.array(z.enum(MEMBER_ABILITIES)),
});
export type TOrgMembers = z.infer<typeof ZOrgMembers>;

/** An administrator invites an existing account by its email or mainland mobile number. */
export const ZInviteInput = z.object({ identifier: ZIdentifier });
export type TInviteInput = z.infer<typeof ZInviteInput>;

/** Platform staff put a user into an organization (or change their role there). */
export const ZAssignMemberInput = z.object({ role: z.enum(ORG_ROLES) });
export type TAssignMemberInput = z.infer<typeof ZAssignMemberInput>;
