import type { CertificationLevel, EntryStatus, TVoteRules, VoteRefusal } from '@casearena/contract';
import { formatShanghai } from '../../platform/clock/index.ts';
import { type CampaignPhases, whyNotVote } from '../campaigns/index.ts';

/** What the policy needs of an entry (voting.repo.ts `loadVotableEntry`). */
export interface VotableEntryFacts {
  campaignId: string;
  status: EntryStatus;
  themeId: string;
  trackKey: string | null;
}

/** The voter as the vote is cast: their account's age and their certification at that moment (S0-14). */
export interface VoterFacts {
  id: string;
  createdAt: Date;
  level: CertificationLevel;
}

export interface CastVoteQuestion {
  rules: TVoteRules | null;
  phases: CampaignPhases | null;
  entry: VotableEntryFacts;
  voter: VoterFacts | null;
  now: Date;
}

const HOUR_MS = 60 * 60 * 1000;

/** Whether the campaign's rules put this entry on the ballot: a passed entry of a theme and track in their scope. */
export function isVotable(rules: TVoteRules | null, phases: CampaignPhases | null, entry: VotableEntryFacts): boolean {
  if (!rules?.enabled || !phases || phases.status === 'draft') return false;
  if (entry.status !== 'passed') return false;
  if (rules.themeIds.length > 0 && !rules.themeIds.includes(entry.themeId)) return false;
  if (rules.trackKeys.length > 0 && (entry.trackKey === null || !rules.trackKeys.includes(entry.trackKey))) return false;
  return true;
}

/**
 * Why this voter may not vote for this entry now, or null. The order is the one a voter should hear: the entry is not
 * on the ballot, then the phase (before or after the canVote window), then who they are (signed in, certified where the
 * organizer requires it, account old enough). Once a day per entry (S0-14) and the daily cap are decided by the
 * database in the vote's transaction (cast-vote.ts), never here.
 */
export function whyNotCastVote({ rules, phases, entry, voter, now }: CastVoteQuestion): VoteRefusal | null {
  if (!rules || !phases || !isVotable(rules, phases, entry)) return 'NOT_VOTABLE';
  const phase = whyNotVote(phases, now);
  if (phase === 'WRONG_PHASE') return 'VOTING_NOT_OPEN';
  if (phase === 'PHASE_CLOSED') return 'VOTING_CLOSED';
  if (!voter) return 'UNAUTHENTICATED';
  if (rules.certifiedOnly && voter.level === 'none') return 'CERTIFICATION_REQUIRED';
  if (voter.createdAt.getTime() + rules.minAccountAgeHours * HOUR_MS > now.getTime()) return 'ACCOUNT_TOO_NEW';
  return null;
}

/**
 * The vote card's ability (ranking's vote-card.ts): the cast path's answer, then "already voted today" from the
 * caller's vote row of today, and the daily cap from their used count when the card knows it.
 */
export function voteAbility(question: CastVoteQuestion & { votedToday: boolean; usedToday?: number }): true | VoteRefusal {
  const refusal = whyNotCastVote(question);
  if (refusal) return refusal;
  if (question.votedToday) return 'ALREADY_VOTED_TODAY';
  const cap = question.rules?.dailyCapPerVoter ?? null;
  if (cap !== null && (question.usedToday ?? 0) >= cap) return 'DAILY_VOTE_CAP';
  return true;
}

/** The canVote window in Beijing time, for VOTING_NOT_OPEN / VOTING_CLOSED ({start}, {end}); empty when none. */
export function votingWindowParams(phases: CampaignPhases | null): { start: string; end: string } {
  const carrying = (phases?.phases ?? []).filter((p) => p.capabilities.includes('canVote'));
  if (carrying.length === 0) return { start: '', end: '' };
  const start = Math.min(...carrying.map((p) => p.startsAt.getTime()));
  const end = Math.max(...carrying.map((p) => p.endsAt.getTime()));
  return { start: formatShanghai(new Date(start)), end: formatShanghai(new Date(end)) };
}

/** When an account too new to vote may vote ({hours}, {at} of ACCOUNT_TOO_NEW). */
export function accountAgeParams(rules: TVoteRules, voter: VoterFacts): { hours: number; at: string } {
  const at = new Date(voter.createdAt.getTime() + rules.minAccountAgeHours * HOUR_MS);
  return { hours: rules.minAccountAgeHours, at: formatShanghai(at) };
}
