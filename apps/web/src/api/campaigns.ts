import type { TCampaign } from '@casearena/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryKeys } from './query-client.ts';

export type CampaignSummary = Pick<TCampaign, 'id' | 'title' | 'status' | 'organizer' | 'currentPhase'>;

export function useCampaigns() {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: ({ signal }) => api<{ items: CampaignSummary[] }>('GET', '/api/campaigns', undefined, signal),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: queryKeys.campaign(id),
    queryFn: ({ signal }) => api<TCampaign>('GET', `/api/campaigns/${encodeURIComponent(id)}`, undefined, signal),
  });
}
