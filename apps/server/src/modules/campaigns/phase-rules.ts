import type { CampaignStatus, PhaseCapability } from '@casearena/contract';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaignPhases, campaigns } from './campaigns.tables.ts';

/**
 * Why a capability (submit, screen, vote, score, live) is not available now: no phase carrying it is running yet or
 * the call is not published (WRONG_PHASE), or every phase carrying it has ended or the call is closed (PHASE_CLOSED).
 */
export type PhaseRefusal = 'WRONG_PHASE' | 'PHASE_CLOSED';

export interface PhaseWindow {
  startsAt: Date;
  endsAt: Date;
  capabilities: readonly string[];
}

export interface CampaignPhases {
  status: CampaignStatus;
  phases: readonly PhaseWindow[];
}

/**
 * The one rule for every capability (STYLE 8: code asks the phase, never the wall clock). A phase runs from its
 * first instant to its last, both included (00:00:00.000 to 23:59:59.999 of its days in Asia/Shanghai, X-2).
 */
export function whyNotPhase(campaign: CampaignPhases, capability: PhaseCapability, now: Date): PhaseRefusal | null {
  if (campaign.status === 'closed') return 'PHASE_CLOSED';
  if (campaign.status !== 'published') return 'WRONG_PHASE';
  const carrying = campaign.phases.filter((p) => p.capabilities.includes(capability));
  if (carrying.some((p) => p.startsAt <= now && now <= p.endsAt)) return null;
  return carrying.length > 0 && carrying.every((p) => p.endsAt < now) ? 'PHASE_CLOSED' : 'WRONG_PHASE';
}

export const phaseAllows = (campaign: CampaignPhases, capability: PhaseCapability, now: Date): boolean =>
  whyNotPhase(campaign, capability, now) === null;

/** One helper per capability, for the modules that need it (screening today; voting, judging, the live final next). */
export const whyNotSubmit = (c: CampaignPhases, now: Date) => whyNotPhase(c, 'canSubmit', now);
export const whyNotScreenPhase = (c: CampaignPhases, now: Date) => whyNotPhase(c, 'canScreen', now);
export const whyNotVote = (c: CampaignPhases, now: Date) => whyNotPhase(c, 'canVote', now);
export const whyNotScore = (c: CampaignPhases, now: Date) => whyNotPhase(c, 'canScore', now);
export const whyNotLive = (c: CampaignPhases, now: Date) => whyNotPhase(c, 'live', now);

/** A campaign's status and phases in their order, read with the caller's connection or transaction. */
export async function loadCampaignPhases(db: Queryable, campaignId: string): Promise<CampaignPhases | null> {
  const [campaign] = await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) return null;
  const phases = await db
    .select({ startsAt: campaignPhases.startsAt, endsAt: campaignPhases.endsAt, capabilities: campaignPhases.capabilities })
    .from(campaignPhases)
    .where(eq(campaignPhases.campaignId, campaignId))
    .orderBy(asc(campaignPhases.position));
  return { status: campaign.status, phases };
}
