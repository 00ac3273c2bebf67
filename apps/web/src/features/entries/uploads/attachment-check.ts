import { ATTACHMENT_TYPE_LABELS, type AttachmentType, errorMessage, type Locale, type TFormField } from '@casearena/contract';
import { formatBytes } from '../../../components/format.ts';

export type AttachmentField = Extract<TFormField, { kind: 'attachment' }>;

/** File name endings per allowed type; the server sniffs the content, this only spares a doomed upload. */
const EXTENSIONS = {
  pptx: ['pptx'],
  ppt: ['ppt'],
  pdf: ['pdf'],
  docx: ['docx'],
  mp4: ['mp4', 'm4v'],
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
} as const satisfies Record<AttachmentType, readonly string[]>;

export const acceptOf = (field: AttachmentField) => field.types.flatMap((t) => EXTENSIONS[t].map((e) => `.${e}`)).join(',');

export const typesLabel = (field: AttachmentField) => field.types.map((t) => ATTACHMENT_TYPE_LABELS[t]).join(' / ');

/** The contract's own message when the file cannot go into this slot, else null. */
export function attachmentProblem(file: File, field: AttachmentField, lang: Locale): string | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!field.types.some((t) => (EXTENSIONS[t] as readonly string[]).includes(ext)))
    return errorMessage('FILE_TYPE_NOT_ALLOWED', lang, { allowed: typesLabel(field) });
  if (file.size > field.maxBytes) return errorMessage('FILE_TOO_LARGE', lang, { limit: formatBytes(field.maxBytes) });
  if (file.size === 0) return errorMessage('FILE_REQUIRED', lang);
  return null;
}
