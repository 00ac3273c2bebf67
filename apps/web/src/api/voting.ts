import type { TLeaderboard, TVoteCard, TVoteReceipt, TVoteRules, TVoteRulesView } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryClient } from './query-client.ts';

const id = encodeURIComponent;

export const votingKeys = {
  all: ['voting'] as const,
  /** Per viewer: the card carries "voted today" and "my weight", so a sign-in must not reuse a signed-out copy. */
  card: (entryId: string, viewer: string) => ['voting', 'card', entryId, viewer] as const,
  leaderboard: (campaignId: string, themeId: string) => ['voting', 'leaderboard', campaignId, themeId] as const,
  rules: (campaignId: string) => ['voting', 'rules', campaignId] as const,
  popularity: (campaignId: string) => ['voting', 'popularity', campaignId] as const,
};

/** Counts change by the second while voting runs; the live stream pushes them, this poll is the fallback. */
export const VOTE_POLL_MS = 15_000;

export function useVoteCard(entryId: string, viewer: string, enabled = true) {
  return useQuery({
    queryKey: votingKeys.card(entryId, viewer),
    queryFn: ({ signal }) => api<TVoteCard>('GET', `/api/entries/${id(entryId)}/vote-card`, undefined, signal),
    enabled: enabled && Boolean(entryId),
    refetchInterval: VOTE_POLL_MS,
  });
}

export function useLeaderboard(campaignId: string, themeId: string | undefined) {
  return useQuery({
    queryKey: votingKeys.leaderboard(campaignId, themeId ?? ''),
    queryFn: ({ signal }) =>
      api<TLeaderboard>('GET', `/api/campaigns/${id(campaignId)}/themes/${id(themeId ?? '')}/leaderboard`, undefined, signal),
    enabled: Boolean(campaignId && themeId),
    refetchInterval: VOTE_POLL_MS,
  });
}

/**
 * One vote. The caller keeps the idempotency key of a click and sends the same key again when retrying after a
 * network error, so a vote that reached the server before the connection dropped is never counted twice.
 */
export const castVote = (entryId: string, idempotencyKey: string) =>
  api<TVoteReceipt>('POST', `/api/entries/${id(entryId)}/votes`, { idempotencyKey });

/** A fresh key per click (crypto.randomUUID where the browser has it; plain http on a LAN may not). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function useVoteRules(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: votingKeys.rules(campaignId),
    queryFn: ({ signal }) => api<TVoteRulesView>('GET', `/api/campaigns/${id(campaignId)}/vote-rules`, undefined, signal),
    enabled: enabled && Boolean(campaignId),
  });
}

export function useSaveVoteRules(campaignId: string) {
  return useMutation({
    mutationFn: (rules: TVoteRules) => api<TVoteRulesView>('PUT', `/api/campaigns/${id(campaignId)}/vote-rules`, rules),
    onSuccess: (view) => {
      queryClient.setQueryData(votingKeys.rules(campaignId), view);
      void queryClient.invalidateQueries({ queryKey: ['voting', 'card'] });
    },
  });
}

/** The organizer's popularity ranking read model (its shape is the ranking contract's; see usePopularity callers). */
export function usePopularity<T>(campaignId: string) {
  return useQuery({
    queryKey: votingKeys.popularity(campaignId),
    queryFn: ({ signal }) => api<T>('GET', `/api/campaigns/${id(campaignId)}/popularity`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}
