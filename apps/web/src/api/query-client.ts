import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

/** Retrying a refusal (4xx) only repeats it; a network blip or a 5xx deserves one more try. */
function shouldRetry(failureCount: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return failureCount < 1;
}

export const queryClient: QueryClient = new QueryClient({
  // A session that ended elsewhere (signed out in another tab, expired) shows up as a 401 on some read: treat
  // the visitor as signed out, so guarded pages send them to sign in and back. Mutations are left alone, so a
  // form being submitted keeps what was typed and just shows the message.
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== 'me') queryClient.setQueryData(['me'], null);
    },
  }),
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
    mutations: { retry: false },
  },
});

export const queryKeys = {
  me: ['me'] as const,
  regions: (parentCode: string | null) => ['regions', parentCode ?? 'root'] as const,
  orgs: ['orgs'] as const,
  org: (id: string) => ['orgs', 'one', id] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaigns', 'one', id] as const,
  certifications: ['certifications'] as const,
  myCertifications: ['certifications', 'mine'] as const,
  certificationQueue: (status: string | undefined, page: number) => ['certifications', 'queue', status ?? 'all', page] as const,
};
