import type { OrgRole, TInvitationView as TInvitation, TOrgMembers } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { entryKeys } from './entries.ts';
import { queryClient, queryKeys } from './query-client.ts';

/** Query keys of membership data, under one root so that any change refreshes all of it. */
const keys = {
  all: ['membership'] as const,
  myInvitations: ['membership', 'invitations', 'mine'] as const,
  members: (orgId: string) => ['membership', 'members', orgId] as const,
};

/** A membership change also changes /api/me (organization, role) and what "my entries" lists. */
function refreshAfterMembershipChange() {
  void queryClient.invalidateQueries({ queryKey: keys.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  void queryClient.invalidateQueries({ queryKey: entryKeys.all });
}

const enc = encodeURIComponent;

/** Invitations waiting for my answer. */
export function useMyInvitations(enabled: boolean) {
  return useQuery({
    queryKey: keys.myInvitations,
    queryFn: ({ signal }) => api<{ items: TInvitation[] }>('GET', '/api/me/invitations', undefined, signal),
    enabled,
  });
}

export function useAnswerInvitation() {
  return useMutation({
    mutationFn: (args: { id: string; answer: 'accept' | 'decline' | 'revoke' }) =>
      api<TInvitation>('POST', `/api/invitations/${enc(args.id)}/${args.answer}`),
    onSuccess: refreshAfterMembershipChange,
  });
}

/** The members of my organization, with open invitations and what I may do (abilities). */
export function useOrgMembers(orgId: string | null) {
  return useQuery({
    queryKey: keys.members(orgId ?? ''),
    queryFn: ({ signal }) => api<TOrgMembers>('GET', `/api/orgs/${enc(orgId ?? '')}/members`, undefined, signal),
    enabled: Boolean(orgId),
  });
}

export function useInvite(orgId: string) {
  return useMutation({
    mutationFn: (identifier: string) => api<TInvitation>('POST', `/api/orgs/${enc(orgId)}/invitations`, { identifier }),
    onSuccess: refreshAfterMembershipChange,
  });
}

export function useRemoveMember(orgId: string) {
  return useMutation({
    mutationFn: (userId: string) => api<{ ok: true }>('DELETE', `/api/orgs/${enc(orgId)}/members/${enc(userId)}`),
    onSuccess: refreshAfterMembershipChange,
  });
}

/** Platform staff: put a user into an organization, or change their role there. */
export function useAssignMember(orgId: string) {
  return useMutation({
    mutationFn: (args: { userId: string; role: OrgRole }) =>
      api<TOrgMembers>('PUT', `/api/orgs/${enc(orgId)}/members/${enc(args.userId)}`, { role: args.role }),
    onSuccess: refreshAfterMembershipChange,
  });
}

export function useLeaveOrganization() {
  return useMutation({
    mutationFn: () => api<{ ok: true }>('DELETE', '/api/me/organization'),
    onSuccess: refreshAfterMembershipChange,
  });
}
