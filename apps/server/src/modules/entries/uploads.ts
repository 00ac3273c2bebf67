import type { Readable } from 'node:stream';
import type { TEntry, TFormField, TUpload } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { sniff } from '../../platform/storage/sniff.ts';
import { formFields } from '../campaigns/index.ts';
import { findEntry } from './entries.repo.ts';
import { entryAttachments, uploads } from './entries.tables.ts';
import { allowedKinds, inspectZip, type PptxFacts, typesLabel } from './file-checks.ts';

type Slot = Extract<TFormField, { kind: 'attachment' }>;
type UploadRow = typeof uploads.$inferSelect;

const EDITABLE = new Set(['draft', 'returned']);
const formatLimit = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`);

async function slotOf(ctx: AppContext, entry: TEntry, key: string): Promise<Slot> {
  const field = (await formFields(ctx.db, entry.campaignId, entry.formVersion)).find((f) => f.key === key);
  if (field?.kind !== 'attachment')
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'slot', code: 'INVALID_CHOICE' }]);
  return field;
}

async function presentUpload(ctx: AppContext, row: UploadRow): Promise<TUpload> {
  const entry = row.fileId ? await findEntry(ctx.db, row.entryId) : null;
  return {
    id: row.id,
    slot: row.slot,
    name: row.name,
    size: row.size,
    offset: row.received,
    complete: row.fileId !== null,
    attachment: entry?.attachments.find((a) => a.fileId === row.fileId) ?? null,
  };
}

/**
 * Starts a resumable upload into an attachment slot of an editable entry. The declared size is checked against the
 * slot's limit at once (S0-4 PPT <= 30 MB, S0-5 MP4 <= 700 MB), before a byte is sent.
 */
export async function createUpload(
  ctx: AppContext,
  actor: Actor,
  entry: TEntry,
  input: { slot: string; name: string; size: number },
) {
  if (!EDITABLE.has(entry.status)) throw new AppError('WRONG_STATUS');
  const slot = await slotOf(ctx, entry, input.slot);
  if (input.size > slot.maxBytes) throw new AppError('FILE_TOO_LARGE', { limit: formatLimit(slot.maxBytes) });
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(uploads)
    .values({
      entryId: entry.id,
      slot: slot.key,
      ownerId: actor.id,
      name: input.name,
      size: input.size,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new AppError('INTERNAL');
  return presentUpload(ctx, row);
}

/** One chunk at a time per upload on this node, so two retries of the same chunk cannot interleave on disk. */
const busy = new Map<string, Promise<unknown>>();

export async function findUpload(ctx: AppContext, actor: Actor, id: string): Promise<UploadRow> {
  const [row] = await ctx.db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.ownerId, actor.id)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getUpload(ctx: AppContext, actor: Actor, id: string) {
  return presentUpload(ctx, await findUpload(ctx, actor, id));
}

/**
 * Appends a chunk at `offset`. The offset must equal what the server holds (UPLOAD_OFFSET_MISMATCH tells the client
 * where to resume); the first bytes are sniffed at once, so an .exe renamed .pptx is refused on its first chunk; the
 * size is enforced while the chunk streams. When the last byte arrives the file is inspected and put in its slot.
 */
export async function appendChunk(ctx: AppContext, actor: Actor, id: string, offset: number, body: Readable): Promise<TUpload> {
  const previous = busy.get(id);
  if (previous) {
    body.resume();
    throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: ctx.storage.partSize(id) });
  }
  const work = (async () => {
    const row = await findUpload(ctx, actor, id);
    if (row.fileId) {
      body.resume();
      return presentUpload(ctx, row);
    }
    const held = ctx.storage.partSize(id);
    if (offset !== held) {
      body.resume();
      throw new AppError('UPLOAD_OFFSET_MISMATCH', { offset: held });
    }
    const entry = await findEntry(ctx.db, row.entryId);
    if (!entry || !EDITABLE.has(entry.status)) {
      body.resume();
      throw new AppError('WRONG_STATUS');
    }
    const slot = await slotOf(ctx, entry, row.slot);
    const kinds = allowedKinds(slot.types);
    const check = (head: Buffer) => {
      if (!kinds.includes(sniff(head))) throw new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: typesLabel(slot.types) });
    };
    let received: number;
    try {
      received = await ctx.storage.appendPart(id, body, row.size, check);
    } catch (err) {
      // A wrong type is final: drop what was kept so a retry cannot continue it.
      if (err instanceof AppError && err.code === 'FILE_TYPE_NOT_ALLOWED') await ctx.storage.removePart(id);
      throw err;
    }
    await ctx.db.update(uploads).set({ received, updatedAt: ctx.clock.now() }).where(eq(uploads.id, id));
    if (received < row.size) return presentUpload(ctx, { ...row, received });
    return finish(ctx, actor, { ...row, received }, entry, slot);
  })();
  busy.set(id, work);
  try {
    return await work;
  } finally {
    busy.delete(id);
  }
}

async function finish(ctx: AppContext, actor: Actor, row: UploadRow, entry: TEntry, slot: Slot): Promise<TUpload> {
  const kinds = allowedKinds(slot.types);
  let pptx: PptxFacts | null = null;
  if (kinds.includes('zip') && sniff(await firstBytes(ctx, row.id)) === 'zip') {
    // Office files are at most tens of MB here (S0-4: 30 MB), so reading one whole is fine.
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.storage.openPart(row.id)) chunks.push(chunk as Buffer);
    try {
      pptx = await inspectZip(Buffer.concat(chunks), slot.types);
    } catch (err) {
      await ctx.storage.removePart(row.id);
      await ctx.db.update(uploads).set({ received: 0 }).where(eq(uploads.id, row.id));
      throw err;
    }
  }
  const blob = await ctx.storage.put(ctx.storage.openPart(row.id), {
    maxBytes: slot.maxBytes,
    allowed: kinds,
    allowedLabel: typesLabel(slot.types),
  });
  await ctx.storage.removePart(row.id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const file = { id: await recordFile(tx, blob, { ownerId: actor.id, name: row.name, at: now }) };
    await tx
      .insert(entryAttachments)
      .values({ entryId: entry.id, slot: slot.key, fileId: file.id, pptx, uploadedBy: actor.id, uploadedAt: now })
      .onConflictDoUpdate({
        target: [entryAttachments.entryId, entryAttachments.slot],
        set: { fileId: file.id, pptx, uploadedBy: actor.id, uploadedAt: now },
      });
    await tx.update(uploads).set({ fileId: file.id, updatedAt: now }).where(eq(uploads.id, row.id));
    await appendAudit(tx, {
      kind: 'entry.file_attached',
      actorId: actor.id,
      subjectType: 'entry',
      subjectId: entry.id,
      campaignId: entry.campaignId,
      data: { slot: slot.key, fileId: file.id, name: row.name, size: blob.size, sha256: blob.sha256 },
      at: now,
    });
    return file.id;
  });
  const [done] = await ctx.db.select().from(uploads).where(eq(uploads.id, row.id));
  return presentUpload(ctx, done as UploadRow);
}

async function firstBytes(ctx: AppContext, id: string): Promise<Buffer> {
  for await (const chunk of ctx.storage.openPart(id)) return (chunk as Buffer).subarray(0, 16);
  return Buffer.alloc(0);
}

/** Empties a slot; the file itself is kept, only the entry no longer points at it. */
export async function removeAttachment(ctx: AppContext, actor: Actor, entry: TEntry, slot: string): Promise<TEntry> {
  if (!EDITABLE.has(entry.status)) throw new AppError('WRONG_STATUS');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(entryAttachments)
      .where(and(eq(entryAttachments.entryId, entry.id), eq(entryAttachments.slot, slot)))
      .returning({ fileId: entryAttachments.fileId });
    if (removed.length === 0) throw new AppError('NOT_FOUND');
    await appendAudit(tx, {
      kind: 'entry.file_removed',
      actorId: actor.id,
      subjectType: 'entry',
      subjectId: entry.id,
      campaignId: entry.campaignId,
      data: { slot, fileId: removed[0]?.fileId ?? null },
      at: now,
    });
  });
  return (await findEntry(ctx.db, entry.id)) as TEntry;
}
