import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { type TEntry, type TFormField, type TUpload, ZUploadMetadata } from '@casearena/contract';
import { and, count, eq, gt, isNull, lt } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError, fieldErrorOf } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { UPLOAD_EXPIRY_MS } from '../../platform/storage/storage.ts';
import { formFields } from '../campaigns/index.ts';
import { attachFile } from './attachment-versions.ts';
import { entryRelation, whyNotUpload } from './entries.policy.ts';
import { findEntry } from './entries.repo.ts';
import { entries, uploads } from './entries.tables.ts';
import { allowedKinds, checkAttachment, typesLabel } from './file-checks.ts';

type Slot = Extract<TFormField, { kind: 'attachment' }>;
export type UploadRow = typeof uploads.$inferSelect;

/** Uploads an entry may have open at once: enough for the PPT, the video and a retry, not a disk-filling loop. */
export const MAX_OPEN_UPLOADS = 3;
const EDITABLE = new Set(['draft', 'returned']);
const formatLimit = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`);

async function slotOf(ctx: AppContext, entry: TEntry, key: string): Promise<Slot> {
  const field = (await formFields(ctx.db, entry.campaignId, entry.formVersion)).find((f) => f.key === key);
  if (field?.kind !== 'attachment')
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'slot', code: 'INVALID_CHOICE' }]);
  return field;
}

/** The entry's own organization edits it, while it is a draft or returned; others learn nothing (NOT_FOUND). */
async function editableEntry(ctx: AppContext, actor: Actor, entryId: string): Promise<TEntry> {
  const entry = await findEntry(ctx.db, entryId);
  const relation = entry ? await entryRelation(ctx.db, actor, entry) : null;
  if (!entry || !relation) throw new AppError('NOT_FOUND');
  const refusal = whyNotUpload(relation, entry); // the rule GET /api/entries/:id reports as `abilities.upload`
  if (refusal) throw new AppError(refusal);
  return entry;
}

/**
 * Authorizes a tus upload before it exists (POST /api/uploads): the metadata names an entry the actor may edit and
 * one of its attachment slots; the declared length fits the slot (S0-4 PPT <= 30 MB, S0-5 MP4 <= 700 MB), so an
 * oversized file is refused before a byte is sent; the entry has fewer than MAX_OPEN_UPLOADS unfinished uploads.
 * Records the upload and returns its id, which the tus server then uses for the stored bytes.
 */
export async function startUpload(
  ctx: AppContext,
  actor: Actor,
  input: { metadata: Record<string, string | null | undefined>; length: number | null },
): Promise<UploadRow> {
  const parsed = ZUploadMetadata.safeParse({
    entryId: input.metadata.entryId ?? '',
    slot: input.metadata.slot ?? '',
    // Control characters (NUL above all) have no place in a file name and would break the database's text.
    filename: (input.metadata.filename ?? '').replace(/\p{Cc}/gu, ''),
  });
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      undefined,
      parsed.error.issues.map((i) => ({ ...fieldErrorOf(i), path: `metadata.${i.path.join('.')}` })),
    );
  const meta = parsed.data;
  const entry = await editableEntry(ctx, actor, meta.entryId);
  const slot = await slotOf(ctx, entry, meta.slot);
  if (input.length === null) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'Upload-Length', code: 'REQUIRED' }]);
  if (input.length === 0) throw new AppError('FILE_REQUIRED');
  if (input.length > slot.maxBytes) throw new AppError('FILE_TOO_LARGE', { limit: formatLimit(slot.maxBytes) });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Serializes uploads of one entry, so two creations at once cannot both pass the cap; and the entry is asked
    // again as it is now (issue 8 item 4): one submitted since it was read above takes no new upload.
    const [current] = await tx.select({ status: entries.status }).from(entries).where(eq(entries.id, entry.id)).for('update');
    if (!current || !EDITABLE.has(current.status)) throw new AppError('WRONG_STATUS');
    const [open] = await tx
      .select({ n: count() })
      .from(uploads)
      .where(
        and(
          eq(uploads.entryId, entry.id),
          isNull(uploads.fileId),
          gt(uploads.createdAt, new Date(now.getTime() - UPLOAD_EXPIRY_MS)),
        ),
      );
    if ((open?.n ?? 0) >= MAX_OPEN_UPLOADS) throw new AppError('UPLOADS_OPEN_LIMIT', { max: MAX_OPEN_UPLOADS });
    const [row] = await tx
      .insert(uploads)
      .values({
        id: randomUUID(),
        entryId: entry.id,
        slot: slot.key,
        ownerId: actor.id,
        name: meta.filename,
        size: input.length as number,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    return row;
  });
}

/** The actor's own upload; anyone else's, or one that is gone, is NOT_FOUND. */
export async function findOwnUpload(ctx: AppContext, actor: Actor, id: string): Promise<UploadRow> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('NOT_FOUND');
  const [row] = await ctx.db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.ownerId, actor.id)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Which content kinds the upload's slot takes, and how to name them to the user (for sniffing the first bytes). */
export async function expectedKinds(ctx: AppContext, row: UploadRow) {
  const entry = await findEntry(ctx.db, row.entryId);
  if (!entry || !EDITABLE.has(entry.status)) throw new AppError('WRONG_STATUS');
  const slot = await slotOf(ctx, entry, row.slot);
  return { kinds: allowedKinds(slot.types), label: typesLabel(slot.types) };
}

/** Drops an upload that cannot succeed (wrong type, content refused) or was abandoned: its bytes and its row. */
export async function dropUpload(ctx: AppContext, id: string): Promise<void> {
  await ctx.storage.uploads.remove(id).catch(() => undefined);
  await ctx.db.delete(uploads).where(and(eq(uploads.id, id), isNull(uploads.fileId)));
}

/** A stream now for bytes that arrive later (the S3 store opens an object asynchronously). */
function lazyStream(open: () => Readable | Promise<Readable>): Readable {
  const out = new PassThrough();
  Promise.resolve()
    .then(open)
    .then(
      (source) => {
        source.on('error', (err) => out.destroy(err));
        source.pipe(out);
      },
      (err: Error) => out.destroy(err),
    );
  return out;
}

const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Looks into a file (an Office file must really be one; a PPTX reports slides, copyright page and animations, S0-4),
 * stores it through the storage interface (type sniffed, SHA-256) and puts it in its slot; the file it replaces stays
 * in the entry's history. `claim` runs first in the transaction; when it says no, nothing is attached and the
 * stored copy is removed. Returns the file's id, or null when the claim refused.
 */
async function putInSlot(
  ctx: AppContext,
  p: {
    entry: TEntry;
    slot: Slot;
    name: string;
    by: string;
    /** A fresh stream of the whole file on every call (the checks and the storage each read it). */
    open: () => Readable;
    claim?: (tx: Queryable, fileId: string) => Promise<boolean>;
  },
): Promise<string | null> {
  const { pptx, checks } = await checkAttachment(p.open, p.slot);
  const kinds = allowedKinds(p.slot.types);
  const blob = await ctx.storage.put(p.open(), {
    maxBytes: p.slot.maxBytes,
    allowed: kinds,
    allowedLabel: typesLabel(p.slot.types),
  });
  const now = ctx.clock.now();
  const attach = ctx.db.transaction(async (tx) => {
    // The entry as it is now, its row locked (issue 8 item 4): one submitted or withdrawn since the upload began
    // takes no file, and a submission waits for this one to commit.
    const [current] = await tx
      .select({ status: entries.status, version: entries.version })
      .from(entries)
      .where(eq(entries.id, p.entry.id))
      .for('update');
    if (!current || !EDITABLE.has(current.status)) throw new AppError('WRONG_STATUS');
    const id = await recordFile(tx, blob, { ownerId: p.by, name: p.name, at: now });
    if (p.claim && !(await p.claim(tx, id))) return null;
    const entry = { ...p.entry, version: current.version };
    await attachFile(tx, { entry, slot: p.slot.key, fileId: id, pptx, checks, by: p.by, at: now });
    await appendAudit(tx, {
      kind: 'entry.file_attached',
      actorId: p.by,
      subjectType: 'entry',
      subjectId: p.entry.id,
      campaignId: p.entry.campaignId,
      data: { slot: p.slot.key, fileId: id, name: p.name, size: blob.size, sha256: blob.sha256 },
      at: now,
    });
    return id;
  });
  const fileId = await attach.catch(async (err) => {
    await ctx.storage.remove(blob.storageKey);
    throw err;
  });
  if (!fileId) await ctx.storage.remove(blob.storageKey);
  return fileId;
}

/** Puts a whole file in a slot of an editable entry in one go (the demo seed; tests). */
export async function attachFromStream(
  ctx: AppContext,
  actor: Actor,
  entryId: string,
  input: { slot: string; name: string; source: Readable },
): Promise<TEntry> {
  const entry = await editableEntry(ctx, actor, entryId);
  const slot = await slotOf(ctx, entry, input.slot);
  const whole = await readAll(input.source);
  await putInSlot(ctx, { entry, slot, name: input.name, by: actor.id, open: () => Readable.from([whole]) });
  return (await findEntry(ctx.db, entry.id)) as TEntry;
}

/**
 * The last byte of a tus upload has arrived (onUploadFinish): the file goes into its slot as `putInSlot` says, by the
 * upload's owner. A refusal (content, type) drops the upload, so the client starts afresh. Runs to the end once per
 * upload: the compare-and-set on `file_id` makes a second finish (another node, a retried HEAD) a no-op.
 */
export async function finishUpload(ctx: AppContext, id: string): Promise<TUpload> {
  const [row] = await ctx.db.select().from(uploads).where(eq(uploads.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (row.fileId) return presentUpload(ctx, row);
  const entry = await findEntry(ctx.db, row.entryId);
  if (!entry || !EDITABLE.has(entry.status)) throw new AppError('WRONG_STATUS');
  const slot = await slotOf(ctx, entry, row.slot);
  try {
    await putInSlot(ctx, {
      entry,
      slot,
      name: row.name,
      by: row.ownerId,
      open: () => lazyStream(() => ctx.storage.uploads.read(id)),
      claim: async (tx, fileId) =>
        (
          await tx
            .update(uploads)
            .set({ fileId, received: row.size, updatedAt: ctx.clock.now() })
            .where(and(eq(uploads.id, id), isNull(uploads.fileId)))
            .returning({ id: uploads.id })
        ).length === 1,
    });
  } catch (err) {
    if (err instanceof AppError) await dropUpload(ctx, id);
    throw err;
  }
  await ctx.storage.uploads.remove(id).catch(() => undefined);
  const [done] = await ctx.db.select().from(uploads).where(eq(uploads.id, id));
  return presentUpload(ctx, done as UploadRow);
}

async function presentUpload(ctx: AppContext, row: UploadRow): Promise<TUpload> {
  const entry = row.fileId ? await findEntry(ctx.db, row.entryId) : null;
  return {
    id: row.id,
    slot: row.slot,
    name: row.name,
    size: row.size,
    offset: row.fileId ? row.size : row.received,
    complete: row.fileId !== null,
    attachment: entry?.attachments.find((a) => a.fileId === row.fileId) ?? null,
  };
}

/**
 * Abandoned uploads: those not finished a day after they started are dropped with their bytes (run by the entry
 * sweeps on every node; dropping twice is harmless). Returns how many went.
 */
export async function expireAbandonedUploads(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - UPLOAD_EXPIRY_MS);
  const stale = await ctx.db
    .select({ id: uploads.id })
    .from(uploads)
    .where(and(isNull(uploads.fileId), lt(uploads.createdAt, cutoff)))
    .limit(500);
  for (const { id } of stale) await dropUpload(ctx, id);
  return stale.length;
}
