import type { ScreeningTab, TAttachment, TEntry } from '@casearena/contract';
import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { escapeLike, normalizeForSearch, organizations, queryGrams } from '../orgs/index.ts';
import { entries, entryAttachments, screeningDecisions } from './entries.tables.ts';

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

function present(r: Joined, note: Note | undefined, attachments: TAttachment[]): TEntry {
  return {
    id: r.e.id,
    campaignId: r.e.campaignId,
    theme: { id: r.e.themeId, code: r.themeCode, title: r.themeTitle },
    organization: { id: r.e.organizationId, name: r.orgName },
    title: r.e.title,
    summary: r.e.summary,
    status: r.e.status,
    version: r.e.version,
    formVersion: r.e.formVersion,
    answers: r.e.answers,
    attachments,
    partnerIds: r.e.partnerIds,
    track: r.e.trackKey,
    correctionDeadline: r.e.status === 'returned' ? (r.e.correctionDeadline?.toISOString() ?? null) : null,
    screeningDueAt: r.e.status === 'submitted' ? (r.e.dueAt?.toISOString() ?? null) : null,
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

/** The files in the attachment slots of each entry. */
async function attachmentsOf(db: Queryable, entryIds: string[]): Promise<Map<string, TAttachment[]>> {
  const byEntry = new Map<string, TAttachment[]>();
  if (entryIds.length === 0) return byEntry;
  const rows = await db
    .select({ a: entryAttachments, name: files.name, size: files.size, type: files.type })
    .from(entryAttachments)
    .innerJoin(files, eq(files.id, entryAttachments.fileId))
    .where(inArray(entryAttachments.entryId, entryIds))
    .orderBy(asc(entryAttachments.slot));
  for (const r of rows) {
    const list = byEntry.get(r.a.entryId) ?? [];
    list.push({
      slot: r.a.slot,
      fileId: r.a.fileId,
      name: r.name,
      size: r.size,
      type: r.type,
      pptx: r.a.pptx ?? null,
      checks: r.a.checks ?? null,
      uploadedAt: r.a.uploadedAt.toISOString(),
    });
    byEntry.set(r.a.entryId, list);
  }
  return byEntry;
}

async function presentAll(db: Queryable, rows: Joined[]): Promise<TEntry[]> {
  const ids = rows.map((r) => r.e.id);
  const [notes, attachments] = await Promise.all([latestNotes(db, ids), attachmentsOf(db, ids)]);
  return rows.map((r) => present(r, notes.get(r.e.id), attachments.get(r.e.id) ?? []));
}

/** Bigram search over title, number and hospital (entry-search.ts): the index finds candidates, LIKE confirms. */
const ENTRY_NUMBER = /^\d{4}-t\d{2,}-\d{4,}$/;

export function entrySearchCondition(q: string): SQL | undefined {
  const normalized = normalizeForSearch(q);
  // A whole entry number (2022-T03-0043) is one row of the (campaign, number) key; its bigrams are in every entry.
  if (ENTRY_NUMBER.test(normalized)) return eq(entries.number, normalized.toUpperCase());
  const grams = queryGrams(q);
  if (grams.length === 0) return undefined;
  const like = `%${escapeLike(normalizeForSearch(q))}%`;
  return sql`(${entries.searchGrams} @> ARRAY[${sql.join(
    grams.map((g) => sql`${g}`),
    sql`, `,
  )}]::text[] AND ${entries.searchText} LIKE ${like})`;
}

export async function findEntry(db: Queryable, id: string): Promise<TEntry | null> {
  const rows = await selectEntries(db).where(eq(entries.id, id));
  return (await presentAll(db, rows))[0] ?? null;
}

/**
 * The entry with its row locked until the caller's transaction ends (only the entry's row: `FOR UPDATE OF entries`,
 * not its theme or organization). What a write checks and changes (issue 8 item 4): a concurrent write of the same
 * entry waits here and then sees this one's result.
 */
export async function lockEntry(tx: Tx, id: string): Promise<TEntry | null> {
  const rows = await selectEntries(tx).where(eq(entries.id, id)).for('update', { of: entries });
  return (await presentAll(tx, rows))[0] ?? null;
}

/** "My entries": every entry of the user's organization, and joint entries naming it (S1-3), newest first. */
export async function listOrganizationEntries(db: Queryable, organizationId: string): Promise<TEntry[]> {
  const rows = await selectEntries(db)
    .where(or(eq(entries.organizationId, organizationId), sql`${entries.partnerIds} @> ARRAY[${organizationId}]::uuid[]`))
    .orderBy(desc(entries.createdAt));
  return presentAll(db, rows);
}

/**
 * The screening queue of a campaign, one tab at a time, filtered by theme and text, with the count of every tab under
 * the same filter in one query. Awaiting entries come most urgent first (S0-8); decided ones most recent first.
 */
export async function screeningQueue(
  db: Queryable,
  campaignId: string,
  filter: { themeId?: string | undefined; q?: string | undefined; tab: ScreeningTab },
  now: Date,
) {
  const scope: SQL[] = [eq(entries.campaignId, campaignId)];
  if (filter.themeId) scope.push(eq(entries.themeId, filter.themeId));
  const search = filter.q ? entrySearchCondition(filter.q) : undefined;
  if (search) scope.push(search);
  const submitted = eq(entries.status, 'submitted');
  const tabs: Record<ScreeningTab, SQL> = {
    pending: submitted,
    overdue: and(submitted, lt(entries.dueAt, now)) as SQL,
    returned: eq(entries.status, 'returned'),
    passed: eq(entries.status, 'passed'),
    excluded: eq(entries.status, 'excluded'),
  };
  const count = (tab: ScreeningTab) => sql<number>`count(*) filter (where ${tabs[tab]})`.mapWith(Number);
  const [counts] = await db
    .select({
      pending: count('pending'),
      returned: count('returned'),
      passed: count('passed'),
      excluded: count('excluded'),
      overdue: count('overdue'),
    })
    .from(entries)
    .where(and(...scope, inArray(entries.status, ['submitted', 'returned', 'passed', 'excluded'])));
  const awaiting = filter.tab === 'pending' || filter.tab === 'overdue';
  const rows = await selectEntries(db)
    .where(and(...scope, tabs[filter.tab]))
    .orderBy(
      ...(awaiting
        ? [asc(entries.dueAt), asc(entries.submittedAt), asc(entries.number)]
        : [desc(entries.updatedAt), asc(entries.number)]),
    )
    .limit(500);
  const presented = await presentAll(db, rows);
  const decided = new Set(
    rows.length === 0
      ? []
      : (
          await db
            .selectDistinct({ entryId: screeningDecisions.entryId })
            .from(screeningDecisions)
            .where(
              inArray(
                screeningDecisions.entryId,
                rows.map((r) => r.e.id),
              ),
            )
        ).map((r) => r.entryId),
  );
  return {
    counts: counts ?? { pending: 0, returned: 0, passed: 0, excluded: 0, overdue: 0 },
    items: presented.map((e, i) => ({ ...e, dueAt: rows[i]?.e.dueAt ?? null, resubmission: decided.has(e.id) })),
  };
}
