import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { judgeConflicts, judges } from './judging.tables.ts';
import { conflictOf, orgTreeOf, type RecusalJudge } from './recusal.ts';

export interface StandingPair {
  judgeId: string;
  entryId: string;
}

/**
 * The pairs among `pairs` whose judge is recused from the entry by today's facts, as "judgeId/entryId" keys.
 * Recusal is decided when an assignment is made, but a judge may declare a unit later, change units, or an entry may
 * gain a partner: every read and write of a judge's assignment asks again, so a standing assignment never outlives a
 * conflict (the caller answers NOT_FOUND, as for any entry the judge may not see). Four small reads, whatever the
 * number of pairs.
 */
export async function recusedPairs(db: Queryable, pairs: readonly StandingPair[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const judgeIds = [...new Set(pairs.map((p) => p.judgeId))];
  const entryIds = [...new Set(pairs.map((p) => p.entryId))];
  // One after another: inside a transaction the reads share one connection.
  const judgeRows = await db
    .select({ id: judges.id, organizationId: judges.organizationId })
    .from(judges)
    .where(inArray(judges.id, judgeIds));
  const declaredRows = await db
    .select({ judgeId: judgeConflicts.judgeId, organizationId: judgeConflicts.organizationId })
    .from(judgeConflicts)
    .where(inArray(judgeConflicts.judgeId, judgeIds));
  const entryRows = await db
    .select({ id: entries.id, organizationId: entries.organizationId, partnerIds: entries.partnerIds })
    .from(entries)
    .where(inArray(entries.id, entryIds));
  const declaredOf = new Map<string, string[]>();
  for (const d of declaredRows) declaredOf.set(d.judgeId, [...(declaredOf.get(d.judgeId) ?? []), d.organizationId]);
  const judgeOf = new Map<string, RecusalJudge>(
    judgeRows.map((j) => [j.id, { id: j.id, organizationId: j.organizationId, declared: declaredOf.get(j.id) ?? [] }]),
  );
  const entryOf = new Map(entryRows.map((e) => [e.id, e]));
  const units = new Set<string>();
  for (const j of judgeOf.values()) {
    if (j.organizationId) units.add(j.organizationId);
    for (const d of j.declared) units.add(d);
  }
  for (const e of entryRows) {
    if (e.organizationId) units.add(e.organizationId);
    for (const p of e.partnerIds) units.add(p);
  }
  const orgRows = units.size
    ? await db
        .select({ id: organizations.id, parentId: organizations.parentId })
        .from(organizations)
        .where(inArray(organizations.id, [...units]))
    : [];
  const tree = orgTreeOf(orgRows);
  const out = new Set<string>();
  for (const p of pairs) {
    const judge = judgeOf.get(p.judgeId);
    const entry = entryOf.get(p.entryId);
    if (!judge || !entry) continue;
    if (conflictOf(judge, { id: entry.id, organizationId: entry.organizationId, partnerIds: entry.partnerIds }, tree)) {
      out.add(`${p.judgeId}/${p.entryId}`);
    }
  }
  return out;
}
