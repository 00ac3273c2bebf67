import type {
  TJudgeAcceptInput,
  TJudgeAssignment,
  TJudgeInvitation,
  TJudgeView,
  TMyAssignments,
  TMyJudges,
  TSaveSheetInput,
  TSheetAnswer,
  TSubmitSheetInput,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryClient } from './query-client.ts';

const id = encodeURIComponent;

export const judgingJudgeKeys = {
  all: ['judging', 'judge'] as const,
  mine: ['judging', 'judge', 'assignments'] as const,
  assignment: (assignmentId: string) => ['judging', 'judge', 'assignment', assignmentId] as const,
  /** Per account: a sign-in as someone else must not reuse the previous person's pools. */
  myJudges: (userId: string) => ['judging', 'judge', 'me-judges', userId] as const,
  invitation: (token: string) => ['judging', 'judge', 'invitation', token] as const,
};

/** The signed-in judge's entries in every open round, with progress (GET /api/judging/me/assignments). */
export function useMyAssignments(enabled = true) {
  return useQuery({
    queryKey: judgingJudgeKeys.mine,
    queryFn: ({ signal }) => api<TMyAssignments>('GET', '/api/judging/me/assignments', undefined, signal),
    enabled,
  });
}

/** One entry as this judge may see it, the sheet spec, the judge's sheet and abilities. */
export function useJudgeAssignment(assignmentId: string) {
  return useQuery({
    queryKey: judgingJudgeKeys.assignment(assignmentId),
    queryFn: ({ signal }) => api<TJudgeAssignment>('GET', `/api/judging/assignments/${id(assignmentId)}`, undefined, signal),
    enabled: Boolean(assignmentId),
    // The sheet page keeps its own copy while the judge types: a background refetch must not reset the inputs.
    refetchOnWindowFocus: false,
    retry: (count, err) => count < 2 && (err as { code?: string }).code === 'NETWORK',
  });
}

/** Reads the server's copy again (after STALE_VERSION, or a refusal that changed the abilities). */
export const fetchJudgeAssignment = (assignmentId: string) =>
  queryClient.fetchQuery({
    queryKey: judgingJudgeKeys.assignment(assignmentId),
    queryFn: () => api<TJudgeAssignment>('GET', `/api/judging/assignments/${id(assignmentId)}`),
    staleTime: 0,
  });

/** The URL the materials are served from (byte ranges, so a <video> streams it). */
export const judgeFileUrl = (assignmentId: string, fileId: string) =>
  `/api/judging/assignments/${id(assignmentId)}/files/${id(fileId)}`;

/** A draft save: the whole sheet and the version it was edited from; STALE_VERSION when another save came first. */
export const saveSheetDraft = (assignmentId: string, body: TSaveSheetInput) =>
  api<TSheetAnswer>('PUT', `/api/judging/assignments/${id(assignmentId)}/sheet`, body);

export const submitSheet = (assignmentId: string, body: TSubmitSheetInput) =>
  api<TSheetAnswer>('POST', `/api/judging/assignments/${id(assignmentId)}/sheet/submit`, body);

export const abstainSheet = (assignmentId: string, reason: string) =>
  api<TSheetAnswer>('POST', `/api/judging/assignments/${id(assignmentId)}/abstain`, { reason });

/** After a write the list's progress changed: it is read again when next shown. */
export const invalidateMyAssignments = () => queryClient.invalidateQueries({ queryKey: judgingJudgeKeys.mine });

/** The caller's own rows in organizers' pools: the navigation shows the judges' workspace to an active judge. */
export function useMyJudges(userId: string | null) {
  return useQuery({
    queryKey: judgingJudgeKeys.myJudges(userId ?? ''),
    queryFn: ({ signal }) => api<TMyJudges>('GET', '/api/me/judges', undefined, signal),
    enabled: Boolean(userId),
    staleTime: 5 * 60_000,
  });
}

/** What the invitation page shows before the expert answers (INVITE_INVALID for a used or unknown link). */
export function useJudgeInvitation(token: string) {
  return useQuery({
    queryKey: judgingJudgeKeys.invitation(token),
    queryFn: ({ signal }) => api<TJudgeInvitation>('GET', `/api/judging/invitations/${id(token)}`, undefined, signal),
    enabled: Boolean(token),
    retry: false,
  });
}

export function useAnswerInvitation(token: string) {
  const done = () => {
    // Accepting signed out signs the new account in: everything cached belonged to a visitor.
    void queryClient.invalidateQueries();
  };
  const accept = useMutation({
    mutationFn: (body: TJudgeAcceptInput) => api<TJudgeView>('POST', `/api/judging/invitations/${id(token)}/accept`, body),
    onSuccess: done,
  });
  const decline = useMutation({
    mutationFn: () => api<{ ok: true }>('POST', `/api/judging/invitations/${id(token)}/decline`),
    onSuccess: done,
  });
  return { accept, decline };
}
