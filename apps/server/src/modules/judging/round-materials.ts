import { PassThrough, type Readable } from 'node:stream';
import type { RoundMaterialRefusal, TEntryRoundMaterials, TExtraSlot, TFormField } from '@casearena/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { allowedKinds, checkAttachment, entries, entryRelation, typesLabel } from '../entries/index.ts';
import { judgingRounds, roundEntries, roundResults } from './judging.tables.ts';
import { roundMaterials } from './round-materials.tables.ts';

type RoundRow = typeof judgingRounds.$inferSelect;
type EntryFacts = { id: string; campaignId: string; status: string; themeId: string; trackKey: string | null };
type EntryAccess = { entry: EntryFacts; relation: 'owner' | 'partner' };

/** The entry and the caller's relation to it: its applicants only (the entering unit, a joint one), others NOT_FOUND. */
async function applicantOf(db: Queryable, actor: Actor, entryId: string): Promise<EntryAccess> {
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw new AppError('NOT_FOUND');
  const [row] = await db
    .select({
      id: entries.id,
      campaignId: entries.campaignId,
      status: entries.status,
      themeId: entries.themeId,
      trackKey: entries.trackKey,
      organizationId: entries.organizationId,
      partnerIds: entries.partnerIds,
    })
    .from(entries)
    .where(eq(entries.id, entryId));
  if (!row) throw new AppError('NOT_FOUND');
  const relation = await entryRelation(db, actor, {
    organization: { id: row.organizationId },
    campaignId: row.campaignId,
    partnerIds: row.partnerIds,
  });
  if (relation !== 'owner' && relation !== 'partner') throw new AppError('NOT_FOUND');
  return { entry: row, relation };
}

/**
 * Whether a round asks this entry for its materials: once open, the entries it holds; before it opens, the entries
 * its scope will take (passed entries of its themes and tracks, or those its frozen source round advanced).
 */
async function inScope(db: Queryable, round: RoundRow, entry: EntryFacts): Promise<boolean> {
  if (round.campaignId !== entry.campaignId) return false;
  if (round.status !== 'draft') {
    const [held] = await db
      .select({ id: roundEntries.entryId })
      .from(roundEntries)
      .where(and(eq(roundEntries.roundId, round.id), eq(roundEntries.entryId, entry.id)));
    return held !== undefined;
  }
  const { scope } = round;
  if (scope.kind === 'themes') {
    const tracks = scope.trackKeys ?? [];
    return (
      entry.status === 'passed' &&
      scope.themeIds.includes(entry.themeId) &&
      (tracks.length === 0 || (entry.trackKey !== null && tracks.includes(entry.trackKey)))
    );
  }
  const [advanced] = await db
    .select({ id: roundResults.entryId })
    .from(roundResults)
    .innerJoin(judgingRounds, eq(judgingRounds.id, roundResults.roundId))
    .where(
      and(
        eq(roundResults.roundId, scope.fromRoundId),
        eq(roundResults.entryId, entry.id),
        eq(roundResults.advanced, true),
        eq(judgingRounds.status, 'frozen'),
      ),
    );
  return advanced !== undefined;
}

/** The upload rule, shared by the route and the `upload` ability: the entering unit, while the round is a draft. */
export function whyNotUploadMaterial(
  relation: 'owner' | 'partner',
  round: Pick<RoundRow, 'status'>,
): RoundMaterialRefusal | null {
  if (relation !== 'owner') return 'FORBIDDEN';
  return round.status === 'draft' ? null : 'ROUND_MATERIALS_LOCKED';
}

/** A round's slot read as an attachment slot, so the entries module's checks apply to it unchanged. */
const asAttachmentSlot = (slot: TExtraSlot) =>
  ({ ...slot, kind: 'attachment', required: slot.required }) as Extract<TFormField, { kind: 'attachment' }>;

