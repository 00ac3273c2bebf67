import type { TAttachmentChecks, TEntry } from '@casearena/contract';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { users } from '../accounts/index.ts';
import { entryAttachments, entryAttachmentVersions } from './entries.tables.ts';
import type { EntryWrite } from './entry-write.ts';
import type { PptxFacts } from './file-checks.ts';

const EDITABLE = new Set(['draft', 'returned']);

/**
 * Puts a stored file in an entry's slot, in the caller's transaction. The slot's previous file is not dropped: its
 * version row is closed (`replaced_at`), so it stays in the entry's history and can still be downloaded.
 */
export async function attachFile(
  tx: Queryable,
  a: {
    entry: TEntry;
    slot: string;
    fileId: string;
    pptx: Omit<PptxFacts, 'checks'> | null;
    checks: TAttachmentChecks | null;
    by: string;
    at: Date;
  },
): Promise<void> {
  await tx
    .update(entryAttachmentVersions)
    .set({ replacedAt: a.at, replacedBy: a.by })
    .where(
      and(
        eq(entryAttachmentVersions.entryId, a.entry.id),
        eq(entryAttachmentVersions.slot, a.slot),
        isNull(entryAttachmentVersions.replacedAt),
      ),
    );
  await tx.insert(entryAttachmentVersions).values({
    entryId: a.entry.id,
    slot: a.slot,
    fileId: a.fileId,
    pptx: a.pptx,
    checks: a.checks,
    entryVersion: a.entry.version,
    uploadedBy: a.by,
    uploadedAt: a.at,
  });
  await tx
    .insert(entryAttachments)
    .values({
      entryId: a.entry.id,
      slot: a.slot,
      fileId: a.fileId,
      pptx: a.pptx,
      checks: a.checks,
      uploadedBy: a.by,
      uploadedAt: a.at,
    })
    .onConflictDoUpdate({
      target: [entryAttachments.entryId, entryAttachments.slot],
      set: { fileId: a.fileId, pptx: a.pptx, checks: a.checks, uploadedBy: a.by, uploadedAt: a.at },
    });
}

/**
 * Empties a slot while the entry is editable; the file stays in the entry's history. The route has asked
 * whyNotEdit on the entry as locked in the caller's transaction, so a submission at the same moment either came first
 * (this is refused) or waits for this to commit.
 */
export async function removeAttachment(w: EntryWrite & { slot: string }): Promise<void> {
  const { tx, entry, slot, actor } = w;
  if (!EDITABLE.has(entry.status)) throw new AppError('WRONG_STATUS');
  const now = w.ctx.clock.now();
  const removed = await tx
    .delete(entryAttachments)
    .where(and(eq(entryAttachments.entryId, entry.id), eq(entryAttachments.slot, slot)))
    .returning({ fileId: entryAttachments.fileId });
  if (removed.length === 0) throw new AppError('NOT_FOUND');
  await tx
    .update(entryAttachmentVersions)
    .set({ replacedAt: now, replacedBy: actor.id })
    .where(
      and(
        eq(entryAttachmentVersions.entryId, entry.id),
        eq(entryAttachmentVersions.slot, slot),
        isNull(entryAttachmentVersions.replacedAt),
      ),
    );
  await appendAudit(tx, {
    kind: 'entry.file_removed',
    actorId: actor.id,
    subjectType: 'entry',
    subjectId: entry.id,
    campaignId: entry.campaignId,
    data: { slot, fileId: removed[0]?.fileId ?? null },
    at: now,
  });
}

/** Every file the entry ever had, per slot oldest first, with who uploaded it and when it stopped being current. */
export async function listAttachmentVersions(db: Queryable, entryId: string) {
  const rows = await db
    .select({ v: entryAttachmentVersions, f: files, by: users.name })
    .from(entryAttachmentVersions)
    .innerJoin(files, eq(files.id, entryAttachmentVersions.fileId))
    .innerJoin(users, eq(users.id, entryAttachmentVersions.uploadedBy))
    .where(eq(entryAttachmentVersions.entryId, entryId))
    .orderBy(asc(entryAttachmentVersions.slot), asc(entryAttachmentVersions.uploadedAt));
  return rows.map((r) => ({
    slot: r.v.slot,
    fileId: r.f.id,
    name: r.f.name,
    size: r.f.size,
    type: r.f.type,
    pptx: r.v.pptx ?? null,
    entryVersion: r.v.entryVersion,
    uploadedAt: r.v.uploadedAt.toISOString(),
    uploadedBy: r.by,
    replacedAt: r.v.replacedAt?.toISOString() ?? null,
    current: r.v.replacedAt === null,
    downloadUrl: `/api/files/${r.f.id}`,
  }));
}

/** The entry a file belongs to (now or in its history) and the file's record, for the download route. */
export async function entryFile(db: Queryable, fileId: string) {
  const [row] = await db
    .select({ entryId: entryAttachmentVersions.entryId, file: files })
    .from(entryAttachmentVersions)
    .innerJoin(files, eq(files.id, entryAttachmentVersions.fileId))
    .where(eq(entryAttachmentVersions.fileId, fileId))
    .limit(1);
  return row ?? null;
}
