import type { Queryable } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { files } from './storage.tables.ts';
import type { StoredBlob } from './storage.ts';

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
      name: file.name,
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
