import type { Queryable } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { files } from './storage.tables.ts';
import type { StoredBlob } from './storage.ts';

/**
 * A file's name as shown and offered for download: control characters (U+0000 cannot be stored at all) are
 * dropped rather than refusing the upload, so that the file itself is kept.
 */
export function cleanFileName(name: string): string {
  const clean = [...name]
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c >= 0x20 && c !== 0x7f;
    })
    .join('')
    .trim();
  return clean === '' ? 'file' : clean;
}

/** Records a blob that `Storage.put` stored, in the caller's transaction; returns the file's id. */
export async function recordFile(
  db: Queryable,
  blob: StoredBlob,
  file: { ownerId: string | null; name: string; at: Date },
): Promise<string> {
  const [row] = await db
    .insert(files)
    .values({
      ownerId: file.ownerId,
      name: cleanFileName(file.name),
      size: blob.size,
      type: blob.type,
      sha256: blob.sha256,
      storageKey: blob.storageKey,
      createdAt: file.at,
    })
    .returning({ id: files.id });
  if (!row) throw new AppError('INTERNAL');
  return row.id;
}
