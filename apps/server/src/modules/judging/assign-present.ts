/**
 * The plan as assign.ts answers it, read off the engine's state after its repairs: the items (kept or new, with the
 * specialty match), each entry still short with why, every judge's load, the spread and the pair overlap.
 */
import type { AssignEntry, AssignJudge, AssignmentPlan, PlannedItem, UncoveredEntry, UncoveredReason } from './assign.ts';
import { type RepairContext, spreadOf } from './assign-repair.ts';
import type { Conflict } from './recusal.ts';

export function present(
  c: RepairContext,
  data: {
    entries: AssignEntry[];
    judges: AssignJudge[];
    recused: (Map<number, Conflict> | null)[];
    seated: Int32Array;
    /** Per entry, the judges who may take it (seated for its theme, free of conflicts, not excluded). */
    free: Int32Array;
    conflicts: AssignmentPlan['conflicts'];
    dropped: AssignmentPlan['dropped'];
    isKept: Set<number>;
  },
): AssignmentPlan {
  const { entries, judges, recused } = data;
  const items: PlannedItem[] = [];
  const uncovered: UncoveredEntry[] = [];
  let specialtyMatches = 0;
  entries.forEach((entry, e) => {
    const onEntry = [...(c.panel[e] as number[])].sort((a, b) => a - b);
    for (const j of onEntry) {
      const specialty = c.spec[(c.theme[e] as number) * c.J + j] === 1;
      if (specialty) specialtyMatches++;
      items.push({ entryId: entry.id, judgeId: (judges[j] as AssignJudge).id, kept: data.isKept.has(e * c.J + j), specialty });
    }
    const missing = c.N - onEntry.length;
    if (missing <= 0) return;
    const recusedCount = recused[e]?.size ?? 0;
    let full = 0;
    for (let j = 0; j < c.J; j++) if (!c.blocked(e, j) && (c.load[j] as number) >= (c.cap[j] as number)) full++;
    const pool = data.seated[c.theme[e] as number] as number;
    const reason: UncoveredReason = pool < c.N ? 'too_few_judges' : (data.free[e] as number) < c.N ? 'recused' : 'full';
    uncovered.push({ entryId: entry.id, missing, reason, recused: recusedCount, full });
  });
  let pairOverlapMax = 0;
  for (const shared of c.pairs) if (shared > pairOverlapMax) pairOverlapMax = shared;
  return {
    items,
    uncovered,
    load: judges.map((judge, j) => ({ judgeId: judge.id, count: c.load[j] as number, max: c.cap[j] as number })),
    loadSpread: spreadOf(c),
    pairOverlapMax,
    pairOverlapCap: c.pairCap,
    specialtyMatches,
    conflicts: data.conflicts,
    dropped: data.dropped,
  };
}
