import type {
  ScreeningTab,
  TBulkPlan,
  TCampaign,
  TCreateEntryInput,
  TEntryView,
  TForm,
  TPublicEntry,
  TSaveEntryInput,
  TScreeningInput,
  ZEntryChanges,
  ZEntryVersions,
  ZQueueItem,
  ZScreeningQueue,
} from '@casearena/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from './client.ts';
import { queryClient, queryKeys } from './query-client.ts';

export type TQueueItem = z.infer<typeof ZQueueItem>;
export type TEntryChanges = z.infer<typeof ZEntryChanges>;
export type TEntryVersion = z.infer<typeof ZEntryVersions>['items'][number];

const id = encodeURIComponent;

export const entryKeys = {
  all: ['entries'] as const,
  mine: ['entries', 'mine'] as const,
  one: (entryId: string) => ['entries', 'one', entryId] as const,
  changes: (entryId: string) => ['entries', 'one', entryId, 'changes'] as const,
  versions: (entryId: string) => ['entries', 'one', entryId, 'versions'] as const,
  form: (campaignId: string, version: number) => ['campaigns', 'one', campaignId, 'form', version] as const,
  queue: (campaignId: string, themeId: string | undefined, q: string) =>
    ['entries', 'queue', campaignId, themeId ?? 'all', q] as const,
  public: (entryId: string) => ['entries', 'public', entryId] as const,
};

export function useMyEntries(enabled = true) {
  return useQuery({
    queryKey: entryKeys.mine,
    queryFn: ({ signal }) => api<{ items: TEntryView[] }>('GET', '/api/entries/mine', undefined, signal),
    enabled,
  });
}

export const fetchEntry = (entryId: string, signal?: AbortSignal) =>
  api<TEntryView>('GET', `/api/entries/${id(entryId)}`, undefined, signal);

export function useEntry(entryId: string) {
  return useQuery({
    queryKey: entryKeys.one(entryId),
    queryFn: ({ signal }) => fetchEntry(entryId, signal),
    // The editor owns its copy while open: a background refetch must not replace what the user is typing.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The campaign of an entry once the entry is known (shares the cache with the campaign page). */
export function useEntryCampaign(campaignId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.campaign(campaignId ?? ''),
    queryFn: ({ signal }) => api<TCampaign>('GET', `/api/campaigns/${id(campaignId ?? '')}`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

/** The form an entry is written under (it keeps its version when the organizer edits the form later). */
export function useCampaignForm(campaignId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: entryKeys.form(campaignId ?? '', version ?? 0),
    queryFn: ({ signal }) =>
      api<TForm>('GET', withQuery(`/api/campaigns/${id(campaignId ?? '')}/form`, { version }), undefined, signal),
    enabled: Boolean(campaignId) && version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateEntry(campaignId: string) {
  return useMutation({
    mutationFn: (input: TCreateEntryInput) => api<TEntryView>('POST', `/api/campaigns/${id(campaignId)}/entries`, input),
    onSuccess: (entry) => {
      queryClient.setQueryData(entryKeys.one(entry.id), entry);
      void queryClient.invalidateQueries({ queryKey: entryKeys.mine });
    },
  });
}

/** A save is not a hook: the editor's autosave decides when to send and what to do with a refusal. */
export const saveEntry = (entryId: string, input: TSaveEntryInput) =>
  api<TEntryView>('PATCH', `/api/entries/${id(entryId)}`, input);

/** After any change: the editor's copy, my list and (for screeners) the queues are out of date. */
export function entryChanged(entry: TEntryView) {
  queryClient.setQueryData(entryKeys.one(entry.id), entry);
  void queryClient.invalidateQueries({ queryKey: entryKeys.mine });
  void queryClient.invalidateQueries({ queryKey: ['entries', 'queue'] });
}

export function useSubmitEntry() {
  return useMutation({
    mutationFn: (args: { id: string; version: number }) =>
      api<TEntryView>('POST', `/api/entries/${id(args.id)}/submit`, { version: args.version, consent: true }),
    onSuccess: entryChanged,
  });
}

export function useWithdrawEntry() {
  return useMutation({
    mutationFn: (args: { id: string; reason: string }) =>
      api<TEntryView>('POST', `/api/entries/${id(args.id)}/withdraw`, { reason: args.reason }),
    onSuccess: entryChanged,
  });
}

export function useEntryChanges(entryId: string, enabled: boolean) {
  return useQuery({
    queryKey: entryKeys.changes(entryId),
    queryFn: ({ signal }) => api<TEntryChanges>('GET', `/api/entries/${id(entryId)}/changes`, undefined, signal),
    enabled,
  });
}

export function useEntryVersions(entryId: string, enabled: boolean) {
  return useQuery({
    queryKey: entryKeys.versions(entryId),
    queryFn: ({ signal }) =>
      api<z.infer<typeof ZEntryVersions>>('GET', `/api/entries/${id(entryId)}/versions`, undefined, signal),
    enabled,
  });
}

export function deleteAttachment(entryId: string, slot: string) {
  return api<unknown>('DELETE', `/api/entries/${id(entryId)}/attachments/${id(slot)}`);
}

/** Downloads go straight to the browser; the session cookie authorizes them. */
export const fileUrl = (fileId: string) => `/api/files/${id(fileId)}`;

export function useScreeningQueue(campaignId: string, themeId: string | undefined, q: string, tab: ScreeningTab = 'pending') {
  return useQuery({
    queryKey: [...entryKeys.queue(campaignId, themeId, q), tab],
    queryFn: ({ signal }) =>
      api<z.infer<typeof ZScreeningQueue>>(
        'GET',
        withQuery(`/api/campaigns/${id(campaignId)}/screening-queue`, { themeId, q, tab }),
        undefined,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useScreenEntry() {
  return useMutation({
    mutationFn: (args: { id: string; decision: TScreeningInput }) =>
      api<TEntryView>('POST', `/api/entries/${id(args.id)}/screening`, args.decision),
    onSuccess: entryChanged,
  });
}

export function useBulkPlan(campaignId: string) {
  return useMutation({
    mutationFn: (args: { entryIds: string[]; decision: TScreeningInput }) =>
      api<TBulkPlan>('POST', `/api/campaigns/${id(campaignId)}/bulk-plans`, args),
  });
}

export function useApplyBulkPlan() {
  return useMutation({
    mutationFn: (planId: string) => api<TBulkPlan>('POST', `/api/bulk-plans/${id(planId)}/apply`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: entryKeys.all }),
  });
}

export function usePublicEntry(entryId: string) {
  return useQuery({
    queryKey: entryKeys.public(entryId),
    queryFn: ({ signal }) => api<TPublicEntry>('GET', `/api/public/entries/${id(entryId)}`, undefined, signal),
  });
}
