import { createHash } from 'node:crypto';
import type { AssignmentStatus, RoundStatus } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { assignments, judgeConflicts, judges, judgingRounds, panelMembers, roundEntries } from './judging.tables.ts';
import { type OrgTree, orgTreeOf } from './recusal.ts';

export interface FactsRound {
  id: string;
  campaignId: string;
  status: RoundStatus;
  judgesPerEntry: number;
  maxLoad: number;
}

export interface FactsEntry {
  id: string;
  themeId: string;
  organizationId: string | null;
  partnerIds: string[];
  number: string | null;
  title: string;
}

export interface FactsJudge {
  id: string;
  name: string;
  organizationId: string | null;
  declared: string[];
  specialties: string[];
  /** The round's themes this judge sits on the campaign's panel for. */
  themeIds: string[];
}

export interface FactsAssignment {
  id: string;
  entryId: string;
  judgeId: string;
  status: AssignmentStatus;
  planId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What an assignment is decided on (issue 10 item 3, X-4): the round, its entries, its panel, and the org tree. */
export interface RoundFacts {
  round: FactsRound;
  entries: FactsEntry[];
  judges: FactsJudge[];
  assignments: FactsAssignment[];
  /** parent_id of every unit involved (entries', partners', judges', declared), for conflictOf. */
  parents: Map<string, string | null>;
  tree: OrgTree;
}

/** The round's row, locked FOR UPDATE when `lock` (every assignment write locks it first, so they queue). */
export async function loadFactsRound(db: Queryable, roundId: string, lock: boolean): Promise<FactsRound | null> {
  const query = db
    .select({
      id: judgingRounds.id,
      campaignId: judgingRounds.campaignId,
      status: judgingRounds.status,
      judgesPerEntry: judgingRounds.judgesPerEntry,
      maxLoad: judgingRounds.maxLoad,
    })
    .from(judgingRounds)
    .where(eq(judgingRounds.id, roundId));
  const [round] = lock ? await query.for('update') : await query;
  return round ?? null;
}

const sorted = <T>(rows: T[], key: (r: T) => string) => rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/**
 * Everything the round's assignment depends on, read in the caller's transaction (the round row locked by the caller
 * when it writes). Entries come through the entries module's exported table, the tree through the orgs module's
 * (both read only). The panel: active judges seated on the campaign's panel for at least one of the round's themes,
 * with their declared conflicts. Every list is in a stable order, so the fingerprint does not depend on the scan.
 */
export async function loadRoundFacts(db: Queryable, round: FactsRound): Promise<RoundFacts> {
  const entryRows = await db
    .select({
      id: entries.id,
      themeId: roundEntries.themeId,
      organizationId: entries.organizationId,
      partnerIds: entries.partnerIds,
      number: entries.number,
      title: entries.title,
    })
    .from(roundEntries)
    .innerJoin(entries, eq(entries.id, roundEntries.entryId))
    .where(eq(roundEntries.roundId, round.id));
  const themes = new Set(entryRows.map((e) => e.themeId));
  const seated = await db
    .select({
      id: judges.id,
      name: judges.name,
      organizationId: judges.organizationId,
      specialties: judges.specialties,
      themeIds: panelMembers.themeIds,
    })
    .from(panelMembers)
    .innerJoin(judges, eq(judges.id, panelMembers.judgeId))
    .where(and(eq(panelMembers.campaignId, round.campaignId), eq(judges.status, 'active')));
  const panel = seated
    .map((j) => ({ ...j, themeIds: [...new Set(j.themeIds.filter((t) => themes.has(t)))].sort() }))
    .filter((j) => j.themeIds.length > 0);
  const declared = panel.length
    ? await db
        .select({ judgeId: judgeConflicts.judgeId, organizationId: judgeConflicts.organizationId })
        .from(judgeConflicts)
        .where(
          inArray(
            judgeConflicts.judgeId,
            panel.map((j) => j.id),
          ),
        )
    : [];
  const declaredOf = new Map<string, string[]>();
  for (const d of declared) declaredOf.set(d.judgeId, [...(declaredOf.get(d.judgeId) ?? []), d.organizationId]);
  const assignmentRows = await db
    .select({
      id: assignments.id,
      entryId: assignments.entryId,
      judgeId: assignments.judgeId,
      status: assignments.status,
      planId: assignments.planId,
      createdAt: assignments.createdAt,
      updatedAt: assignments.updatedAt,
    })
    .from(assignments)
    .where(eq(assignments.roundId, round.id));
  const judgeList = sorted(
    panel.map((j) => ({
      id: j.id,
      name: j.name,
      organizationId: j.organizationId,
      declared: (declaredOf.get(j.id) ?? []).sort(),
      specialties: [...j.specialties].sort(),
      themeIds: j.themeIds,
    })),
    (j) => j.id,
  );
  const entryList = sorted(
    entryRows.map((e) => ({ ...e, partnerIds: [...e.partnerIds].sort() })),
    (e) => e.id,
  );
  const units = new Set<string>();
  for (const e of entryList) {
    if (e.organizationId) units.add(e.organizationId);
    for (const p of e.partnerIds) units.add(p);
  }
  for (const j of judgeList) {
    if (j.organizationId) units.add(j.organizationId);
    for (const d of j.declared) units.add(d);
  }
  const orgRows = units.size
    ? await db
        .select({ id: organizations.id, parentId: organizations.parentId })
        .from(organizations)
        .where(inArray(organizations.id, [...units]))
    : [];
  const parents = new Map(sorted(orgRows, (o) => o.id).map((o) => [o.id, o.parentId]));
  return {
    round,
    entries: entryList,
    judges: judgeList,
    assignments: sorted(assignmentRows, (a) => `${a.entryId}:${a.judgeId}`),
    parents,
    tree: orgTreeOf(orgRows),
  };
}

/**
 * A hash of the facts a plan was made from: the panel (judges, units, specialties, themes), their declared
 * conflicts, the round's entries (theme, unit, partners), the units' parents and the assignments (with status).
 * Applying a plan whose facts hash differently now is PLAN_STALE.
 */
export function factsHash(facts: RoundFacts): string {
  const body = JSON.stringify({
    e: facts.entries.map((e) => [e.id, e.themeId, e.organizationId, e.partnerIds]),
    j: facts.judges.map((j) => [j.id, j.organizationId, j.declared, j.specialties, j.themeIds]),
    a: facts.assignments.map((a) => [a.entryId, a.judgeId, a.status]),
    o: [...facts.parents.entries()],
  });
  return createHash('sha256').update(body).digest('hex');
}

/** What the engine is asked for a plan, stored with it (`assignment_plans.params`). */
export interface PlanParams {
  perEntry: number;
  maxLoad: number;
  seed: number;
}
