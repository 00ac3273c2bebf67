import type { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { campaigns } from './campaigns.tables.ts';

/** Templates an organizer offers for download (the PPT template with its copyright page, S0-4; forms; rules). */
export const DOWNLOAD_FILE = {
  maxBytes: 50 * 1024 * 1024,
  types: ['zip', 'ole2', 'pdf'] as const,
  label: 'PPTX、PPT、DOCX、DOC、PDF',
};

/** Stores the one file part of a multipart upload and lists it on the campaign. */
export async function addDownload(ctx: AppContext, actor: Actor, campaignId: string, label: string, part: Multipart | undefined) {
  if (part?.type !== 'file') throw new AppError('FILE_REQUIRED');
  await storeDownload(ctx, actor, campaignId, { label, filename: part.filename, stream: part.file as Readable });
}

/** Stores a file (type sniffed, size limited while it streams) and lists it on the campaign. */
export async function storeDownload(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  input: { label: string; filename: string; stream: Readable },
) {
  const { label } = input;
  const part = { filename: input.filename };
  const now = ctx.clock.now();
  const blob = await ctx.storage.put(input.stream, {
    maxBytes: DOWNLOAD_FILE.maxBytes,
    allowed: [...DOWNLOAD_FILE.types],
    allowedLabel: DOWNLOAD_FILE.label,
  });
  try {
    await ctx.db.transaction(async (tx) => {
      const file = { id: await recordFile(tx, blob, { ownerId: actor.id, name: part.filename, at: now }) };
      const [campaign] = await tx
        .select({ downloads: campaigns.downloads })
        .from(campaigns)
        .where(eq(campaigns.id, campaignId))
        .for('update');
      if (!file || !campaign) throw new AppError('NOT_FOUND');
      const downloads = [
        ...campaign.downloads,
        { label: label || part.filename, fileId: file.id, name: part.filename, size: blob.size },
      ];
      await tx.update(campaigns).set({ downloads }).where(eq(campaigns.id, campaignId));
      await appendAudit(tx, {
        kind: 'campaign.updated',
        actorId: actor.id,
        subjectType: 'campaign',
        subjectId: campaignId,
        campaignId,
        data: { download: { fileId: file.id, name: part.filename } },
        at: now,
      });
    });
  } catch (err) {
    await ctx.storage.remove(blob.storageKey);
    throw err;
  }
}

export async function removeDownload(ctx: AppContext, actor: Actor, campaignId: string, fileId: string) {
  await ctx.db.transaction(async (tx) => {
    const [campaign] = await tx
      .select({ downloads: campaigns.downloads })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for('update');
    if (!campaign?.downloads.some((d) => d.fileId === fileId)) throw new AppError('NOT_FOUND');
    await tx
      .update(campaigns)
      .set({ downloads: campaign.downloads.filter((d) => d.fileId !== fileId) })
      .where(eq(campaigns.id, campaignId));
    await appendAudit(tx, {
      kind: 'campaign.updated',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: campaignId,
      campaignId,
      data: { removedDownload: fileId },
      at: ctx.clock.now(),
    });
  });
}

/** The stored file of a listed download, or null. */
export async function findDownload(ctx: AppContext, campaignId: string, fileId: string) {
  const [campaign] = await ctx.db.select({ downloads: campaigns.downloads }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign?.downloads.some((d) => d.fileId === fileId)) return null;
  const [file] = await ctx.db.select().from(files).where(eq(files.id, fileId));
  return file ?? null;
}
