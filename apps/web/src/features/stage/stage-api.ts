import type {
  TCreateStageInput,
  TStageActionInput,
  TStageHostView,
  TStageJudgeView,
  TStageList,
  TStageResults,
  TStageScoreAnswer,
  TStageScoreInput,
  TStageScreen,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryClient } from '../../api/query-client.ts';

/** The live final's API (issue 11; contract stage.ts). */
const id = encodeURIComponent;

export const stageKeys = {
  all: ['stage'] as const,
  list: (campaignId: string) => ['stage', 'list', campaignId] as const,
  host: (stageId: string) => ['stage', stageId, 'host'] as const,
  judge: (stageId: string) => ['stage', stageId, 'judge'] as const,
  screen: (stageId: string) => ['stage', stageId, 'screen'] as const,
  results: (stageId: string) => ['stage', stageId, 'results'] as const,
};

export const stageStreamUrl = (stageId: string) => `/api/stages/${id(stageId)}/stream`;

/** Only a lost connection is worth repeating at once; a refusal is shown. */
const retryNetwork = (count: number, err: Error) => count < 3 && (err as { code?: string }).code === 'NETWORK';

export function useStageList(campaignId: string) {
  return useQuery({
    queryKey: stageKeys.list(campaignId),
    queryFn: ({ signal }) => api<TStageList>('GET', `/api/campaigns/${id(campaignId)}/stages`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

/** The host's console; read again on every `screen` event of the stream (the event carries no abilities). */
export function useStageHost(stageId: string, pollMs: number | false) {
  return useQuery({
    queryKey: stageKeys.host(stageId),
    queryFn: ({ signal }) => api<TStageHostView>('GET', `/api/stages/${id(stageId)}`, undefined, signal),
    enabled: Boolean(stageId),
    refetchInterval: pollMs,
    retry: retryNetwork,
  });
}

export function useStageJudge(stageId: string, pollMs: number | false) {
  return useQuery({
    queryKey: stageKeys.judge(stageId),
    queryFn: ({ signal }) => api<TStageJudgeView>('GET', `/api/stages/${id(stageId)}/judge`, undefined, signal),
    enabled: Boolean(stageId),
    refetchInterval: pollMs,
    // The phone's inputs come from its own copy (the queue), so a refetch never resets what is typed.
    retry: retryNetwork,
  });
}

/** The big screen (public). `pollMs` while the stream is down: the page still follows the stage. */
export function useStageScreen(stageId: string, pollMs: number | false) {
  return useQuery({
    queryKey: stageKeys.screen(stageId),
    queryFn: ({ signal }) => api<TStageScreen>('GET', `/api/stages/${id(stageId)}/screen`, undefined, signal),
    enabled: Boolean(stageId),
    refetchInterval: pollMs,
    // The hall's Wi-Fi comes back: keep trying (an unknown stage is the only answer not worth repeating).
    retry: (_n: number, err: Error) => (err as { status?: number }).status !== 404,
    retryDelay: (n) => Math.min(1000 * 2 ** n, 10_000),
  });
}

export function useStageResults(stageId: string, enabled: boolean) {
  return useQuery({
    queryKey: stageKeys.results(stageId),
    queryFn: ({ signal }) => api<TStageResults>('GET', `/api/stages/${id(stageId)}/results`, undefined, signal),
    enabled: Boolean(stageId) && enabled,
  });
}

export function useCreateStage(campaignId: string) {
  return useMutation({
    mutationFn: (input: TCreateStageInput) => api<TStageHostView>('POST', `/api/campaigns/${id(campaignId)}/stages`, input),
    onSuccess: (view) => {
      queryClient.setQueryData(stageKeys.host(view.id), view);
      void queryClient.invalidateQueries({ queryKey: stageKeys.list(campaignId) });
    },
  });
}

/** One host step; the answer is the console's new view (the stream then tells every other screen). */
export function useStageAction(stageId: string) {
  return useMutation({
    mutationFn: (input: TStageActionInput) => api<TStageHostView>('POST', `/api/stages/${id(stageId)}/actions`, input),
    onSuccess: (view) => {
      queryClient.setQueryData(stageKeys.host(stageId), view);
      if (view.state === 'finished' || view.state === 'frozen')
        void queryClient.invalidateQueries({ queryKey: stageKeys.results(stageId) });
    },
  });
}

export const sendStageScore = (stageId: string, input: TStageScoreInput) =>
  api<TStageScoreAnswer>('POST', `/api/stages/${id(stageId)}/scores`, input);

/** Reads a stage's views again (after a `screen` event or a reconnect: the event is a hint, the API has the data). */
export const refetchStage = (stageId: string) => queryClient.invalidateQueries({ queryKey: ['stage', stageId] });
