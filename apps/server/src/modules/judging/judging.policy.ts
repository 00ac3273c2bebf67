import { type CampaignStatus, ROUND_TRANSITIONS, type RoundStatus } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type CampaignPhases, campaignAccess, whyNotScore } from '../campaigns/index.ts';
import { judges, panelMembers } from './judging.tables.ts';

/**
 * Who the caller is to a campaign's judging (issue 10): platform staff, the organizer's manager or screener, or
 * nobody. Managers and the platform set the rounds up and open and close them; screeners read them.
 */
export type JudgingAccess = 'platform' | 'manager' | 'screener' | null;

export async function judgingAccess(db: Queryable, actor: Actor | null, campaignId: string) {
  const { campaign, access } = await campaignAccess(db, actor, campaignId);
  return { campaign, access: access as JudgingAccess };
}

const manages = (access: JudgingAccess) => access === 'platform' || access === 'manager';

/**
 * Reading a campaign's rounds: the organizer's people and the platform. Signed out: UNAUTHENTICATED; a draft
 * campaign of another organizer is NOT_FOUND (a stranger cannot tell it exists), a published one FORBIDDEN.
 */
export function whyNotReadRounds(
  actor: Actor | null,
  access: JudgingAccess,
  campaign: { status: CampaignStatus },
): 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | null {
  if (!actor) return 'UNAUTHENTICATED';
  if (access !== null) return null;
  return campaign.status === 'draft' ? 'NOT_FOUND' : 'FORBIDDEN';
}

/** Saving the set of rounds: managers and the platform, until the campaign is closed. */
export function whyNotEditRounds(
  access: JudgingAccess,
  campaign: { status: CampaignStatus },
): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  if (!manages(access)) return 'FORBIDDEN';
  return campaign.status === 'closed' ? 'WRONG_STATUS' : null;
}

/**
 * Editing one round within the set: as the set, and never once its results are frozen (the PUT then lists the
 * round as ROUND_FROZEN in ROUNDS_INVALID, so that is the ability's refusal).
 */
export function whyNotEditRound(
  access: JudgingAccess,
  campaign: { status: CampaignStatus },
  round: { status: RoundStatus },
): 'FORBIDDEN' | 'WRONG_STATUS' | 'ROUNDS_INVALID' | null {
  return whyNotEditRounds(access, campaign) ?? (round.status === 'frozen' ? 'ROUNDS_INVALID' : null);
}

/** Whether the round's edge exists in the typed table. */
const edge = (from: RoundStatus, to: RoundStatus) => (ROUND_TRANSITIONS[from] as readonly RoundStatus[]).includes(to);

/**
 * Opening a round (draft -> open, or a closed round reopened): managers and the platform, while a canScore phase of
 * the campaign runs (WRONG_PHASE before, PHASE_CLOSED after) and before the round's deadline (ROUND_CLOSED). A draft
 * round of advancing entries opens once the round they come from is frozen (WRONG_STATUS before): its results say
 * which entries advance. Whether another round of the same themes is open is decided on the locked rounds
 * (ROUNDS_INVALID, see rounds.repo.ts openRival).
 */
export function whyNotOpenRound(
  access: JudgingAccess,
  round: { status: RoundStatus; closesAt: Date },
  phases: CampaignPhases,
  now: Date,
  source?: { status: RoundStatus } | null,
): 'FORBIDDEN' | 'WRONG_STATUS' | 'WRONG_PHASE' | 'PHASE_CLOSED' | 'ROUND_CLOSED' | null {
  if (!manages(access)) return 'FORBIDDEN';
  if (!edge(round.status, 'open')) return 'WRONG_STATUS';
  if (round.status === 'draft' && source !== undefined && source?.status !== 'frozen') return 'WRONG_STATUS';
  const phase = whyNotScore(phases, now);
  if (phase) return phase;
  return round.closesAt <= now ? 'ROUND_CLOSED' : null;
}

/** Closing an open round (no more sheets): managers and the platform, at any time. */
export function whyNotCloseRound(access: JudgingAccess, round: { status: RoundStatus }): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  if (!manages(access)) return 'FORBIDDEN';
  return edge(round.status, 'closed') ? null : 'WRONG_STATUS';
}

/**
 * A round addressed by its id (POST …/open, …/close): the organizer's people see it, to anyone else it does not
 * exist (NOT_FOUND, never FORBIDDEN); signed out is UNAUTHENTICATED.
 */
export function assertSeesRound(actor: Actor | null, access: JudgingAccess): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (access === null) throw new AppError('NOT_FOUND');
}

/**
 * The caller as a judge of a campaign's panel: their judge ids in the organizer's pool (active only), the themes
 * they judge and those they lead (组长). null: not on the panel.
 */
export interface PanelRelation {
  judgeIds: string[];
  themeIds: string[];
  leadThemeIds: string[];
}

export async function panelRelation(db: Queryable, actor: Actor | null, campaignId: string): Promise<PanelRelation | null> {
  if (!actor) return null;
  const mine = await db
    .select({ id: judges.id })
    .from(judges)
    .where(and(eq(judges.userId, actor.id), eq(judges.status, 'active')));
  if (mine.length === 0) return null;
  const rows = await db
    .select({ judgeId: panelMembers.judgeId, themeIds: panelMembers.themeIds, leadThemeIds: panelMembers.leadThemeIds })
    .from(panelMembers)
    .where(
      and(
        eq(panelMembers.campaignId, campaignId),
        inArray(
          panelMembers.judgeId,
          mine.map((j) => j.id),
        ),
      ),
    );
  if (rows.length === 0) return null;
  return {
    judgeIds: rows.map((r) => r.judgeId),
    themeIds: [...new Set(rows.flatMap((r) => r.themeIds))],
    leadThemeIds: [...new Set(rows.flatMap((r) => r.leadThemeIds))],
  };
}
