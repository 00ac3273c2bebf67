import type { TEntryRoundMaterials, TRoundMaterialFile } from '@casearena/contract';
import { useQuery } from '@tanstack/react-query';
import { api, upload } from './client.ts';
import { queryClient } from './query-client.ts';

const id = encodeURIComponent;

export const roundMaterialKeys = {
  entry: (entryId: string) => ['judging', 'round-materials', entryId] as const,
};

/** The rounds that ask this entry for materials of their own, with each slot's file and the upload ability. */
export function useEntryRoundMaterials(entryId: string) {
  return useQuery({
    queryKey: roundMaterialKeys.entry(entryId),
    queryFn: ({ signal }) => api<TEntryRoundMaterials>('GET', `/api/entries/${id(entryId)}/round-materials`, undefined, signal),
    enabled: entryId !== '',
  });
}

/** Puts one file in a round's slot (multipart, part `file`); a new file replaces the old one as a new version. */
export async function uploadRoundMaterial(
  input: { roundId: string; entryId: string; slotKey: string; file: File },
  onProgress: (percent: number) => void,
): Promise<TRoundMaterialFile> {
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  const url = `/api/judging/rounds/${id(input.roundId)}/entries/${id(input.entryId)}/materials/${id(input.slotKey)}`;
  const file = await upload<TRoundMaterialFile>(url, form, onProgress);
  await queryClient.invalidateQueries({ queryKey: roundMaterialKeys.entry(input.entryId) });
  return file;
}
