import type { Readable } from 'node:stream';
import type { TCertificateDesign, TCertificateDesignInput } from '@casearena/contract';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { campaigns } from '../campaigns/index.ts';
import { organizations } from '../orgs/index.ts';
import { certificateDesigns } from './awards.tables.ts';
import { prepareSeal, SEAL_FILE } from './certificate-seal.ts';

export type DesignRow = typeof certificateDesigns.$inferSelect;

/** The wording a rule without its own uses: for an entry's award, and for a campaign-wide one (no entry). */
export const DEFAULT_WORDING = '{recipient}：\n你单位申报的案例《{entry}》在{campaign}中荣获{theme}{award}。特发此证，以资鼓励。';
export const DEFAULT_WORDING_CAMPAIGN_WIDE = '{recipient}：\n你单位在{campaign}中荣获{award}。特发此证，以资鼓励。';
export const DEFAULT_CAPTION = '主办单位（盖章）';

/** A campaign's design, or the default one (classic, the organizer as issuer) for a campaign that has none yet. */
export async function loadDesign(db: Queryable, campaignId: string): Promise<DesignRow> {
  const [row] = await db.select().from(certificateDesigns).where(eq(certificateDesigns.campaignId, campaignId));
  if (row) return row;
  const [campaign] = await db
    .select({ organizer: organizations.name, createdAt: campaigns.createdAt })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizerId))
    .where(eq(campaigns.id, campaignId));
  if (!campaign) throw new AppError('NOT_FOUND');
  return {
    campaignId,
    layout: 'classic',
    issuer: campaign.organizer,
    signatureCaption: DEFAULT_CAPTION,
    wording: {},
    sealFileId: null,
    version: 0,
    updatedAt: campaign.createdAt,
  };
}

/** The design row locked for a change (made from the default first when the campaign has none). */
export async function lockDesign(tx: Tx, campaignId: string, at: Date): Promise<DesignRow> {
  const fallback = await loadDesign(tx, campaignId);
  if (fallback.version === 0)
    await tx
      .insert(certificateDesigns)
      .values({ ...fallback, version: 1, updatedAt: at })
      .onConflictDoNothing();
  const [row] = await tx.select().from(certificateDesigns).where(eq(certificateDesigns.campaignId, campaignId)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export function presentDesign(row: DesignRow): TCertificateDesign {
  return {
    campaignId: row.campaignId,
    layout: row.layout,
    issuer: row.issuer,
    signatureCaption: row.signatureCaption,
    wording: row.wording,
    hasSeal: row.sealFileId !== null,
    version: row.version,
  };
}

/** PUT …/certificates/design: layout, issuer, caption and wording per rule; audited certificates.design_updated. */
export async function saveDesign(input: { ctx: AppContext; actor: Actor; campaignId: string; body: TCertificateDesignInput }) {
  const { ctx, actor, campaignId, body } = input;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockDesign(tx, campaignId, at);
    const [row] = await tx
      .update(certificateDesigns)
      .set({ ...body, version: sql`${certificateDesigns.version} + 1`, updatedAt: at })
      .where(eq(certificateDesigns.campaignId, campaignId))
      .returning();
    if (!row) throw new AppError('NOT_FOUND');
    await appendAudit(tx, {
      kind: 'certificates.design_updated',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: campaignId,
      campaignId,
      data: { ...body, version: row.version },
      at,
    });
    return presentDesign(row);
  });
}

/** Reads a stored file whole (a seal is at most 1 MB). */
export async function readStoredFile(ctx: Pick<AppContext, 'storage'>, db: Queryable, fileId: string): Promise<Buffer> {
  const [file] = await db.select({ key: files.storageKey }).from(files).where(eq(files.id, fileId));
  if (!file) throw new AppError('NOT_FOUND');
  const chunks: Buffer[] = [];
  for await (const chunk of await ctx.storage.open(file.key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * PUT …/certificates/seal: the organizer's seal, a PNG (sniffed) of at most 1 MB, stored through platform/storage
 * and decoded once to prove it is an image a PDF can show; audited certificates.design_updated with the file.
 */
export async function saveSeal(input: { ctx: AppContext; actor: Actor; campaignId: string; filename: string; stream: Readable }) {
  const { ctx, actor, campaignId } = input;
  const at = ctx.clock.now();
  const blob = await ctx.storage.put(input.stream, {
    maxBytes: SEAL_FILE.maxBytes,
    allowed: SEAL_FILE.types,
    allowedLabel: SEAL_FILE.label,
  });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await ctx.storage.open(blob.storageKey)) chunks.push(chunk as Buffer);
    prepareSeal(Buffer.concat(chunks));
    return await ctx.db.transaction(async (tx) => {
      await lockDesign(tx, campaignId, at);
      const fileId = await recordFile(tx, blob, { ownerId: actor.id, name: input.filename, at });
      const [row] = await tx
        .update(certificateDesigns)
        .set({ sealFileId: fileId, version: sql`${certificateDesigns.version} + 1`, updatedAt: at })
        .where(eq(certificateDesigns.campaignId, campaignId))
        .returning();
      if (!row) throw new AppError('NOT_FOUND');
      await appendAudit(tx, {
        kind: 'certificates.design_updated',
        actorId: actor.id,
        subjectType: 'campaign',
        subjectId: campaignId,
        campaignId,
        data: { seal: { fileId, size: blob.size, sha256: blob.sha256 }, version: row.version },
        at,
      });
      return presentDesign(row);
    });
  } catch (err) {
    await ctx.storage.remove(blob.storageKey);
    throw err;
  }
}
