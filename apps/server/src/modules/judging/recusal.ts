/**
 * Recusal (回避, X-4; issue 10 item 3): whether a judge may score an entry, decided from data alone so the
 * assignment engine, the sheet routes and the benchmark all ask the same question.
 *
 * The rule. Two units are related when they are the same unit, when one is the other's parent (organizations.
 * parent_id), or when they are siblings under one parent. A hospital's branches (分院, S0-6) are its children, and
 * two branches of one hospital are siblings; the same one step covers a county commission under its city commission
 * (S3-2), where the city's staff supervise the counties and the counties answer to the same city. A judge may not
 * score an entry whose organization, or one of whose joint partners (entries.partnerIds), is related to the judge's
 * own unit or to a unit the judge declared (a unit one works for part-time is a unit like one's own, so its
 * branches count too). The rule goes one step only: a grandparent or a cousin is not related, because the tree
 * also holds long administrative chains and walking them would recuse a whole province.
 *
 * Reasons, first match wins: the lead organization is the judge's unit (own_unit), is its parent, child or sibling
 * (parent_or_branch), is related to a declared unit (declared); a partner is related to either (joint_partner).
 */

/** Each unit's parent: a Map from organizations' id to parent_id, or anything that answers the same. */
export interface OrgTree {
  parentOf(orgId: string): string | null;
}

export type RecusalReason = 'own_unit' | 'parent_or_branch' | 'declared' | 'joint_partner';
/** How the entry's unit stands to the judge's: `parent` means the entry's unit is the judge's unit's parent. */
export type UnitRelation = 'same' | 'parent' | 'child' | 'sibling';

export interface Conflict {
  reason: RecusalReason;
  /** The entry's unit that is related (its organization or the partner). */
  organizationId: string;
  /** The judge's unit it is related to (their own or the declared one). */
  judgeOrganizationId: string;
  relation: UnitRelation;
}

export interface RecusalJudge {
  id: string;
  organizationId: string | null;
  declared: readonly string[];
}

export interface RecusalEntry {
  id: string;
  organizationId: string | null;
  partnerIds: readonly string[];
}

/** The tree from organizations rows (id, parentId). */
export function orgTreeOf(rows: Iterable<{ id: string; parentId: string | null }>): OrgTree {
  const parents = new Map<string, string | null>();
  for (const row of rows) parents.set(row.id, row.parentId);
  return { parentOf: (orgId) => parents.get(orgId) ?? null };
}

/** How `unit` (the entry's side) stands to `judgeUnit`, or null when they are unrelated. */
export function relationOf(unit: string, judgeUnit: string, tree: OrgTree): UnitRelation | null {
  if (unit === judgeUnit) return 'same';
  const parentOfUnit = tree.parentOf(unit);
  const parentOfJudgeUnit = tree.parentOf(judgeUnit);
  if (parentOfJudgeUnit === unit) return 'parent';
  if (parentOfUnit === judgeUnit) return 'child';
  if (parentOfUnit !== null && parentOfUnit === parentOfJudgeUnit) return 'sibling';
  return null;
}

function againstDeclared(unit: string, judge: RecusalJudge, tree: OrgTree) {
  for (const declared of judge.declared) {
    const relation = relationOf(unit, declared, tree);
    if (relation) return { judgeOrganizationId: declared, relation };
  }
  return null;
}

/** Null when the judge may score the entry; otherwise the first reason that forbids it. */
export function conflictOf(judge: RecusalJudge, entry: RecusalEntry, tree: OrgTree): Conflict | null {
  const own = judge.organizationId;
  const lead = entry.organizationId;
  if (lead !== null) {
    const relation = own === null ? null : relationOf(lead, own, tree);
    if (relation === 'same') return { reason: 'own_unit', organizationId: lead, judgeOrganizationId: lead, relation };
    if (own !== null && relation) return { reason: 'parent_or_branch', organizationId: lead, judgeOrganizationId: own, relation };
    const declared = againstDeclared(lead, judge, tree);
    if (declared) return { reason: 'declared', organizationId: lead, ...declared };
  }
  for (const partner of entry.partnerIds) {
    const relation = own === null ? null : relationOf(partner, own, tree);
    if (own !== null && relation) return { reason: 'joint_partner', organizationId: partner, judgeOrganizationId: own, relation };
    const declared = againstDeclared(partner, judge, tree);
    if (declared) return { reason: 'joint_partner', organizationId: partner, ...declared };
  }
  return null;
}

/**
 * For a fixed pool, the judges each entry conflicts with, without testing every (entry, judge) pair: a unit U is
 * related to a judge's unit J when U = J, U = parent(J), parent(U) = J or parent(U) = parent(J), so indexing the
 * judges' units and their parents finds every candidate in four look-ups per unit; conflictOf then gives the reason.
 * Returns the judges' positions in `judges` with their conflict.
 */
export function recusalIndex(judges: readonly RecusalJudge[], tree: OrgTree): (entry: RecusalEntry) => Map<number, Conflict> {
  const byUnit = new Map<string, number[]>();
  const byParent = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string | null, judge: number) => {
    if (key === null) return;
    const list = map.get(key);
    if (list === undefined) map.set(key, [judge]);
    else if (list[list.length - 1] !== judge) list.push(judge);
  };
  judges.forEach((judge, i) => {
    for (const unit of judge.organizationId === null ? judge.declared : [judge.organizationId, ...judge.declared]) {
      add(byUnit, unit, i);
      add(byParent, tree.parentOf(unit), i);
    }
  });
  return (entry) => {
    const candidates = new Set<number>();
    const collect = (list: number[] | undefined) => {
      if (list) for (const i of list) candidates.add(i);
    };
    for (const unit of entry.organizationId === null ? entry.partnerIds : [entry.organizationId, ...entry.partnerIds]) {
      collect(byUnit.get(unit));
      collect(byParent.get(unit));
      const parent = tree.parentOf(unit);
      if (parent !== null) {
        collect(byUnit.get(parent));
        collect(byParent.get(parent));
      }
    }
    const out = new Map<number, Conflict>();
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const conflict = conflictOf(judges[i] as RecusalJudge, entry, tree);
      if (conflict) out.set(i, conflict);
    }
    return out;
  };
}
