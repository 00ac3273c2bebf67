import type { OutboxStatus, TOutboxList } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { queryClient } from '../../api/query-client.ts';

const KEY = ['admin-outbox'] as const;

/** Refreshed every 15 s: a staff member watching a mail outage sees messages come back as they are retried. */
export function useOutbox(status: OutboxStatus | undefined) {
  return useQuery({
    queryKey: [...KEY, status ?? 'all'],
    queryFn: ({ signal }) => api<TOutboxList>('GET', withQuery('/api/admin/outbox', { status }), undefined, signal),
    refetchInterval: 15_000,
  });
}

export function useRetryMessage() {
  return useMutation({
    mutationFn: (id: string) => api<TOutboxList>('POST', `/api/admin/outbox/${encodeURIComponent(id)}/retry`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
