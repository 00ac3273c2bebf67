import type { OrgKind, TOrganization, TOrganizationInput, TOrganizationPatch, TRegion } from '@casearena/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client.ts';
import { queryClient, queryKeys } from './query-client.ts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface OrgSearch {
  q?: string | undefined;
  kind?: OrgKind | undefined;
  regionCode?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export function useOrgSearch(search: OrgSearch, enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.orgs, 'search', search],
    queryFn: ({ signal }) => api<Page<TOrganization>>('GET', withQuery('/api/orgs', { ...search }), undefined, signal),
    // Keeps the previous page on screen while the next one loads, so the list does not jump.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrg(id: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.org(id ?? ''),
    queryFn: ({ signal }) => api<TOrganization>('GET', `/api/orgs/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSaveOrg() {
  return useMutation({
    mutationFn: (args: { id: string; patch: TOrganizationPatch } | { id: null; input: TOrganizationInput }) =>
      args.id === null
        ? api<TOrganization>('POST', '/api/orgs', args.input)
        : api<TOrganization>('PATCH', `/api/orgs/${encodeURIComponent(args.id)}`, args.patch),
    onSuccess: (org) => {
      queryClient.setQueryData(queryKeys.org(org.id), org);
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.orgs, 'search'] });
    },
  });
}

/** Regions never change while the app runs: fetched once per parent and kept. */
export function fetchRegions(parentCode: string | null): Promise<TRegion[]> {
  return queryClient.fetchQuery({
    queryKey: queryKeys.regions(parentCode),
    queryFn: () => api<{ items: TRegion[] }>('GET', withQuery('/api/regions', { parentCode })).then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
