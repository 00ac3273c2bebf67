import type { TForm, TFormDefinition, TFormField } from '@casearena/contract';
import { and, desc, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignForms } from './campaigns.tables.ts';

const present = (row: typeof campaignForms.$inferSelect): TForm => ({
  campaignId: row.campaignId,
  version: row.version,
  fields: row.fields,
  createdAt: row.createdAt.toISOString(),
});

/** A form version, or the latest when `version` is not given. */
export async function findForm(db: Queryable, campaignId: string, version?: number): Promise<TForm | null> {
  const [row] = await db
    .select()
    .from(campaignForms)
    .where(
      version === undefined
        ? eq(campaignForms.campaignId, campaignId)
        : and(eq(campaignForms.campaignId, campaignId), eq(campaignForms.version, version)),
    )
    .orderBy(desc(campaignForms.version))
    .limit(1);
  return row ? present(row) : null;
}

export async function formFields(db: Queryable, campaignId: string, version: number): Promise<TFormField[]> {
  return (await findForm(db, campaignId, version))?.fields ?? [];
}

/**
 * Saves the organizer's form as a new version (rows are never changed): entries already started keep the version
 * they were written under, new entries take this one. The version number comes from the primary key, so two
 * editors saving at once cannot both get the same number — the second one retries with the next.
 */
export async function saveForm(ctx: AppContext, actor: Actor, campaignId: string, definition: TFormDefinition): Promise<TForm> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const latest = await findForm(tx, campaignId);
    if (definition.baseVersion !== undefined && latest && definition.baseVersion !== latest.version)
      throw new AppError('STALE_VERSION', { current: latest.version, yours: definition.baseVersion });
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(campaignForms)
      .values({ campaignId, version, fields: definition.fields, createdBy: actor.id, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('STALE_VERSION', { current: version, yours: latest?.version ?? 0 });
    await appendAudit(tx, {
      kind: 'campaign.form_saved',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: campaignId,
      campaignId,
      data: { version, fields: definition.fields.length },
      at: now,
    });
    return present(row);
  });
}
