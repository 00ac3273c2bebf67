import type { TEntry } from '@casearena/contract';
import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaignThemes } from '../campaigns/campaigns.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { entries } from './entries.tables.ts';

function selectEntries(db: Queryable) {
  return db
    .select({ e: entries, themeCode: campaignThemes.code, themeTitle: campaignThemes.title, orgName: organizations.name })
    .from(entries)
    .innerJoin(campaignThemes, eq(campaignThemes.id, entries.themeId))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId));
}

interface Joined {
  e: typeof entries.$inferSelect;
  themeCode: string;
  themeTitle: string;
  orgName: string;
}

function present(r: Joined): TEntry {
  return {
    id: r.e.id,
    campaignId: r.e.campaignId,
    theme: { id: r.e.themeId, code: r.themeCode, title: r.themeTitle },
    organization: { id: r.e.organizationId, name: r.orgName },
    title: r.e.title,
    summary: r.e.summary,
    status: r.e.status,
    version: r.e.version,
    number: r.e.number,
    submittedAt: r.e.submittedAt?.toISOString() ?? null,
    updatedAt: r.e.updatedAt.toISOString(),
  };
}

export async function findEntry(db: Queryable, id: string): Promise<TEntry | null> {
  const [row] = await selectEntries(db).where(eq(entries.id, id));
  return row ? present(row) : null;
}

/** "My entries": every entry of the user's organization, newest first. */
export async function listOrganizationEntries(db: Queryable, organizationId: string): Promise<TEntry[]> {
  const rows = await selectEntries(db)
    .where(and(eq(entries.organizationId, organizationId)))
    .orderBy(desc(entries.createdAt));
  return rows.map(present);
}
