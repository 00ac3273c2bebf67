import type { TCampaign, TCampaignView, TPublicEntryPage } from '@casearena/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryKeys } from './query-client.ts';

export type CampaignSummary = Pick<
  TCampaign,
  'id' | 'title' | 'status' | 'organizer' | 'currentPhase' | 'currentPhaseLabel' | 'stage' | 'opensAt' | 'nextDeadline'
>;

export function useCampaigns() {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: ({ signal }) => api<{ items: CampaignSummary[] }>('GET', '/api/campaigns', undefined, signal),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: queryKeys.campaign(id),
    queryFn: ({ signal }) => api<TCampaignView>('GET', `/api/campaigns/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function usePublicEntries(
  campaignId: string,
  search: { themeId?: string | undefined; q?: string | undefined; page: number },
) {
  const params = new URLSearchParams({ page: String(search.page), pageSize: '20' });
  if (search.themeId) params.set('themeId', search.themeId);
  if (search.q) params.set('q', search.q);
  return useQuery({
    queryKey: [...queryKeys.campaign(campaignId), 'entries', search],
    queryFn: ({ signal }) =>
      api<TPublicEntryPage>('GET', `/api/campaigns/${encodeURIComponent(campaignId)}/entries?${params}`, undefined, signal),
  });
}
