import type { TVoteVoid, TVoteVoidInput, TVoteVoidList, TVotingDashboard } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryClient } from './query-client.ts';

const id = encodeURIComponent;

export const fraudKeys = {
  all: ['voting-fraud'] as const,
  dashboard: (campaignId: string) => ['voting-fraud', 'dashboard', campaignId] as const,
  voids: (campaignId: string) => ['voting-fraud', 'voids', campaignId] as const,
};

const base = (campaignId: string) => `/api/campaigns/${id(campaignId)}/voting`;

/** The organizer's voting dashboard: read from every vote row on each load, so it is refreshed by hand (or a minute). */
export function useVotingDashboard(campaignId: string) {
  return useQuery({
    queryKey: fraudKeys.dashboard(campaignId),
    queryFn: ({ signal }) => api<TVotingDashboard>('GET', `${base(campaignId)}/dashboard`, undefined, signal),
    enabled: Boolean(campaignId),
    refetchInterval: 60_000,
  });
}

export function useVoteVoids(campaignId: string) {
  return useQuery({
    queryKey: fraudKeys.voids(campaignId),
    queryFn: ({ signal }) => api<TVoteVoidList>('GET', `${base(campaignId)}/voids`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

/** A void's counts move weight out of (or back into) the dashboard's figures: both reload after a change. */
function refresh(campaignId: string) {
  void queryClient.invalidateQueries({ queryKey: fraudKeys.dashboard(campaignId) });
  void queryClient.invalidateQueries({ queryKey: fraudKeys.voids(campaignId) });
  void queryClient.invalidateQueries({ queryKey: ['voting'] });
}

/** Step 1: the plan and its preview (nothing changes yet). */
export function usePlanVoid(campaignId: string) {
  return useMutation({
    mutationFn: (input: TVoteVoidInput) => api<TVoteVoid>('POST', `${base(campaignId)}/voids`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fraudKeys.voids(campaignId) }),
  });
}

/** Step 2: void exactly the previewed votes. */
export function useApplyVoid(campaignId: string) {
  return useMutation({
    mutationFn: (voidId: string) => api<TVoteVoid>('POST', `${base(campaignId)}/voids/${id(voidId)}/apply`),
    onSuccess: () => refresh(campaignId),
  });
}

/** Undo an applied void; the reason is audited. */
export function useRevertVoid(campaignId: string) {
  return useMutation({
    mutationFn: ({ voidId, reason }: { voidId: string; reason: string }) =>
      api<TVoteVoid>('POST', `${base(campaignId)}/voids/${id(voidId)}/revert`, { reason }),
    onSuccess: () => refresh(campaignId),
  });
}
