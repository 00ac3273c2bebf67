/**
 * The assignment plan's two repairs after its main pass (assign.ts): entries short of judges take them along
 * augmenting paths (judges hand entries on to judges with room), and loads are levelled. Both work on the pass's state in place,
 * never move a kept (manual) item, and never seat a judge where `blocked` says no (a conflict, X-4, or already on
 * the entry).
 */

export interface RepairContext {
  J: number;
  N: number;
  T: number;
  themeLoad: Int32Array;
  cap: Int32Array;
  reach: Int32Array;
  load: Int32Array;
  panel: number[][];
  itemsOf: number[][];
  pairs: Uint16Array;
  pairCap: number;
  spec: Uint8Array;
  theme: Int32Array;
  /** e * J + j of the kept (manual) items: never moved. */
  isKept: Set<number>;
  blocked(e: number, j: number): boolean;
  place(e: number, j: number): void;
  unplace(e: number, j: number): void;
}

const pairsOk = (c: RepairContext, e: number, j: number, leaving: number, cap: number) =>
  (c.panel[e] as number[]).every((other) => other === leaving || (c.pairs[other * c.J + j] as number) < cap);

/**
 * Entries short of judges take them along augmenting paths: judge j0 (free for the entry, full) hands one of their
 * entries to j1, who hands one of theirs to j2 … until a judge with room takes the last one, and j0 takes the short
 * entry. Breadth first over the judges, each once per search; kept (manual) items never move. This is max-flow's
 * augmenting step over entry -> judge (one seat each, where not blocked) -> the judge's maximum, so when no entry
 * finds a path the plan covers as many slots as any plan could (assign.test.ts checks it against a max-flow). Passes
 * repeat while one placed a judge. Bounded in work, so a plan that cannot be covered still answers quickly.
 */
export function fillUncovered(c: RepairContext) {
  let budget = 20_000_000;
  const E = c.panel.length;
  const seen = new Int32Array(c.J).fill(-1);
  /** The entry judge k takes on the path, and the judge who hands it over (-1: k takes the short entry itself). */
  const via = new Int32Array(c.J);
  const from = new Int32Array(c.J);
  let search = 0;
  let room = 0;
  for (let k = 0; k < c.J; k++) if ((c.load[k] as number) < (c.cap[k] as number)) room++;
  for (let placed = true; placed && room > 0; ) {
    placed = false;
    for (let e = 0; e < E && room > 0; e++) {
      while ((c.panel[e] as number[]).length < c.N && room > 0) {
        search++;
        const queue: number[] = [];
        for (let j = 0; j < c.J; j++) {
          if (c.blocked(e, j)) continue;
          seen[j] = search;
          via[j] = e;
          from[j] = -1;
          queue.push(j);
        }
        let end = -1;
        for (let q = 0; q < queue.length && end < 0; q++) {
          const j = queue[q] as number;
          if ((c.load[j] as number) < (c.cap[j] as number)) {
            end = j;
            break;
          }
          for (const f of c.itemsOf[j] as number[]) {
            if (c.isKept.has(f * c.J + j)) continue;
            for (let k = 0; k < c.J; k++) {
              if (--budget <= 0) return;
              if (seen[k] === search || c.blocked(f, k)) continue;
              seen[k] = search;
              via[k] = f;
              from[k] = j;
              queue.push(k);
            }
          }
        }
        if (end < 0) break;
        // Along the path back from the judge with room: each takes the entry its predecessor hands over.
        let k = end;
        while ((from[k] as number) >= 0) {
          const j = from[k] as number;
          c.unplace(via[k] as number, j);
          c.place(via[k] as number, k);
          k = j;
        }
        c.place(e, k);
        if ((c.load[end] as number) >= (c.cap[end] as number)) room--;
        placed = true;
      }
    }
  }
}

export function spreadOf(c: RepairContext): number {
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let j = 0; j < c.J; j++) {
    const l = c.load[j] as number;
    max = Math.max(max, l);
    if (l < (c.reach[j] as number)) min = Math.min(min, l);
  }
  if (min === Number.POSITIVE_INFINITY) for (let j = 0; j < c.J; j++) min = Math.min(min, c.load[j] as number);
  if (max === 0) return 1;
  return min === 0 ? Number.POSITIVE_INFINITY : max / min;
}

/** Whether `hi` holds an entry of a theme `lo` may take from them without losing the specialty match. */
function hasMovable(c: RepairContext, hi: number, lo: number): boolean {
  for (let t = 0; t < c.T; t++) {
    if ((c.themeLoad[hi * c.T + t] as number) > 0 && (c.spec[t * c.J + lo] as number) >= (c.spec[t * c.J + hi] as number))
      return true;
  }
  return false;
}

/** Moves entries (never kept ones) from the most loaded judges to the least loaded one until loads differ by at
 * most one or no move is left, keeping what `keep` names: the specialty match (the receiving judge is as expert in
 * the entry's theme as the giving one) and the pair cap ('specialty' allows the cap plus one; 'any' keeps neither). */
export function levelLoads(c: RepairContext, keep: 'specialty_and_pairs' | 'specialty' | 'any') {
  const stuck = new Uint8Array(c.J);
  for (let guard = 0; guard < 1_000_000; guard++) {
    let lo = -1;
    for (let j = 0; j < c.J; j++) {
      if (stuck[j] || (c.load[j] as number) >= (c.cap[j] as number)) continue;
      if (lo < 0 || (c.load[j] as number) < (c.load[lo] as number)) lo = j;
    }
    if (lo < 0) return;
    const floor = (c.load[lo] as number) + 2;
    const donors: number[] = [];
    for (let j = 0; j < c.J; j++) if ((c.load[j] as number) >= floor) donors.push(j);
    if (donors.length === 0) return;
    donors.sort((a, b) => (c.load[b] as number) - (c.load[a] as number) || a - b);
    let moved = false;
    // A bounded look per receiving judge: the most loaded donors come first, and a judge no move reaches within
    // the bound is left as is (levelling is a refinement; the pass's shares already keep loads close).
    let budget = 4000;
    search: for (const hi of donors) {
      if (keep !== 'any' && !hasMovable(c, hi, lo)) continue;
      for (const e of c.itemsOf[hi] as number[]) {
        if (--budget < 0) break search;
        if (c.blocked(e, lo) || c.isKept.has(e * c.J + hi)) continue;
        const t = c.theme[e] as number;
        if (keep !== 'any' && (c.spec[t * c.J + lo] as number) < (c.spec[t * c.J + hi] as number)) continue;
        if (keep !== 'any' && !pairsOk(c, e, lo, hi, keep === 'specialty_and_pairs' ? c.pairCap : c.pairCap + 1)) continue;
        c.unplace(e, hi);
        c.place(e, lo);
        moved = true;
        break search;
      }
    }
    if (!moved) stuck[lo] = 1;
  }
}
