import { CERTIFICATION_FILE, errorMessage, type Locale } from '@casearena/contract';
import { formatBytes } from '../../components/format.ts';

/** What the file picker offers; the server still sniffs the content, this only spares a doomed upload. */
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

const MIME = {
  pdf: ['application/pdf'],
  png: ['image/png'],
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
} as const satisfies Record<(typeof CERTIFICATION_FILE.types)[number], readonly string[]>;
const EXTENSIONS = { pdf: ['pdf'], png: ['png'], jpeg: ['jpg', 'jpeg'] } as const satisfies Record<
  (typeof CERTIFICATION_FILE.types)[number],
  readonly string[]
>;

// A no-break space keeps "10 MB" on one line in the hint.
export const maxSizeLabel = formatBytes(CERTIFICATION_FILE.maxBytes).replace('.0 ', ' ').replace(' ', '\u00a0');

/**
 * The contract's own message when a file cannot be accepted, else null. Some phones report no MIME type, so the
 * extension counts too.
 */
export function fileProblem(file: File, lang: Locale): string | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const typeOk = CERTIFICATION_FILE.types.some(
    (k) => (MIME[k] as readonly string[]).includes(file.type) || (EXTENSIONS[k] as readonly string[]).includes(ext),
  );
  if (!typeOk) return errorMessage('FILE_TYPE_NOT_ALLOWED', lang, { allowed: CERTIFICATION_FILE.label });
  if (file.size > CERTIFICATION_FILE.maxBytes) return errorMessage('FILE_TOO_LARGE', lang, { limit: maxSizeLabel });
  return null;
}
