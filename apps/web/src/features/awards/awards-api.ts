import type { TAwardAdjustmentInput, TAwardRule, TAwardSetView, THonourList } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryClient } from '../../api/query-client.ts';

/** The award set's API (issue 12; contract awards.ts). */
const id = encodeURIComponent;

export const awardKeys = {
  set: (campaignId: string) => ['awards', campaignId, 'set'] as const,
  honours: (campaignId: string) => ['awards', campaignId, 'honours'] as const,
};

export const awardsExportUrl = (campaignId: string) => `/api/campaigns/${id(campaignId)}/awards/export.xlsx`;

export function useAwardSet(campaignId: string) {
  return useQuery({
    queryKey: awardKeys.set(campaignId),
    queryFn: ({ signal }) => api<TAwardSetView>('GET', `/api/campaigns/${id(campaignId)}/awards`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

/** Every write answers with the set's new view: the manager shows it at once (rules, preview, abilities). */
const keep = (campaignId: string) => (view: TAwardSetView) => {
  queryClient.setQueryData(awardKeys.set(campaignId), view);
  void queryClient.invalidateQueries({ queryKey: awardKeys.honours(campaignId) });
};

export function useSaveAwardRules(campaignId: string) {
  return useMutation({
    mutationFn: (input: { version: number; rules: TAwardRule[] }) =>
      api<TAwardSetView>('PUT', `/api/campaigns/${id(campaignId)}/awards/rules`, input),
    onSuccess: keep(campaignId),
  });
}

export function useAwardAction(campaignId: string) {
  return useMutation({
    mutationFn: (input: { action: 'compute' | 'freeze'; version: number }) =>
      api<TAwardSetView>('POST', `/api/campaigns/${id(campaignId)}/awards/actions`, input),
    onSuccess: keep(campaignId),
  });
}

export function useAdjustAwards(campaignId: string) {
  return useMutation({
    mutationFn: (input: TAwardAdjustmentInput) =>
      api<TAwardSetView>('POST', `/api/campaigns/${id(campaignId)}/awards/adjustments`, input),
    onSuccess: keep(campaignId),
  });
}

/** The public honour list (榜单): NOT_FOUND until the set is frozen. */
export function useHonours(campaignId: string) {
  return useQuery({
    queryKey: awardKeys.honours(campaignId),
    queryFn: ({ signal }) => api<THonourList>('GET', `/api/public/campaigns/${id(campaignId)}/honours`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}
