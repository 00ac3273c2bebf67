import type {
  OrganizerRole,
  TCampaignView as TCampaign,
  TCampaignTemplates,
  TCreateCampaignInput,
  TForm,
  TFormDefinition,
  TUpdateCampaignInput,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { CampaignSummary } from './campaigns.ts';
import { api, withQuery } from './client.ts';
import { queryClient, queryKeys } from './query-client.ts';

export interface OrganizerMember {
  userId: string;
  name: string;
  email: string | null;
  role: OrganizerRole;
}

type MemberList = { items: OrganizerMember[] };

// Under the campaigns keys, so a change to one campaign also refreshes the lists it appears in.
const keys = {
  mine: [...queryKeys.campaigns, 'mine'] as const,
  form: (campaignId: string, version: number | null) =>
    [...queryKeys.campaign(campaignId), 'form', version ?? 'current'] as const,
  members: (orgId: string) => ['organizer-members', orgId] as const,
};

const campaignUrl = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;
const membersUrl = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}/organizer-members`;

/** Campaigns the user manages or screens, drafts included; 403 for accounts in no organizer. */
export function useMyCampaigns(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.mine,
    queryFn: ({ signal }) => api<{ items: CampaignSummary[] }>('GET', '/api/campaigns/mine', undefined, signal),
  });
}

function storeCampaign(c: TCampaign) {
  queryClient.setQueryData(queryKeys.campaign(c.id), c);
  void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
  void queryClient.invalidateQueries({ queryKey: keys.mine });
}

/** The template choice and whether this account may create calls (and for which organizers), from the server. */
export function useCampaignTemplates() {
  return useQuery({
    queryKey: ['campaign-templates'] as const,
    queryFn: ({ signal }) => api<TCampaignTemplates>('GET', '/api/campaign-templates', undefined, signal),
  });
}

export function useCreateCampaign() {
  return useMutation({
    mutationFn: (input: TCreateCampaignInput) => api<TCampaign>('POST', '/api/campaigns', input),
    onSuccess: storeCampaign,
  });
}

export function useUpdateCampaign(id: string) {
  return useMutation({
    mutationFn: (patch: TUpdateCampaignInput) => api<TCampaign>('PATCH', campaignUrl(id), patch),
    onSuccess: storeCampaign,
  });
}

/** Publishing and closing are separate steps of the campaign's transition table (draft → published → closed). */
export function useCampaignTransition(id: string) {
  return useMutation({
    mutationFn: (to: 'publish' | 'close') => api<TCampaign>('POST', `${campaignUrl(id)}/${to}`),
    onSuccess: storeCampaign,
  });
}

/** The entry form: the current version, or an earlier one when `version` is given. */
export function useCampaignForm(campaignId: string, version: number | null = null) {
  return useQuery({
    queryKey: keys.form(campaignId, version),
    queryFn: ({ signal }) => api<TForm>('GET', withQuery(`${campaignUrl(campaignId)}/form`, { version }), undefined, signal),
    // Opening the editor always asks for the latest version: a colleague may have saved one since.
    refetchOnMount: 'always',
  });
}

/** Every save is a new version; entries already started keep the version they were written under. */
export function useSaveForm(campaignId: string) {
  return useMutation({
    mutationFn: (definition: TFormDefinition) => api<TForm>('PUT', `${campaignUrl(campaignId)}/form`, definition),
    onSuccess: (form) => {
      queryClient.setQueryData(keys.form(campaignId, null), form);
      queryClient.setQueryData(keys.form(campaignId, form.version), form);
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaign(campaignId), exact: true });
    },
  });
}

export function useOrganizerMembers(orgId: string | null | undefined) {
  return useQuery({
    queryKey: keys.members(orgId ?? ''),
    queryFn: ({ signal }) => api<MemberList>('GET', membersUrl(orgId ?? ''), undefined, signal),
    enabled: Boolean(orgId),
  });
}

/** Adding and removing answer with the whole list, which replaces the cached one. */
export function useAddOrganizerMember(orgId: string) {
  return useMutation({
    mutationFn: (input: { identifier: string; role: OrganizerRole }) => api<MemberList>('POST', membersUrl(orgId), input),
    onSuccess: (list) => queryClient.setQueryData(keys.members(orgId), list),
  });
}

export function useRemoveOrganizerMember(orgId: string) {
  return useMutation({
    mutationFn: (userId: string) => api<MemberList>('DELETE', `${membersUrl(orgId)}/${encodeURIComponent(userId)}`),
    onSuccess: (list) => queryClient.setQueryData(keys.members(orgId), list),
  });
}

/** One saved version of the form, e.g. to start a new version from an earlier one. */
export function fetchFormVersion(campaignId: string, version: number): Promise<TForm> {
  return queryClient.fetchQuery({
    queryKey: keys.form(campaignId, version),
    queryFn: ({ signal }) => api<TForm>('GET', withQuery(`${campaignUrl(campaignId)}/form`, { version }), undefined, signal),
    // A saved version never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
