import {
  type CampaignStatus,
  DEFAULT_VOTE_RULES,
  SEED_000_TEMPLATE,
  type TVoteRules,
  type TVoteRulesView,
} from '@casearena/contract';
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { type CampaignPhases, type campaignAccess, campaignPhases, campaigns, whyNotVote } from '../campaigns/index.ts';
import { voteRules } from './voting.tables.ts';

/** Who the caller is to the campaign: platform staff, the organizer's manager or screener, or the public (null). */
export type CampaignAccess = Awaited<ReturnType<typeof campaignAccess>>['access'];

/** Seed 000's rules: the contract's defaults with the template's own S0-14 weights (+1 / +15 / +50). */
const SEED_000_RULES: TVoteRules = { ...DEFAULT_VOTE_RULES, weights: { ...SEED_000_TEMPLATE.voteWeights } };

/**
 * A campaign's vote rules: the organizer's saved row, else the template's (seed 000 carries S0-14's weights), else
 * null (the campaign has no public voting).
 */
export async function loadVoteRules(db: Queryable, campaignId: string): Promise<TVoteRules | null> {
  const [row] = await db
    .select({ rules: voteRules.rules, templateKey: campaigns.templateKey })
    .from(campaigns)
    .leftJoin(voteRules, eq(voteRules.campaignId, campaigns.id))
    .where(eq(campaigns.id, campaignId));
  if (!row) return null;
  if (row.rules) return row.rules;
  return row.templateKey === SEED_000_TEMPLATE.key ? SEED_000_RULES : null;
}

/** What the rules page shows for a campaign without voting: the defaults, switched off (the organizer may switch on). */
export const rulesOrOff = (rules: TVoteRules | null): TVoteRules => rules ?? { ...DEFAULT_VOTE_RULES, enabled: false };

/** The phases carrying canVote, in their order, for the public pages ("网络投票 3月16日–3月20日"). */
export async function voteWindows(db: Queryable, campaignId: string): Promise<TVoteRulesView['windows']> {
  const rows = await db
    .select({ label: campaignPhases.label, startsAt: campaignPhases.startsAt, endsAt: campaignPhases.endsAt })
    .from(campaignPhases)
    .where(and(eq(campaignPhases.campaignId, campaignId), arrayContains(campaignPhases.capabilities, ['canVote'])))
    .orderBy(asc(campaignPhases.position));
  return rows.map((r) => ({ label: r.label, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
}

const isOrganizerManager = (access: CampaignAccess) => access === 'platform' || access === 'manager';
/** Platform staff and the organizer's own people (managers and screeners). */
export const isOrganizerStaff = (access: CampaignAccess) => access !== null;

/**
 * Editing the vote rules (issue 9 item 1): the organizer's managers (and platform staff), while the campaign is a
 * draft, like every other rule that decides who may do what when (campaigns' `editRules`). The route asks the
 * permission part; update-vote-rules.ts asks again on the locked campaign row for the status.
 */
export function whyNotEditVoteRules(access: CampaignAccess, status: CampaignStatus): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  if (!isOrganizerManager(access)) return 'FORBIDDEN';
  return status === 'draft' ? null : 'WRONG_STATUS';
}

/**
 * Whether the caller sees counts: organizer staff always; the public unless the organizer hides them while voting
 * runs (`showCountsDuringPhase: false`), in which case they appear once every canVote phase has ended (or the
 * campaign is closed). Before the phase there is nothing to show, so they stay hidden then too.
 */
export function countsVisible(rules: TVoteRules | null, phases: CampaignPhases | null, now: Date, access: CampaignAccess) {
  if (isOrganizerStaff(access) || !rules || rules.showCountsDuringPhase) return true;
  return phases !== null && whyNotVote(phases, now) === 'PHASE_CLOSED';
}
