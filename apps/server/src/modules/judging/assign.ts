/**
 * Automatic assignment of a round's entries to its panel (issue 10 item 3): the plan step of plan -> preview ->
 * apply. Pure: the pool, the entries, the kept (manual) assignments and the organization tree come in as data.
 *
 * Guarantees: no item conflicts (recusal.ts, X-4), no judge twice on an entry, no judge over their maximum load
 * (their own, or the round's) with new items; kept items that now conflict are dropped and reported. The same input
 * and seed give the same plan, whatever the order of the input arrays.
 *
 * How. Every judge gets a target load by water-filling the slots over the judges' maxima. Judges are seated in
 * layers (each entry's first judge, then each entry's second …), entries within a layer in a fixed order (those
 * with few judges free of conflicts first, the rest shuffled by the seed), so a short pool leaves entries one judge
 * short rather than some without any. Each slot takes, among the judges free of conflicts and under their maximum,
 * the best by, in order: being within their share of the work done so far (target × progress, plus a small slack:
 * this keeps loads level while leaving room for the next preference); not already sharing `pairCap` entries with a
 * judge on this entry; a specialty matching the entry's theme (and else no specialty in another of the round's
 * themes, so experts stay free for theirs); fewest entries shared with the judges already on it; the lowest load; a
 * seeded tie-break. That is O(entries × perEntry × judges), no pass over all pairs. Then the repairs of
 * assign-repair.ts: an uncovered entry takes a full judge who hands one of their entries to a judge with room; and
 * entries move from the most to the least loaded judges (first keeping specialty and the pair cap, then specialty
 * and the cap plus one, then anything while max/min load is above 1.2).
 */
import { present } from './assign-present.ts';
import { fillUncovered, levelLoads, type RepairContext, spreadOf } from './assign-repair.ts';
import { type Conflict, type OrgTree, type RecusalEntry, type RecusalJudge, recusalIndex } from './recusal.ts';

export interface AssignEntry extends RecusalEntry {
  themeId: string;
}

export interface AssignJudge extends RecusalJudge {
  /** Theme ids the judge is expert in. */
  specialties: readonly string[];
  /** The judge's own maximum, below the round's. */
  maxLoad?: number;
  /** The themes the judge sits on the panel for: they score entries of these themes only. Absent: every theme. */
  themeIds?: readonly string[];
}

export interface AssignmentInput {
  entries: readonly AssignEntry[];
  judges: readonly AssignJudge[];
  perEntry: number;
  maxLoad: number;
  /** Assignments already made (manual ones): kept unless they conflict; they count toward coverage and load. */
  existing?: readonly { entryId: string; judgeId: string }[];
  tree: OrgTree;
  seed?: number;
  /** Two judges should share at most this many entries; by default from the expected overlap within a theme. */
  maxPairOverlap?: number;
  /** Pairs never to plan (a judge who gave the entry back); unlike a conflict they are not reported. */
  excluded?: readonly { entryId: string; judgeId: string }[];
}

export interface PlannedItem {
  entryId: string;
  judgeId: string;
  kept: boolean;
  specialty: boolean;
}

/** recused: fewer judges free of conflicts than perEntry; too_few_judges: the judges seated for the entry's theme are
 * fewer; full: every judge free of conflicts is on the entry already or at their maximum load. */
export type UncoveredReason = 'recused' | 'too_few_judges' | 'full';

export interface UncoveredEntry {
  entryId: string;
  missing: number;
  reason: UncoveredReason;
  recused: number;
  full: number;
}

