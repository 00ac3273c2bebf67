import type { ZNotifications } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';
import { queryClient } from './query-client.ts';

export type TNotifications = z.infer<typeof ZNotifications>;
export type TNotification = TNotifications['items'][number];

const KEY = ['notifications'] as const;

/** Polled once a minute while signed in: the bell is how an applicant learns that an entry came back. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api<TNotifications>('GET', '/api/notifications', undefined, signal),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead() {
  return useMutation({
    mutationFn: (id: string) => api<unknown>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
    onMutate: (id) => {
      // Optimistic: the badge drops at once; the refetch below corrects it if the server disagrees.
      queryClient.setQueryData<TNotifications>(KEY, (old) =>
        old
          ? {
              unread: Math.max(0, old.unread - (old.items.some((n) => n.id === id && !n.readAt) ? 1 : 0)),
              items: old.items.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: new Date().toISOString() } : n)),
            }
          : old,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  return useMutation({
    mutationFn: () => api<unknown>('POST', '/api/notifications/read-all'),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
