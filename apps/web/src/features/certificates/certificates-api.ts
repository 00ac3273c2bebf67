import type {
  TCertificate,
  TCertificateDesign,
  TCertificateDesignInput,
  TCertificateList,
  TCertificateVerification,
} from '@casearena/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api, readResponse } from '../../api/client.ts';
import { queryClient } from '../../api/query-client.ts';
import i18n from '../../i18n/index.ts';

/** Certificates (issue 12 item 4, X-7; contract certificates.ts). */
const id = encodeURIComponent;

export const certificateKeys = {
  design: (campaignId: string) => ['certificates', campaignId, 'design'] as const,
  list: (campaignId: string) => ['certificates', campaignId, 'list'] as const,
  verify: (number: string, code: string) => ['certificate-verify', number, code] as const,
};

export const certificatePdfUrl = (certificateId: string) => `/api/certificates/${id(certificateId)}/pdf`;
export const certificatesZipUrl = (campaignId: string) => `/api/campaigns/${id(campaignId)}/certificates.zip`;

/** A multipart PUT (the API client's upload() posts); the CSRF token is the cookie any earlier GET has set. */
async function putForm<T>(url: string, form: FormData): Promise<T> {
  const csrf = /(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': i18n.language, 'x-csrf-token': decodeURIComponent(csrf) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  return readResponse<T>(res.status, await res.text());
}

export function useCertificateDesign(campaignId: string) {
  return useQuery({
    queryKey: certificateKeys.design(campaignId),
    queryFn: ({ signal }) =>
      api<TCertificateDesign>('GET', `/api/campaigns/${id(campaignId)}/certificates/design`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

export function useSaveCertificateDesign(campaignId: string) {
  return useMutation({
    mutationFn: (input: TCertificateDesignInput) =>
      api<TCertificateDesign>('PUT', `/api/campaigns/${id(campaignId)}/certificates/design`, input),
    onSuccess: (design) => queryClient.setQueryData(certificateKeys.design(campaignId), design),
  });
}

/** The seal: a PNG of at most 1 MB, sent as one multipart file. */
export function useUploadSeal(campaignId: string) {
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return putForm<TCertificateDesign>(`/api/campaigns/${id(campaignId)}/certificates/seal`, form);
    },
    onSuccess: (design) => queryClient.setQueryData(certificateKeys.design(campaignId), design),
  });
}

export function useCertificates(campaignId: string) {
  return useQuery({
    queryKey: certificateKeys.list(campaignId),
    queryFn: ({ signal }) => api<TCertificateList>('GET', `/api/campaigns/${id(campaignId)}/certificates`, undefined, signal),
    enabled: Boolean(campaignId),
  });
}

export function useIssueCertificates(campaignId: string) {
  return useMutation({
    mutationFn: () =>
      api<{ issued: number; existing: number }>('POST', `/api/campaigns/${id(campaignId)}/certificates/issue`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: certificateKeys.list(campaignId) }),
  });
}

export function useRevokeCertificate(campaignId: string) {
  return useMutation({
    mutationFn: (input: { certificateId: string; reason: string }) =>
      api<TCertificate>('POST', `/api/certificates/${id(input.certificateId)}/revoke`, { reason: input.reason }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: certificateKeys.list(campaignId) }),
  });
}

export function useVerifyCertificate(number: string, code: string) {
  return useQuery({
    queryKey: certificateKeys.verify(number, code),
    queryFn: ({ signal }) =>
      api<TCertificateVerification>('GET', `/api/public/certificates/${id(number)}?code=${id(code)}`, undefined, signal),
    enabled: Boolean(number && code),
  });
}
