import type {
  TAssignmentPlanInput,
  TAssignmentPlanView,
  TAssignmentSwap,
  TAssignmentsView,
  TAssignmentView,
  TResultPreview,
  TResultRule,
  TRoundProgress,
  TRoundRanking,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, upload } from './client.ts';
import { queryClient } from './query-client.ts';

const id = encodeURIComponent;

/** One round's organizer data (issue 10 items 3, 5-7): its assignments, plans, progress and ranking. */
export const roundKeys = {
  all: ['judging-round'] as const,
  round: (roundId: string) => ['judging-round', roundId] as const,
  assignments: (roundId: string) => ['judging-round', roundId, 'assignments'] as const,
  plans: (roundId: string) => ['judging-round', roundId, 'plan'] as const,
  plan: (roundId: string, planId: string) => ['judging-round', roundId, 'plan', planId] as const,
  progress: (roundId: string) => ['judging-round', roundId, 'progress'] as const,
  ranking: (roundId: string) => ['judging-round', roundId, 'ranking'] as const,
};

const base = (roundId: string) => `/api/judging/rounds/${id(roundId)}`;

/** Where the assignment workbook downloads from (a plain link: the browser keeps the session cookie). */
export const assignmentsXlsxUrl = (roundId: string) => `${base(roundId)}/assignments.xlsx`;

export function useAssignments(roundId: string) {
  return useQuery({
    queryKey: roundKeys.assignments(roundId),
    queryFn: ({ signal }) => api<TAssignmentsView>('GET', `${base(roundId)}/assignments`, undefined, signal),
    enabled: Boolean(roundId),
  });
}

export function useRoundProgress(roundId: string) {
  return useQuery({
    queryKey: roundKeys.progress(roundId),
    queryFn: ({ signal }) => api<TRoundProgress>('GET', `${base(roundId)}/progress`, undefined, signal),
    enabled: Boolean(roundId),
    // Judges keep submitting while the organizer watches.
    refetchInterval: 60_000,
  });
}

export function useRoundRanking(roundId: string) {
  return useQuery({
    queryKey: roundKeys.ranking(roundId),
    queryFn: ({ signal }) => api<TRoundRanking>('GET', `${base(roundId)}/ranking`, undefined, signal),
    enabled: Boolean(roundId),
  });
}

/** An assignment change moves the progress and the ranking's sheet counts too: the whole round reloads. */
const refreshRound = (roundId: string) => void queryClient.invalidateQueries({ queryKey: roundKeys.round(roundId) });

export function usePlan(roundId: string, planId: string | null) {
  return useQuery({
    queryKey: roundKeys.plan(roundId, planId ?? ''),
    queryFn: ({ signal }) =>
      api<TAssignmentPlanView>('GET', `${base(roundId)}/assignment-plans/${id(planId ?? '')}`, undefined, signal),
    enabled: Boolean(roundId && planId),
  });
}

const putPlan = (roundId: string, plan: TAssignmentPlanView) => queryClient.setQueryData(roundKeys.plan(roundId, plan.id), plan);

/** Step 1 of plan -> preview -> apply: nothing is assigned yet. */
export function useCreatePlan(roundId: string) {
  return useMutation({
    mutationFn: (input: TAssignmentPlanInput) => api<TAssignmentPlanView>('POST', `${base(roundId)}/assignment-plans`, input),
    onSuccess: (plan) => putPlan(roundId, plan),
  });
}

/** An edited workbook becomes an ordinary plan, previewed like the automatic one. */
export function useImportPlan(roundId: string) {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<TAssignmentPlanView>(`${base(roundId)}/assignment-plans/import`, form, onProgress);
    },
    onSuccess: (plan) => putPlan(roundId, plan),
  });
}

export function usePlanStep(roundId: string, step: 'apply' | 'discard') {
  return useMutation({
    mutationFn: (planId: string) => api<TAssignmentPlanView>('POST', `${base(roundId)}/assignment-plans/${id(planId)}/${step}`),
    onSuccess: (plan) => {
      putPlan(roundId, plan);
      if (step === 'apply') refreshRound(roundId);
    },
    // A refused apply (PLAN_STALE) means the plan's facts moved: its preview reloads with `stale` set.
    onError: () => void queryClient.invalidateQueries({ queryKey: roundKeys.plans(roundId) }),
  });
}

export function useAddAssignment(roundId: string) {
  return useMutation({
    mutationFn: (input: { entryId: string; judgeId: string }) =>
      api<TAssignmentView>('POST', `${base(roundId)}/assignments`, input),
    onSuccess: () => refreshRound(roundId),
  });
}

export function useRemoveAssignment(roundId: string) {
  return useMutation({
    mutationFn: (assignmentId: string) => api<TAssignmentView>('POST', `/api/judging/assignments/${id(assignmentId)}/remove`),
    onSuccess: () => refreshRound(roundId),
  });
}

export function useSwapAssignment(roundId: string) {
  return useMutation({
    mutationFn: ({ assignmentId, judgeId }: { assignmentId: string; judgeId: string }) =>
      api<TAssignmentSwap>('POST', `/api/judging/assignments/${id(assignmentId)}/swap`, { judgeId }),
    onSuccess: () => refreshRound(roundId),
  });
}

/** A dry run of the advancement or tier rule: nothing is written. */
export function useResultPreview(roundId: string) {
  return useMutation({
    mutationFn: (rule: TResultRule) => api<TResultPreview>('POST', `${base(roundId)}/results/preview`, rule),
  });
}

export function useFreezeResults(roundId: string) {
  return useMutation({
    mutationFn: (rule: TResultRule) => api<unknown>('POST', `${base(roundId)}/results/freeze`, rule),
    onSuccess: () => refreshRound(roundId),
  });
}

export function usePublishResults(roundId: string) {
  return useMutation({
    mutationFn: () => api<unknown>('POST', `${base(roundId)}/results/publish`),
    onSuccess: () => refreshRound(roundId),
  });
}

/** Every score sheet and the ranking as workbooks (issue 10 item 7), organizer staff only. */
export const sheetsXlsxUrl = (roundId: string) => `${base(roundId)}/sheets.xlsx`;
export const rankingXlsxUrl = (roundId: string) => `${base(roundId)}/ranking.xlsx`;
