import type { TCampaign } from '@casearena/contract';

/** A campaign has public voting when one of its phases carries `canVote` (the rules then say who votes for what). */
export const hasVoting = (campaign: Pick<TCampaign, 'phases'>) => campaign.phases.some((p) => p.capabilities.includes('canVote'));

export const votePagePath = (campaignId: string, themeId?: string) =>
  `/campaigns/${encodeURIComponent(campaignId)}/vote${themeId ? `?theme=${encodeURIComponent(themeId)}` : ''}`;

export type VotingStage = 'upcoming' | 'open' | 'closed';

/**
 * Where voting stands by the server's clock (the campaign's current phase and stage, never the browser's clock):
 * open while a canVote phase runs; closed once the call finished or a later phase runs (or is next, in a gap).
 */
export function votingStage(c: Pick<TCampaign, 'phases' | 'currentPhase' | 'stage' | 'nextDeadline'>): VotingStage {
  const index = (key: string | null | undefined) => c.phases.findIndex((p) => p.key === key);
  const current = c.phases[index(c.currentPhase)];
  if (current?.capabilities.includes('canVote')) return 'open';
  if (c.stage === 'finished') return 'closed';
  // Not findLastIndex: older in-app browsers lack it.
  const lastVoting = c.phases.reduce((last, p, i) => (p.capabilities.includes('canVote') ? i : last), -1);
  const at = current ? index(c.currentPhase) : index(c.nextDeadline?.phase) - 0.5;
  return at > lastVoting ? 'closed' : 'upcoming';
}
