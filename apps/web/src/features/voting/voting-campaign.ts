import type { TCampaign } from '@casearena/contract';

/** A campaign has public voting when one of its phases carries `canVote` (the rules then say who votes for what). */
export const hasVoting = (campaign: Pick<TCampaign, 'phases'>) => campaign.phases.some((p) => p.capabilities.includes('canVote'));

export const votePagePath = (campaignId: string, themeId?: string) =>
  `/campaigns/${encodeURIComponent(campaignId)}/vote${themeId ? `?theme=${encodeURIComponent(themeId)}` : ''}`;
