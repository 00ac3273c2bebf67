import {
  CAMPAIGN_TRANSITIONS,
  type CampaignRefusal,
  type CampaignStatus,
  type OrganizerRole,
  type TCampaignAbilities,
} from '@casearena/contract';
import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { platformAbilities } from '../accounts/index.ts';
import { organizations } from '../orgs/index.ts';
import { campaigns, organizerMembers } from './campaigns.tables.ts';

/**
 * Who may do what with a campaign. Platform staff manage every campaign; an organizer's own people manage (manager)
 * or screen (screener) that organizer's campaigns only. Everyone else is a member of the public.
 */
export type CampaignAccess = 'platform' | OrganizerRole | null;

export async function organizerRole(db: Queryable, actor: Actor | null, organizerId: string): Promise<CampaignAccess> {
  if (!actor) return null;
  if (platformAbilities.manageCampaigns(actor)) return 'platform';
  const [row] = await db
    .select({ role: organizerMembers.role })
    .from(organizerMembers)
    .where(and(eq(organizerMembers.organizationId, organizerId), eq(organizerMembers.userId, actor.id)));
  return row?.role ?? null;
}

export async function campaignAccess(db: Queryable, actor: Actor | null, campaignId: string) {
  const [campaign] = await db
    .select({ id: campaigns.id, status: campaigns.status, organizerId: campaigns.organizerId })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (!campaign) throw new AppError('NOT_FOUND');
  return { campaign, access: await organizerRole(db, actor, campaign.organizerId) };
}

export const canManage = (access: CampaignAccess) => access === 'platform' || access === 'manager';
export const canScreen = (access: CampaignAccess) => access !== null;

/**
 * Refuses unless the actor may manage (set up, publish, edit the form) or screen the campaign. A draft campaign of
 * another organizer stays NOT_FOUND, so a stranger cannot tell it exists.
 */
export async function assertCampaignAbility(
  db: Queryable,
  actor: Actor | null,
  campaignId: string,
  ability: 'manage' | 'screen',
) {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const { campaign, access } = await campaignAccess(db, actor, campaignId);
  if (access === null && campaign.status === 'draft') throw new AppError('NOT_FOUND');
  if (!(ability === 'manage' ? canManage(access) : canScreen(access))) throw new AppError('FORBIDDEN');
  return { actor, campaign, access };
}

// One function per action (issue 8 item 3): the routes' `managers` hook asks the permission part, the use case and
// the writer the status part in their transaction; `campaignAbilities` reports both on every campaign returned.

const whyNotManage = (access: CampaignAccess): CampaignRefusal | null => (canManage(access) ? null : 'FORBIDDEN');

/**
 * Editing a campaign's status-bound parts: texts until it is closed; what decides who may enter and when (`rules`:
 * themes, phases, eligibility, entry rules, tracks, the form) only while it is a draft, so entrants' rules never
 * change under their feet.
 */
export function whyNotEditStatus(status: CampaignStatus, rules: boolean): CampaignRefusal | null {
  if (status === 'closed' || (rules && status !== 'draft')) return 'WRONG_STATUS';
  return null;
}

export function whyNotEditCampaign(access: CampaignAccess, c: { status: CampaignStatus }, rules: boolean) {
  return whyNotManage(access) ?? whyNotEditStatus(c.status, rules);
}

/** Publishing and closing: managers, along the contract's transition table (the writer checks it again). */
export function whyNotChangeCampaignStatus(
  access: CampaignAccess,
  c: { status: CampaignStatus },
  to: 'published' | 'closed',
): CampaignRefusal | null {
  return (
    whyNotManage(access) ?? ((CAMPAIGN_TRANSITIONS[c.status] as readonly CampaignStatus[]).includes(to) ? null : 'WRONG_STATUS')
  );
}

/** The caller's abilities on a campaign, for the responses that return it. */
export function campaignAbilities(access: CampaignAccess, c: { status: CampaignStatus }): TCampaignAbilities {
  return {
    edit: whyNotEditCampaign(access, c, false) ?? true,
    editRules: whyNotEditCampaign(access, c, true) ?? true,
    publish: whyNotChangeCampaignStatus(access, c, 'published') ?? true,
    close: whyNotChangeCampaignStatus(access, c, 'closed') ?? true,
  };
}

/** A draft is invisible (NOT_FOUND) to everyone but the platform and the organizer's people. */
export function canSeeCampaign(access: CampaignAccess, status: CampaignStatus): boolean {
  return status !== 'draft' || access !== null;
}

/**
 * The organizers an account may start a call for (issue 8 item 12): platform staff for every organizer (an
 * organization with organizer members or calls), a manager for their own. The web shows the create button from it.
 */
export async function organizersToCreateFor(db: Queryable, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  const staff = platformAbilities.manageCampaigns(actor);
  const rows = await db
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .leftJoin(organizerMembers, eq(organizerMembers.organizationId, organizations.id))
    .leftJoin(campaigns, eq(campaigns.organizerId, organizations.id))
    .where(
      staff
        ? or(isNotNull(organizerMembers.userId), isNotNull(campaigns.id))
        : and(eq(organizerMembers.userId, actor.id), eq(organizerMembers.role, 'manager')),
    )
    .orderBy(asc(organizations.name));
  return rows;
}
