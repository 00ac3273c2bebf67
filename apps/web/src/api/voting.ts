import type { TLeaderboard, TVoteCard, TVoteReceipt, TVoteRules, TVoteRulesView } from '@casearena/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client.ts';
import { queryClient } from './query-client.ts';

const id = encodeURIComponent;

export const votingKeys = {
  all: ['voting'] as const,
  /** Per viewer: the card carries "voted today" and "my weight", so a sign-in must not reuse a signed-out copy. */
  card: (entryId: string, viewer: string) => ['voting', 'card', entryId, viewer] as const,
  leaderboard: (campaignId: string, themeId: string) => ['voting', 'leaderboard', campaignId, themeId] as const,
  leaderboardPage: (campaignId: string, themeId: string, limit: number) =>
    ['voting', 'leaderboard', campaignId, themeId, limit] as const,
  rules: (campaignId: string) => ['voting', 'rules', campaignId] as const,
  popularity: (campaignId: string) => ['voting', 'popularity', campaignId] as const,
};

/**
 * Counts change by the second while voting runs. The live stream (use-vote-stream.ts) pushes them; this poll is the
 * fallback for a page whose stream is not live (`poll`), besides the stream hook's own reloads.
 */
export const VOTE_POLL_MS = 15_000;

export function useVoteCard(entryId: string, viewer: string, options: { enabled: boolean; poll: boolean }) {
  return useQuery({
    queryKey: votingKeys.card(entryId, viewer),
    queryFn: ({ signal }) => api<TVoteCard>('GET', `/api/entries/${id(entryId)}/vote-card`, undefined, signal),
    enabled: options.enabled && Boolean(entryId),
    refetchInterval: options.poll ? VOTE_POLL_MS : false,
  });
}

/** The first `limit` rows of a theme's leaderboard (the server pages by limit/offset, at most 200). */
export function useLeaderboard(campaignId: string, themeId: string, limit: number, poll: boolean) {
  return useQuery({
    queryKey: votingKeys.leaderboardPage(campaignId, themeId, limit),
    queryFn: ({ signal }) =>
      api<TLeaderboard>(
        'GET',
        withQuery(`/api/campaigns/${id(campaignId)}/themes/${id(themeId)}/leaderboard`, { limit }),
        undefined,
        signal,
      ),
    enabled: Boolean(campaignId && themeId),
    placeholderData: keepPreviousData,
    refetchInterval: poll ? VOTE_POLL_MS : false,
  });
}

/**
 * One vote. The caller keeps the idempotency key of a click and sends the same key again when retrying after a
 * network error, so a vote that reached the server before the connection dropped is never counted twice.
 */
export const castVote = (entryId: string, idempotencyKey: string, challenge?: string) =>
  api<TVoteReceipt>('POST', `/api/entries/${id(entryId)}/votes`, challenge ? { idempotencyKey, challenge } : { idempotencyKey });

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