export interface AssignmentPlan {
  items: PlannedItem[];
  uncovered: UncoveredEntry[];
  load: { judgeId: string; count: number; max: number }[];
  /** Max over min load; the minimum is taken over the judges who could have taken more (a judge at their own
   * maximum, or on every entry they are free to score, took what they may). 1 with no load; Infinity when such a
   * judge got nothing. */
  loadSpread: number;
  pairOverlapMax: number;
  pairOverlapCap: number;
  specialtyMatches: number;
  /** Every (entry, judge) pair of the input that conflicts, with its reason (of judges seated for the entry's theme). */
  conflicts: (Conflict & { entryId: string; judgeId: string })[];
  dropped: { entryId: string; judgeId: string; reason: 'conflict' | 'unknown_entry' | 'unknown_judge' | 'duplicate' }[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A 32-bit hash of three integers (murmur3's finalizer): the seeded tie-break and shuffle. */
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c ^ 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

/** The smallest level L with Σ min(cap, max(L, kept)) >= total: each judge's share of the work. */
function waterLevel(caps: Int32Array, kept: Int32Array, total: number): number {
  let lo = 0;
  let hi = Math.max(0, ...caps);
  const filled = (level: number) => {
    let sum = 0;
    for (let j = 0; j < caps.length; j++) sum += Math.min(caps[j] as number, Math.max(level, kept[j] as number));
    return sum;
  };
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (filled(mid) >= total) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function planAssignment(input: AssignmentInput): AssignmentPlan {
  // By id, each id once (a repeated id would let one judge sit twice on an entry under two positions).
  const entries = [...input.entries].sort(byId).filter((e, i, all) => i === 0 || all[i - 1]?.id !== e.id);
  const judges = [...input.judges].sort(byId).filter((j, i, all) => i === 0 || all[i - 1]?.id !== j.id);
  const E = entries.length;
  const J = judges.length;
  const N = Math.max(0, Math.floor(input.perEntry));
  const seed = (input.seed ?? 1) | 0;
  const entryAt = new Map(entries.map((e, i) => [e.id, i]));
  const judgeAt = new Map(judges.map((j, i) => [j.id, i]));
  const cap = Int32Array.from(judges, (j) => Math.max(0, Math.floor(Math.min(input.maxLoad, j.maxLoad ?? input.maxLoad))));

  // Themes as small integers; spec[t * J + j] = 1 when judge j is expert in theme t.
  const themeAt = new Map<string, number>();
  const theme = Int32Array.from(entries, (e) => {
    let t = themeAt.get(e.themeId);
    if (t === undefined) {
      t = themeAt.size;
      themeAt.set(e.themeId, t);
    }
    return t;
  });
  const spec = new Uint8Array(themeAt.size * J);
  // An expert in one of the round's themes is kept for it: on an entry of another theme, a judge expert in none goes first.
  const expert = new Uint8Array(J);
  judges.forEach((judge, j) => {
    for (const s of judge.specialties) {
      const t = themeAt.get(s);
      if (t === undefined) continue;
      spec[t * J + j] = 1;
      expert[j] = 1;
    }
  });

  // Who sits for each theme (a judge without themeIds sits for all), and the pairs never to plan: together `barred`.
  const seats = new Uint8Array(themeAt.size * J).fill(1);
  judges.forEach((judge, j) => {
    if (judge.themeIds === undefined) return;
    const sits = new Set(judge.themeIds);
    for (const [id, t] of themeAt) if (!sits.has(id)) seats[t * J + j] = 0;
  });
  const seated = new Int32Array(themeAt.size);
  for (let t = 0; t < themeAt.size; t++)
    for (let j = 0; j < J; j++) seated[t] = (seated[t] as number) + (seats[t * J + j] as number);
  const barred: (Set<number> | null)[] = entries.map(() => null);
  const bar = (e: number, j: number) => {
    let set = barred[e];
    if (!set) {
      set = new Set();
      barred[e] = set;
    }
    set.add(j);
  };
  entries.forEach((_, e) => {
    const t = theme[e] as number;
    if ((seated[t] as number) < J) for (let j = 0; j < J; j++) if (seats[t * J + j] === 0) bar(e, j);
  });
  for (const { entryId, judgeId } of input.excluded ?? []) {
    const e = entryAt.get(entryId);
    const j = judgeAt.get(judgeId);
    if (e !== undefined && j !== undefined) bar(e, j);
  }

  const conflictsOf = recusalIndex(judges, input.tree);
  const recused: (Map<number, Conflict> | null)[] = [];
  const conflicts: AssignmentPlan['conflicts'] = [];
  for (const [e, entry] of entries.entries()) {
    const found = conflictsOf(entry);
    const t = theme[e] as number;
    for (const j of [...found.keys()]) if (seats[t * J + j] === 0) found.delete(j);
    recused.push(found.size > 0 ? found : null);
    for (const [j, c] of found) conflicts.push({ entryId: entry.id, judgeId: (judges[j] as AssignJudge).id, ...c });
  }
  /** The judges who may never take entry e: in conflict with it, not seated for its theme, or excluded. */
  const outOf = (e: number): number[] => {
    const r = recused[e];
    const b = barred[e];
    if (!b) return r ? [...r.keys()] : [];
    if (!r) return [...b];
    return [...new Set([...r.keys(), ...b])];
  };

  const panel: number[][] = entries.map(() => []);
  const itemsOf: number[][] = judges.map(() => []);
  const load = new Int32Array(J);
  const isKept = new Set<number>();
  const pairs = new Uint16Array(J * J);
  const blocked = (e: number, j: number) =>
    recused[e]?.has(j) === true || barred[e]?.has(j) === true || (panel[e] as number[]).includes(j);
  // Per judge and theme, how many of the judge's entries are of that theme (the levelling's quick filter).
  const themeLoad = new Int32Array(J * themeAt.size);
  const place = (e: number, j: number) => {
    for (const other of panel[e] as number[]) {
      pairs[other * J + j] = (pairs[other * J + j] as number) + 1;
      pairs[j * J + other] = (pairs[j * J + other] as number) + 1;
    }
    (panel[e] as number[]).push(j);
    (itemsOf[j] as number[]).push(e);
    load[j] = (load[j] as number) + 1;
    themeLoad[j * themeAt.size + (theme[e] as number)] = (themeLoad[j * themeAt.size + (theme[e] as number)] as number) + 1;
  };
  const unplace = (e: number, j: number) => {
    const onEntry = panel[e] as number[];
    onEntry.splice(onEntry.indexOf(j), 1);
    for (const other of onEntry) {
      pairs[other * J + j] = (pairs[other * J + j] as number) - 1;
      pairs[j * J + other] = (pairs[j * J + other] as number) - 1;
    }
    const mine = itemsOf[j] as number[];
    mine.splice(mine.indexOf(e), 1);
    load[j] = (load[j] as number) - 1;
    themeLoad[j * themeAt.size + (theme[e] as number)] = (themeLoad[j * themeAt.size + (theme[e] as number)] as number) - 1;
  };

  const dropped: AssignmentPlan['dropped'] = [];
  for (const { entryId, judgeId } of input.existing ?? []) {
    const e = entryAt.get(entryId);
    const j = judgeAt.get(judgeId);
    if (e === undefined) dropped.push({ entryId, judgeId, reason: 'unknown_entry' });
    else if (j === undefined) dropped.push({ entryId, judgeId, reason: 'unknown_judge' });
    else if (recused[e]?.has(j) || barred[e]?.has(j)) dropped.push({ entryId, judgeId, reason: 'conflict' });
    else if ((panel[e] as number[]).includes(j)) dropped.push({ entryId, judgeId, reason: 'duplicate' });
    else {
      place(e, j);
      isKept.add(e * J + j);
    }
  }
  const kept = Int32Array.from(load);
  const need = Int32Array.from(panel, (p) => Math.max(0, N - p.length));
  const newSlots = need.reduce((a, b) => a + b, 0);
  const level = waterLevel(cap, kept, kept.reduce((a, b) => a + b, 0) + newSlots);
  const target = Float64Array.from(cap, (c, j) => Math.min(c, Math.max(level, kept[j] as number)));
  const slack = Math.max(1, Math.round(level * 0.04));
  const pairCap = input.maxPairOverlap ?? defaultPairCap(theme, spec, seats, themeAt.size, J, N);

  // Entries with few judges free of conflicts first (they have the least choice), the rest shuffled by the seed.
  const out = entries.map((_, e) => outOf(e));
  const free = Int32Array.from(out, (o) => J - o.length);
  const order = Array.from({ length: E }, (_, e) => e);
  const rank = Uint32Array.from(order, (e) => mix(seed, e, 0x51ed));
  const tight = (e: number) => ((free[e] as number) <= 2 * N ? (free[e] as number) : 0x7fffffff);
  order.sort((a, b) => tight(a) - tight(b) || (rank[a] as number) - (rank[b] as number) || a - b);

  // The preference order as one number, compared in one step: over the share (bit 36), at the pair cap (35),
  // specialty miss (33-34), entries shared with the panel (17-32, capped), load (0-16, capped); ties by the seed.
  // Judges are seated in layers (every entry's first judge, then every entry's second …), so when the pool is short
  // the shortage is spread as one missing judge on many entries rather than entries without any.
  const stamp = new Int32Array(J).fill(-1);
  let step = 0;
  let done = 0;
  for (let layer = 1; layer <= N; layer++) {
    for (const e of order) {
      const onEntry = panel[e] as number[];
      if (onEntry.length >= layer) continue;
      const t = theme[e] as number;
      step++;
      for (const j of out[e] as number[]) stamp[j] = step;
      for (const j of onEntry) stamp[j] = step;
      const progress = newSlots > 0 ? (done + 1) / newSlots : 1;
      let best = -1;
      let bKey = 0;
      let bTie = 0;
      for (let j = 0; j < J; j++) {
        const l = load[j] as number;
        if (l >= (cap[j] as number) || stamp[j] === step) continue;
        const base = kept[j] as number;
        const over = l >= Math.ceil(base + ((target[j] as number) - base) * progress) + slack ? 1 : 0;
        let max = 0;
        let sum = 0;
        for (const other of onEntry) {
          const shared = pairs[other * J + j] as number;
          sum += shared;
          if (shared > max) max = shared;
        }
        const miss = spec[t * J + j] === 1 ? 0 : 1 + (expert[j] as number);
        const key =
          over * 2 ** 36 +
          (max >= pairCap ? 2 ** 35 : 0) +
          miss * 2 ** 33 +
          Math.min(sum, 0xffff) * 2 ** 17 +
          Math.min(l, 0x1ffff);
        if (best >= 0 && key > bKey) continue;
        const tie = mix(seed, e, j);
        if (best < 0 || key < bKey || tie < bTie) {
          best = j;
          bKey = key;
          bTie = tie;
        }
      }
      if (best < 0) continue;
      place(e, best);
      done++;
    }
  }

  // What a judge can take at most: their maximum, or every entry they are free to score when that is fewer.
  const freeEntries = new Int32Array(J).fill(E);
  for (const o of out) for (const j of o) freeEntries[j] = (freeEntries[j] as number) - 1;
  const reach = Int32Array.from(cap, (c, j) => Math.min(c, freeEntries[j] as number));
  const ctx: RepairContext = {
    J,
    N,
    T: themeAt.size,
    themeLoad,
    cap,
    reach,
    load,
    panel,
    itemsOf,
    pairs,
    pairCap,
    spec,
    theme,
    isKept,
    blocked,
    place,
    unplace,
  };
  fillUncovered(ctx);
  levelLoads(ctx, 'specialty_and_pairs');
  levelLoads(ctx, 'specialty');
  if (spreadOf(ctx) > 1.2) levelLoads(ctx, 'any');

  return present(ctx, { entries, judges, recused, seated, free, conflicts, dropped, isKept });
}

/** The overlap two judges would have if each theme's slots were spread evenly over its experts (else over the
 * judges seated for it), plus one. */
function defaultPairCap(theme: Int32Array, spec: Uint8Array, seats: Uint8Array, themes: number, J: number, N: number): number {
  const perTheme = new Float64Array(themes);
  for (const t of theme) perTheme[t] = (perTheme[t] as number) + 1;
  let worst = 0;
  for (let t = 0; t < themes; t++) {
    let experts = 0;
    let seated = 0;
    for (let j = 0; j < J; j++) {
      experts += (spec[t * J + j] as number) & (seats[t * J + j] as number);
      seated += seats[t * J + j] as number;
    }
    const pool = experts >= N ? experts : seated;
    if (pool > 1) worst = Math.max(worst, (N * (N - 1) * (perTheme[t] as number)) / (pool * (pool - 1)));
  }
  return Math.max(1, Math.ceil(worst) + 1);
}
