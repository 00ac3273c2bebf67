import type {
  TNoticeSettingsInput,
  TObjection,
  TObjectionActionInput,
  TObjectionInput,
  TPublicNotice,
  ZObjectionEvidence,
  ZObjectionList,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, upload } from '../../api/client.ts';
import { queryClient } from '../../api/query-client.ts';

/** The public notice and its objections (issue 12 item 2; contract public-notice.ts). */
const id = encodeURIComponent;

export type TObjectionList = z.infer<typeof ZObjectionList>;
export type TObjectionEvidence = z.infer<typeof ZObjectionEvidence>;

export const noticeKeys = {
  all: (campaignId: string) => ['notice', campaignId] as const,
  manage: (campaignId: string) => ['notice', campaignId, 'manage'] as const,
  public: (campaignId: string) => ['notice', campaignId, 'public'] as const,
  mine: (campaignId: string) => ['notice', campaignId, 'mine'] as const,
  objections: (campaignId: string) => ['notice', campaignId, 'objections'] as const,
  objection: (objectionId: string) => ['objection', objectionId] as const,
};

export const evidenceUrl = (objectionId: string, evidenceId: string) =>
  `/api/objections/${id(objectionId)}/evidence/${id(evidenceId)}`;

/** The organizer's view: the notice's settings, state and abilities (the public shape with edit/publish/finalize). */
export function useNoticeManager(campaignId: string) {
  return useQuery({
    queryKey: noticeKeys.manage(campaignId),
    queryFn: ({ signal }) => api<TPublicNotice>('GET', `/api/campaigns/${id(campaignId)}/notice`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

const refreshNotice = (campaignId: string) => void queryClient.invalidateQueries({ queryKey: noticeKeys.all(campaignId) });

export function useSaveNoticeSettings(campaignId: string) {
  return useMutation({
    mutationFn: (input: TNoticeSettingsInput) => api<TPublicNotice>('PUT', `/api/campaigns/${id(campaignId)}/notice`, input),
    onSuccess: (view) => {
      queryClient.setQueryData(noticeKeys.manage(campaignId), view);
      refreshNotice(campaignId);
    },
  });
}

export function useNoticeAction(campaignId: string) {
  return useMutation({
    mutationFn: (input: { action: 'publish' | 'finalize'; version: number }) =>
      api<TPublicNotice>('POST', `/api/campaigns/${id(campaignId)}/notice/actions`, input),
    onSuccess: (view) => {
      queryClient.setQueryData(noticeKeys.manage(campaignId), view);
      refreshNotice(campaignId);
      void queryClient.invalidateQueries({ queryKey: ['awards', campaignId] });
    },
  });
}

export function usePublicNotice(campaignId: string) {
  return useQuery({
    queryKey: noticeKeys.public(campaignId),
    queryFn: ({ signal }) => api<TPublicNotice>('GET', `/api/public/campaigns/${id(campaignId)}/notice`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

export function useMyObjections(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: noticeKeys.mine(campaignId),
    queryFn: ({ signal }) =>
      api<TObjectionList>('GET', `/api/public/campaigns/${id(campaignId)}/notice/objections/mine`, undefined, signal),
    enabled: Boolean(campaignId) && enabled,
  });
}

export function useFileObjection(campaignId: string) {
  return useMutation({
    mutationFn: (input: TObjectionInput) =>
      api<TObjection>('POST', `/api/public/campaigns/${id(campaignId)}/notice/objections`, input),
    onSuccess: () => refreshNotice(campaignId),
  });
}

/** One evidence file (PDF, JPEG or PNG, at most 10 MB), uploaded before the objection that names it. */
export function uploadEvidence(campaignId: string, file: File, onProgress: (percent: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<TObjectionEvidence>(`/api/public/campaigns/${id(campaignId)}/notice/evidence`, form, onProgress);
}

export function useCampaignObjections(campaignId: string) {
  return useQuery({
    queryKey: noticeKeys.objections(campaignId),
    queryFn: ({ signal }) => api<TObjectionList>('GET', `/api/campaigns/${id(campaignId)}/objections`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

export function useObjection(objectionId: string) {
  return useQuery({
    queryKey: noticeKeys.objection(objectionId),
    queryFn: ({ signal }) => api<TObjection>('GET', `/api/objections/${id(objectionId)}`, undefined, signal),
    enabled: Boolean(objectionId),
  });
}

/** request_info / dismiss / uphold (organizer) and answer (objector); the answer is the objection's new view. */
export function useObjectionAction(objectionId: string) {
  return useMutation({
    mutationFn: (input: TObjectionActionInput) => api<TObjection>('POST', `/api/objections/${id(objectionId)}/actions`, input),
    onSuccess: (objection) => {
      queryClient.setQueryData(noticeKeys.objection(objectionId), objection);
      refreshNotice(objection.campaignId);
      void queryClient.invalidateQueries({ queryKey: ['awards', objection.campaignId] });
    },
  });
}
