/**
 * The assignment plan's two repairs after its main pass (assign.ts): an uncovered entry takes a full judge who
 * hands one of their entries to a judge with room, and loads are levelled. Both work on the pass's state in place,
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

/** An entry short of judges while a judge free of conflicts is full: that judge hands one of their entries to a
 * judge with room, and takes this one. Bounded in work, so a plan that cannot be covered still answers quickly. */
export function fillUncovered(c: RepairContext) {
  let budget = 20_000_000;
  for (let e = 0; e < c.panel.length && budget > 0; e++) {
    while ((c.panel[e] as number[]).length < c.N) {
      const room: number[] = [];
      for (let k = 0; k < c.J; k++) if ((c.load[k] as number) < (c.cap[k] as number)) room.push(k);
      if (room.length === 0) return;
      let moved = false;
      search: for (let j = 0; j < c.J; j++) {
        if (c.blocked(e, j) || (c.load[j] as number) < (c.cap[j] as number)) continue;
        for (const f of c.itemsOf[j] as number[]) {
          if (c.isKept.has(f * c.J + j)) continue;
          for (const k of room) {
            if (--budget <= 0) return;
            if (k === j || c.blocked(f, k)) continue;
            c.unplace(f, j);
            c.place(f, k);
            c.place(e, j);
            moved = true;
            break search;
          }
        }
      }
      if (!moved) break;
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
