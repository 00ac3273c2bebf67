import type { TOrganization, TOrganizationInput, TOrganizationPatch } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ancestorIds, findOrganization, nameInUse, organizationExists, regionExists } from './orgs.repo.ts';
import { organizations } from './orgs.tables.ts';
import { searchGrams, searchText } from './search-grams.ts';

async function validate(tx: Tx, input: TOrganizationPatch, selfId?: string) {
  if (input.regionCode && !(await regionExists(tx, input.regionCode))) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', code: 'REGION_INVALID' }]);
  }
  if (input.parentId) {
    const exists = await organizationExists(tx, input.parentId);
    const cycle = selfId && (input.parentId === selfId || (await ancestorIds(tx, input.parentId)).includes(selfId));
    if (!exists || cycle) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'parentId', code: 'INVALID_CHOICE' }]);
  }
  const names = [input.name, ...(input.aliases ?? [])].filter((n): n is string => Boolean(n));
  const taken = await nameInUse(tx, names, selfId);
  if (taken) throw new AppError('ORG_NAME_TAKEN', { name: taken }, [{ path: 'name', code: 'TAKEN' }]);
}

function orgNameTaken(err: unknown, name: string): never {
  if (uniqueViolation(err) === 'organizations_name_key') {
    throw new AppError('ORG_NAME_TAKEN', { name }, [{ path: 'name', code: 'TAKEN' }]);
  }
  throw err;
}

/**
 * Adds an organization to the registry (staff only). The canonical name and aliases must not belong to another
 * organization (S0-2); the region must exist; a parent (branch 分院 S0-6, county commission under a city S3-2)
 * must exist. Writes `org.created`.
 */
export async function createOrganization(
  ctx: AppContext,
  actor: Actor | null,
  input: TOrganizationInput,
): Promise<TOrganization> {
  const now = ctx.clock.now();
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await validate(tx, input);
      const names = [input.name, ...input.aliases];
      const [row] = await tx
        .insert(organizations)
        .values({ ...input, searchText: searchText(names), searchGrams: searchGrams(names), createdAt: now, updatedAt: now })
        .returning({ id: organizations.id });
      if (!row) throw new AppError('INTERNAL');
      await appendAudit(tx, {
        kind: 'org.created',
        actorId: actor?.id ?? null,
        subjectType: 'organization',
        subjectId: row.id,
        data: { name: input.name },
        at: now,
      });
      return row.id;
    });
    return (await findOrganization(ctx.db, id)) as TOrganization;
  } catch (err) {
    return orgNameTaken(err, input.name);
  }
}

/** Changes an organization (staff only) under the same rules; writes `org.updated` naming the changed fields. */
export async function updateOrganization(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: TOrganizationPatch,
): Promise<TOrganization> {
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
      if (!current) throw new AppError('NOT_FOUND');
      await validate(tx, patch, id);
      const names = [patch.name ?? current.name, ...(patch.aliases ?? current.aliases)];
      await tx
        .update(organizations)
        .set({ ...patch, searchText: searchText(names), searchGrams: searchGrams(names), updatedAt: now })
        .where(eq(organizations.id, id));
      const fields = Object.keys(patch).filter((k) => patch[k as keyof TOrganizationPatch] !== undefined);
      await appendAudit(tx, {
        kind: 'org.updated',
        actorId: actor.id,
        subjectType: 'organization',
        subjectId: id,
        data: { fields },
        at: now,
      });
    });
    return (await findOrganization(ctx.db, id)) as TOrganization;
  } catch (err) {
    return orgNameTaken(err, patch.name ?? '');
  }
}