/** The files in each round's slots for an entry, keyed `roundId/slotKey`. */
async function filesOf(db: Queryable, entryId: string, roundIds: string[]) {
  if (roundIds.length === 0) return new Map();
  const rows = await db
    .select({ m: roundMaterials, size: files.size, type: files.type })
    .from(roundMaterials)
    .innerJoin(files, eq(files.id, roundMaterials.fileId))
    .where(and(eq(roundMaterials.entryId, entryId), inArray(roundMaterials.roundId, roundIds)));
  return new Map(
    rows.map((r) => [
      `${r.m.roundId}/${r.m.slotKey}`,
      {
        fileId: r.m.fileId,
        name: r.m.name,
        size: r.size,
        type: r.type,
        version: r.m.version,
        uploadedAt: r.m.uploadedAt.toISOString(),
      },
    ]),
  );
}

/**
 * GET /api/entries/:entryId/round-materials: the rounds that ask this entry for materials of their own (seed 002's
 * 复审: the 汇报 PPT and an MP4 <= 8 min), each with its slots and their rules, the file in each, and whether the
 * caller may upload now. For the entry's applicants; anyone else NOT_FOUND.
 */
export async function entryRoundMaterials(db: Queryable, actor: Actor, entryId: string): Promise<TEntryRoundMaterials> {
  const { entry, relation } = await applicantOf(db, actor, entryId);
  const rounds = (
    await db
      .select()
      .from(judgingRounds)
      .where(eq(judgingRounds.campaignId, entry.campaignId))
      .orderBy(asc(judgingRounds.ordinal), asc(judgingRounds.id))
  ).filter((r) => r.materials.extraSlots.length > 0);
  const asking: RoundRow[] = [];
  for (const r of rounds) if (await inScope(db, r, entry)) asking.push(r);
  const held = await filesOf(
    db,
    entry.id,
    asking.map((r) => r.id),
  );
  return {
    rounds: asking.map((r) => ({
      roundId: r.id,
      label: r.label,
      status: r.status,
      opensAt: r.opensAt.toISOString(),
      slots: r.materials.extraSlots.map((s) => ({ ...s, file: held.get(`${r.id}/${s.key}`) ?? null })),
      abilities: { upload: whyNotUploadMaterial(relation, r) ?? true },
    })),
  };
}

/** A round the entry's applicant may put a file in now, and the slot; each refusal as precise as the caller may know. */
async function uploadTarget(db: Queryable, actor: Actor, input: { roundId: string; entryId: string; slotKey: string }) {
  const { entry, relation } = await applicantOf(db, actor, input.entryId);
  if (!/^[0-9a-f-]{36}$/i.test(input.roundId)) throw new AppError('NOT_FOUND');
  const [round] = await db.select().from(judgingRounds).where(eq(judgingRounds.id, input.roundId));
  if (!round || !(await inScope(db, round, entry))) throw new AppError('NOT_FOUND');
  const slot = round.materials.extraSlots.find((s) => s.key === input.slotKey);
  if (!slot) throw new AppError('NOT_FOUND');
  const refusal = whyNotUploadMaterial(relation, round);
  if (refusal === 'ROUND_MATERIALS_LOCKED') throw new AppError(refusal, { label: round.label });
  if (refusal) throw new AppError(refusal);
  return { entry, round, slot };
}

/** A stream now of a stored file that opens asynchronously (the checks read the file more than once). */
function reopen(ctx: AppContext, storageKey: string): () => Readable {
  return () => {
    const out = new PassThrough();
    ctx.storage.open(storageKey).then(
      (source) => {
        source.on('error', (err) => out.destroy(err));
        source.pipe(out);
      },
      (err: Error) => out.destroy(err),
    );
    return out;
  };
}

/**
 * POST /api/judging/rounds/:roundId/entries/:entryId/materials/:slotKey (issue 10 item 2): the entering unit's
 * editor puts a file in one of the round's own slots while the round is a draft and asks this entry (its scope). The
 * caller is checked before a byte is kept; the file is sniffed and limited as it streams into storage, then checked
 * like an entry's attachment (entries' file checks: a PPTX's rules, an MP4's length — seed 002: at most 480 s). In
 * one transaction, with the round shared-locked so it cannot open meanwhile, the round is asked again, the file
 * recorded, the slot's row written (its version raised when a file is replaced; the old one stays in `files`) and
 * the upload audited. On any refusal after storing, the stored copy is removed.
 */
