import { ENTRY_FIELD_LABELS, type TEntry, type TFormField } from '@casearena/contract';
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { users } from '../accounts/index.ts';
import { listAttachmentVersions } from './attachment-versions.ts';
import { entryVersions, screeningDecisions } from './entries.tables.ts';

/** Every saved version of an entry, oldest first, and every file it ever had (X-6: nothing typed or uploaded is lost). */
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
    files: await listAttachmentVersions(db, entryId),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What the applicant changed since the last screening decision (S0-8: the screener sees what changed since the last
 * round): the version current at the decision against the entry now, field by field, and for each attachment slot the
 * file it held then against the one it holds now (a replaced or removed file shows its name, and can be downloaded).
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
    changes.push({ field: 'title', label: ENTRY_FIELD_LABELS.title['zh-CN'], before: before.title, after: entry.title });
  if (before && before.summary !== entry.summary)
    changes.push({ field: 'summary', label: ENTRY_FIELD_LABELS.summary['zh-CN'], before: before.summary, after: entry.summary });
  // The file each slot held when the decision was made: current then, whether replaced or removed since.
  const filesThen = new Map(
    (await listAttachmentVersions(db, entry.id))
      .filter((v) => new Date(v.uploadedAt) <= last.at && (v.replacedAt === null || new Date(v.replacedAt) > last.at))
      .map((v) => [v.slot, v]),
  );
  const fileView = (f: { fileId: string; name: string; size: number } | undefined) =>
    f ? { fileId: f.fileId, name: f.name, size: f.size, downloadUrl: `/api/files/${f.fileId}` } : null;
  for (const f of fields) {
    if (f.kind === 'attachment') {
      const was = filesThen.get(f.key);
      const now = entry.attachments.find((a) => a.slot === f.key);
      if (was?.fileId !== now?.fileId)
        changes.push({ field: `answers.${f.key}`, label: f.label, before: fileView(was), after: fileView(now) });
      continue;
    }
    const was = before?.answers[f.key];
    const now = entry.answers[f.key];
    if (!same(was, now)) changes.push({ field: `answers.${f.key}`, label: f.label, before: was ?? null, after: now ?? null });
  }
  return { fromVersion: before?.version ?? null, toVersion: entry.version, changes };
}
