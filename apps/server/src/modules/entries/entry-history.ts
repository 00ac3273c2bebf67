import type { TEntry, TFormField } from '@casearena/contract';
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { users } from '../accounts/index.ts';
import { entryVersions, screeningDecisions } from './entries.tables.ts';

/** Every saved version of an entry, oldest first (X-6: nothing typed is lost). */
export async function listVersions(db: Queryable, entryId: string) {
  const rows = await db
    .select({ v: entryVersions, by: users.name })
    .from(entryVersions)
    .innerJoin(users, eq(users.id, entryVersions.savedBy))
    .where(eq(entryVersions.entryId, entryId))
    .orderBy(asc(entryVersions.version));
  return {
    items: rows.map((r) => ({
      version: r.v.version,
      title: r.v.title,
      summary: r.v.summary,
      answers: r.v.answers,
      savedAt: r.v.savedAt.toISOString(),
      savedBy: r.by,
    })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What the applicant changed since the last screening decision (S0-8: the screener sees what changed since the last
 * round): the version current at the decision against the entry now, field by field, and files uploaded since.
 * Before any decision there is no earlier round: `fromVersion` is null and nothing is listed.
 */
export async function changesSinceLastRound(db: Queryable, entry: TEntry, fields: readonly TFormField[]) {
  const [last] = await db
    .select({ at: screeningDecisions.decidedAt })
    .from(screeningDecisions)
    .where(eq(screeningDecisions.entryId, entry.id))
    .orderBy(desc(screeningDecisions.decidedAt))
    .limit(1);
  if (!last) return { fromVersion: null, toVersion: entry.version, changes: [] };
  const [before] = await db
    .select()
    .from(entryVersions)
    .where(and(eq(entryVersions.entryId, entry.id), lte(entryVersions.savedAt, last.at)))
    .orderBy(desc(entryVersions.version))
    .limit(1);
  const changes: Array<{ field: string; label: string; before: unknown; after: unknown }> = [];
  if (before && before.title !== entry.title)
    changes.push({ field: 'title', label: '案例名称', before: before.title, after: entry.title });
  if (before && before.summary !== entry.summary)
    changes.push({ field: 'summary', label: '案例简介', before: before.summary, after: entry.summary });
  for (const f of fields) {
    if (f.kind === 'attachment') {
      const file = entry.attachments.find((a) => a.slot === f.key);
      if (file && new Date(file.uploadedAt) > last.at)
        changes.push({ field: `answers.${f.key}`, label: f.label, before: null, after: { name: file.name, size: file.size } });
      continue;
    }
    const was = before?.answers[f.key];
    const now = entry.answers[f.key];
    if (!same(was, now)) changes.push({ field: `answers.${f.key}`, label: f.label, before: was ?? null, after: now ?? null });
  }
  return { fromVersion: before?.version ?? null, toVersion: entry.version, changes };
}