export async function uploadRoundMaterial(
  ctx: AppContext,
  actor: Actor,
  input: {
    roundId: string;
    entryId: string;
    slotKey: string;
    file: () => Promise<{ filename: string; stream: Readable } | null>;
  },
) {
  const { entry, round, slot } = await uploadTarget(ctx.db, actor, input);
  const part = await input.file();
  if (!part) throw new AppError('FILE_REQUIRED');
  const name = part.filename.replace(/\p{Cc}/gu, '').slice(0, 200) || slot.label;
  const blob = await ctx.storage.put(part.stream, {
    maxBytes: slot.maxBytes,
    allowed: allowedKinds(slot.types),
    allowedLabel: typesLabel(slot.types),
  });
  const now = ctx.clock.now();
  try {
    const { checks } = await checkAttachment(reopen(ctx, blob.storageKey), asAttachmentSlot(slot));
    return await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select().from(judgingRounds).where(eq(judgingRounds.id, round.id)).for('share');
      if (!current) throw new AppError('NOT_FOUND');
      if (current.status !== 'draft') throw new AppError('ROUND_MATERIALS_LOCKED', { label: current.label });
      const fileId = await recordFile(tx, blob, { ownerId: actor.id, name, at: now });
      const [before] = await tx
        .select({ fileId: roundMaterials.fileId, version: roundMaterials.version })
        .from(roundMaterials)
        .where(
          and(eq(roundMaterials.roundId, round.id), eq(roundMaterials.entryId, entry.id), eq(roundMaterials.slotKey, slot.key)),
        )
        .for('update');
      const values = { fileId, name, uploadedBy: actor.id, uploadedAt: now };
      const [row] = before
        ? await tx
            .update(roundMaterials)
            .set({ ...values, version: before.version + 1 })
            .where(
              and(
                eq(roundMaterials.roundId, round.id),
                eq(roundMaterials.entryId, entry.id),
                eq(roundMaterials.slotKey, slot.key),
                eq(roundMaterials.version, before.version),
              ),
            )
            .returning()
        : await tx
            .insert(roundMaterials)
            .values({ roundId: round.id, entryId: entry.id, slotKey: slot.key, ...values })
            .returning();
      if (!row) throw new AppError('INTERNAL');
      await appendAudit(tx, {
        kind: 'entry.file_attached',
        actorId: actor.id,
        subjectType: 'entry',
        subjectId: entry.id,
        campaignId: entry.campaignId,
        data: {
          roundId: round.id,
          slot: slot.key,
          fileId,
          name,
          size: blob.size,
          sha256: blob.sha256,
          version: row.version,
          replaced: before?.fileId ?? null,
          ...(checks ? { checks } : {}),
        },
        at: now,
      });
      return {
        fileId,
        name,
        size: blob.size,
        type: blob.type,
        version: row.version,
        uploadedAt: now.toISOString(),
      };
    });
  } catch (err) {
    await ctx.storage.remove(blob.storageKey);
    throw err;
  }
}

/** The files an advancing entry put in a round's slots, as attachments of the entry (the judges' view lists them). */
export async function roundMaterialAttachments(db: Queryable, roundId: string, entryId: string) {
  const rows = await db
    .select({ m: roundMaterials, size: files.size, type: files.type })
    .from(roundMaterials)
    .innerJoin(files, eq(files.id, roundMaterials.fileId))
    .where(and(eq(roundMaterials.roundId, roundId), eq(roundMaterials.entryId, entryId)))
    .orderBy(asc(roundMaterials.slotKey));
  return rows.map((r) => ({
    slot: r.m.slotKey,
    fileId: r.m.fileId,
    name: r.m.name,
    size: r.size,
    type: r.type,
    pptx: null,
    checks: null,
    uploadedAt: r.m.uploadedAt.toISOString(),
  }));
}
