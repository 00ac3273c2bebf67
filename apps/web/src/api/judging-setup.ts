import type {
  TJudgeConflictsInput,
  TJudgeInviteInput,
  TJudgePool,
  TJudgeRemoved,
  TJudgeView,
  TPanel,
  TPanelInput,
  TPanelSaved,
  TRoundsInput,
  TRoundsView,
  TRoundView,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { roundKeys } from './judging-round.ts';
import { queryClient } from './query-client.ts';

/** The organizer's judging set-up (issue 10 items 1-2): the expert pool, a campaign's panel and its rounds. */
const keys = {
  pool: (organizerId: string) => ['judging', 'pool', organizerId] as const,
  panel: (campaignId: string) => ['judging', 'panel', campaignId] as const,
  rounds: (campaignId: string) => ['judging', 'rounds', campaignId] as const,
};

const enc = encodeURIComponent;
const poolUrl = (organizerId: string) => `/api/organizers/${enc(organizerId)}/judges`;
const judgeUrl = (judgeId: string) => `/api/judges/${enc(judgeId)}`;
const panelUrl = (campaignId: string) => `/api/campaigns/${enc(campaignId)}/judging/panel`;
const roundsUrl = (campaignId: string) => `/api/campaigns/${enc(campaignId)}/judging/rounds`;

export function useJudgePool(organizerId: string | null | undefined) {
  return useQuery({
    queryKey: keys.pool(organizerId ?? ''),
    queryFn: ({ signal }) => api<TJudgePool>('GET', poolUrl(organizerId ?? ''), undefined, signal),
    enabled: Boolean(organizerId),
  });
}

/** A changed judge replaces its row in the cached pool; the panel names judges too, so it is read again. */
function storeJudge(organizerId: string, judge: TJudgeView) {
  queryClient.setQueryData<TJudgePool>(keys.pool(organizerId), (pool) => {
    if (!pool) return pool;
    const known = pool.items.some((j) => j.id === judge.id);
    return { ...pool, items: known ? pool.items.map((j) => (j.id === judge.id ? judge : j)) : [...pool.items, judge] };
  });
  void queryClient.invalidateQueries({ queryKey: ['judging', 'panel'] });
}

export function useInviteJudge(organizerId: string) {
  return useMutation({
    mutationFn: (input: TJudgeInviteInput) => api<TJudgeView>('POST', poolUrl(organizerId), input),
    onSuccess: (judge) => storeJudge(organizerId, judge),
  });
}

export function useDeclareConflicts(organizerId: string) {
  return useMutation({
    mutationFn: ({ judgeId, body }: { judgeId: string; body: TJudgeConflictsInput }) =>
      api<TJudgeView>('PUT', `${judgeUrl(judgeId)}/conflicts`, body),
    onSuccess: (judge) => storeJudge(organizerId, judge),
  });
}

/** Removal answers the judge and what it ended of their assignments, so the rounds' pages are read again too. */
export function useRemoveJudge(organizerId: string) {
  return useMutation({
    mutationFn: ({ judgeId, version }: { judgeId: string; version: number }) =>
      api<TJudgeRemoved>('POST', `${judgeUrl(judgeId)}/remove`, { version }),
    onSuccess: ({ ended, ...judge }) => {
      storeJudge(organizerId, judge);
      if (ended.endedAssignments > 0) void queryClient.invalidateQueries({ queryKey: roundKeys.all });
    },
  });
}

/** A declined or removed expert invited again, to the addresses on their row. */
export function useReinviteJudge(organizerId: string) {
  return useMutation({
    mutationFn: ({ judgeId, version }: { judgeId: string; version: number }) =>
      api<TJudgeView>('POST', `${judgeUrl(judgeId)}/reinvite`, { version }),
    onSuccess: (judge) => storeJudge(organizerId, judge),
  });
}

/** Read again after a refusal such as STALE_VERSION, so the page shows what the server holds now. */
export const refetchPool = (organizerId: string) => queryClient.invalidateQueries({ queryKey: keys.pool(organizerId) });

export function usePanel(campaignId: string) {
  return useQuery({
    queryKey: keys.panel(campaignId),
    queryFn: ({ signal }) => api<TPanel>('GET', panelUrl(campaignId), undefined, signal),
  });
}

export function useSavePanel(campaignId: string) {
  return useMutation({
    mutationFn: (input: TPanelInput) => api<TPanelSaved>('PUT', panelUrl(campaignId), input),
    onSuccess: ({ ended, ...panel }) => {
      queryClient.setQueryData<TPanel>(keys.panel(campaignId), panel);
      // Seats taken away ended assignments: the rounds' assignments and progress are read again.
      if (ended.endedAssignments > 0) void queryClient.invalidateQueries({ queryKey: roundKeys.all });
    },
  });
}

export function useRounds(campaignId: string) {
  return useQuery({
    queryKey: keys.rounds(campaignId),
    queryFn: ({ signal }) => api<TRoundsView>('GET', roundsUrl(campaignId), undefined, signal),
  });
}

export function useSaveRounds(campaignId: string) {
  return useMutation({
    mutationFn: (input: TRoundsInput) => api<TRoundsView>('PUT', roundsUrl(campaignId), input),
    onSuccess: (view) => queryClient.setQueryData(keys.rounds(campaignId), view),
  });
}

export const refetchRounds = (campaignId: string) => queryClient.invalidateQueries({ queryKey: keys.rounds(campaignId) });

/** Open (or reopen) and close one round; the answer replaces that round in the cached set. */
export function useRoundStatus(campaignId: string) {
  return useMutation({
    mutationFn: ({ roundId, verb }: { roundId: string; verb: 'open' | 'close' }) =>
      api<TRoundView>('POST', `/api/judging/rounds/${enc(roundId)}/${verb}`),
    onSuccess: (round) => {
      queryClient.setQueryData<TRoundsView>(keys.rounds(campaignId), (view) =>
        view ? { ...view, rounds: view.rounds.map((r) => (r.id === round.id ? round : r)) } : view,
      );
      // Another round's open ability may depend on this one (an advanced round opens after its source is frozen).
      void refetchRounds(campaignId);
    },
  });
}
