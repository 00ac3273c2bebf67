import type { CertificationKind, CertificationStatus, TCertificationView as TCertification } from '@casearena/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, upload, withQuery } from './client.ts';
import type { Page } from './orgs.ts';
import { queryClient, queryKeys } from './query-client.ts';

export function useMyCertifications(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.myCertifications,
    queryFn: ({ signal }) => api<{ items: TCertification[] }>('GET', '/api/certifications/mine', undefined, signal),
    enabled,
  });
}

export interface CertificationRequest {
  kind: CertificationKind;
  organizationId: string;
  title?: string | undefined;
  note?: string | undefined;
  file: File;
}

export function useRequestCertification(onProgress: (percent: number) => void) {
  return useMutation({
    mutationFn: (req: CertificationRequest) => {
      const form = new FormData();
      // Text fields first: the server validates them before it starts streaming the file to storage.
      form.append('kind', req.kind);
      form.append('organizationId', req.organizationId);
      if (req.title) form.append('title', req.title);
      if (req.note) form.append('note', req.note);
      form.append('file', req.file, req.file.name);
      return upload<TCertification>('/api/certifications', form, onProgress);
    },
    onSuccess: () => invalidateCertifications(),
  });
}

export function useWithdrawCertification() {
  return useMutation({
    mutationFn: (id: string) => api<TCertification>('POST', `/api/certifications/${encodeURIComponent(id)}/withdraw`),
    onSuccess: () => invalidateCertifications(),
  });
}

export function useCertificationQueue(status: CertificationStatus | undefined, page: number, pageSize = 20) {
  return useQuery({
    queryKey: queryKeys.certificationQueue(status, page),
    queryFn: ({ signal }) =>
      api<Page<TCertification>>('GET', withQuery('/api/admin/certifications', { status, page, pageSize }), undefined, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDecideCertification() {
  return useMutation({
    mutationFn: (args: { id: string; decision: 'approve' } | { id: string; decision: 'reject'; reason: string }) =>
      args.decision === 'approve'
        ? api<TCertification>('POST', `/api/admin/certifications/${encodeURIComponent(args.id)}/approve`)
        : api<TCertification>('POST', `/api/admin/certifications/${encodeURIComponent(args.id)}/reject`, {
            reason: args.reason,
          }),
    onSuccess: () => invalidateCertifications(),
  });
}

/** The file download goes straight to the browser: the session cookie authorizes it. */
export const certificationFileUrl = (id: string) => `/api/certifications/${encodeURIComponent(id)}/file`;

/** A decision also changes the applicant's certification level, shown from /api/me. */
function invalidateCertifications() {
  void queryClient.invalidateQueries({ queryKey: queryKeys.certifications });
  void queryClient.invalidateQueries({ queryKey: queryKeys.me });
}
