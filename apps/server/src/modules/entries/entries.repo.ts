import type { TEntry } from '@casearena/contract';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaignThemes } from '../campaigns/campaigns.tables.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { entries, screeningDecisions } from './entries.tables.ts';

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

type Note = typeof screeningDecisions.$inferSelect;

function present(r: Joined, note: Note | undefined): TEntry {
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
    screening: note
      ? {
          decision: note.decision,
          reasons: note.reasons,
          suggestions: note.suggestions,
          correctionDeadline: note.correctionDeadline?.toISOString() ?? null,
          decidedAt: note.decidedAt.toISOString(),
        }
      : null,
  };
}

/** The latest screening decision of each entry. */
async function latestNotes(db: Queryable, entryIds: string[]): Promise<Map<string, Note>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(screeningDecisions)
    .where(inArray(screeningDecisions.entryId, entryIds))
    .orderBy(asc(screeningDecisions.decidedAt));
  return new Map(rows.map((r) => [r.entryId, r]));
}

async function presentAll(db: Queryable, rows: Joined[]): Promise<TEntry[]> {
  const notes = await latestNotes(
    db,
    rows.map((r) => r.e.id),
  );
  return rows.map((r) => present(r, notes.get(r.e.id)));
}

export async function findEntry(db: Queryable, id: string): Promise<TEntry | null> {
  const rows = await selectEntries(db).where(eq(entries.id, id));
  return (await presentAll(db, rows))[0] ?? null;
}

/** "My entries": every entry of the user's organization, newest first. */
export async function listOrganizationEntries(db: Queryable, organizationId: string): Promise<TEntry[]> {
  const rows = await selectEntries(db)
    .where(and(eq(entries.organizationId, organizationId)))
    .orderBy(desc(entries.createdAt));
  return presentAll(db, rows);
}

/** The screening queue of a campaign: submitted entries, the most urgent first (S0-8). */
export async function screeningQueue(db: Queryable, campaignId: string, themeId: string | undefined) {
  const conditions = [eq(entries.campaignId, campaignId), eq(entries.status, 'submitted')];
  if (themeId) conditions.push(eq(entries.themeId, themeId));
  const rows = await selectEntries(db)
    .where(and(...conditions))
    .orderBy(asc(entries.dueAt));
  const presented = await presentAll(db, rows);
  return presented.map((e, i) => ({ ...e, dueAt: rows[i]?.e.dueAt ?? null }));
}
