import type { TAssignmentPlanView } from '@casearena/contract';
import { planAssignment } from './assign.ts';
import type { PlanParams, RoundFacts } from './assignment-facts.ts';
import { recusalIndex } from './recusal.ts';

export interface PlanItem {
  entryId: string;
  judgeId: string;
  specialty: boolean;
}

/** Assignments that count: those still assigned (an abstained or removed judge no longer scores the entry). */
const live = (facts: RoundFacts) => facts.assignments.filter((a) => a.status === 'assigned');

/**
 * The new items of an automatic plan (issue 10 item 3), from H3's engine in one call over the whole round: a judge
 * sits on a theme's panel to score that theme (the engine's themeIds), and their load counts across themes against
 * the one maximum. Planning theme by theme instead let the first themes spend the load of judges whom a later theme
 * needed (with recusal, the demo's tight panel came out one assignment short on some orders of the theme ids).
 * Existing assignments are kept and counted. A pair whose assignment was abstained is never planned again (the judge
 * gave it back); a removed one may be (applying restores it).
 */
export function planItems(facts: RoundFacts, params: PlanParams): PlanItem[] {
  const given = facts.assignments
    .filter((a) => a.status === 'abstained')
    .map((a) => ({ entryId: a.entryId, judgeId: a.judgeId }));
  const plan = planAssignment({
    entries: facts.entries,
    judges: facts.judges,
    perEntry: params.perEntry,
    maxLoad: params.maxLoad,
    existing: live(facts),
    excluded: given,
    tree: facts.tree,
    seed: params.seed,
  });
  return plan.items
    .filter((item) => !item.kept)
    .map((item) => ({ entryId: item.entryId, judgeId: item.judgeId, specialty: item.specialty }));
}

type Figures = Pick<TAssignmentPlanView, 'coverage' | 'load' | 'loadSpread' | 'pairOverlapMax' | 'conflicts'>;

/**
 * What the organizer previews before applying (issue 10 item 3): the plan's items together with the assignments
 * that stay, against the facts now — coverage (each entry short of `perEntry` judges, with how many of its theme's
 * panel are recused and why it is short), every panel judge's load and the spread (highest over lowest; null while a
 * judge has none), the most entries two judges share, and every conflict between an entry and a judge of its theme's
 * panel with conflictOf's reason.
 */
export function figuresOf(
  facts: RoundFacts,
  params: PlanParams,
  items: readonly { entryId: string; judgeId: string }[],
): Figures {
  const judgeName = new Map(facts.judges.map((j) => [j.id, j.name]));
  const pairs = [...live(facts), ...items];
  const onEntry = new Map<string, string[]>();
  const load = new Map<string, number>(facts.judges.map((j) => [j.id, 0]));
  for (const p of pairs) {
    onEntry.set(p.entryId, [...(onEntry.get(p.entryId) ?? []), p.judgeId]);
    load.set(p.judgeId, (load.get(p.judgeId) ?? 0) + 1);
  }
  const conflictsOf = recusalIndex(facts.judges, facts.tree);
  const conflicts: Figures['conflicts'] = [];
  const uncovered: Figures['coverage']['uncovered'] = [];
  for (const entry of facts.entries) {
    const panel = new Set(facts.judges.flatMap((j, i) => (j.themeIds.includes(entry.themeId) ? [i] : [])));
    let recused = 0;
    for (const [at, c] of [...conflictsOf(entry)].sort((a, b) => a[0] - b[0])) {
      if (!panel.has(at)) continue;
      recused += 1;
      const judge = facts.judges[at];
      if (!judge) continue;
      conflicts.push({
        entryId: entry.id,
        number: entry.number,
        title: entry.title,
        judgeId: judge.id,
        judgeName: judge.name,
        reason: c.reason,
        organizationId: c.organizationId,
        judgeOrganizationId: c.judgeOrganizationId,
        relation: c.relation,
      });
    }
    const count = onEntry.get(entry.id)?.length ?? 0;
    if (count >= params.perEntry) continue;
    const reason = panel.size < params.perEntry ? 'too_few_judges' : panel.size - recused < params.perEntry ? 'recused' : 'full';
    uncovered.push({
      entryId: entry.id,
      number: entry.number,
      title: entry.title,
      judges: count,
      missing: params.perEntry - count,
      reason,
      recused,
    });
  }
  const shared = new Map<string, number>();
  for (const judgesOn of onEntry.values()) {
    const on = [...judgesOn].sort();
    for (let a = 0; a < on.length; a++)
      for (let b = a + 1; b < on.length; b++) {
        const key = `${on[a]}:${on[b]}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const counts = [...load.values()];
  const lowest = counts.length ? Math.min(...counts) : 0;
  const highest = counts.length ? Math.max(...counts) : 0;
  return {
    coverage: { entries: facts.entries.length, covered: facts.entries.length - uncovered.length, uncovered },
    load: [...load.entries()].map(([judgeId, count]) => ({
      judgeId,
      judgeName: judgeName.get(judgeId) ?? '',
      count,
      max: params.maxLoad,
    })),
    loadSpread: lowest > 0 ? Math.round((highest / lowest) * 1000) / 1000 : null,
    pairOverlapMax: Math.max(0, ...shared.values()),
    conflicts,
  };
}
