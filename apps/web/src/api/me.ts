import type { Locale, TLoginInput, TMe, TRegisterInput, TResetConfirmInput, TUpdateProfileInput } from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import { queryClient, queryKeys } from './query-client.ts';

/** The signed-in user, or null when signed out (a 401 is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await api<TMe>('GET', '/api/me', undefined, signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** A new session belongs to a different person: drop everything cached for the previous one. */
function startSession(me: TMe | null) {
  queryClient.removeQueries({ queryKey: queryKeys.certifications });
  queryClient.setQueryData(queryKeys.me, me);
}

export function useLogin() {
  return useMutation({
    mutationFn: (input: TLoginInput) => api<TMe>('POST', '/api/auth/login', input),
    onSuccess: startSession,
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (input: TRegisterInput) => api<TMe>('POST', '/api/auth/register', input),
    onSuccess: startSession,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api<{ ok: true }>('POST', '/api/auth/logout'),
    onSuccess: () => startSession(null),
  });
}

export function useRequestReset() {
  return useMutation({
    mutationFn: (identifier: string) => api<{ ok: true }>('POST', '/api/auth/password-reset/request', { identifier }),
  });
}

export function useConfirmReset() {
  return useMutation({
    mutationFn: (input: TResetConfirmInput) => api<{ ok: true }>('POST', '/api/auth/password-reset/confirm', input),
  });
}

export function useUpdateProfile() {
  return useMutation({
    mutationFn: (input: TUpdateProfileInput) => api<TMe>('PATCH', '/api/me', input),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
  });
}

/** Saves the UI language with the profile so mail, SMS and server messages follow it too. */
export function saveLocale(locale: Locale): Promise<TMe> {
  return api<TMe>('PATCH', '/api/me', { locale }).then((me) => {
    queryClient.setQueryData(queryKeys.me, me);
    return me;
  });
}
