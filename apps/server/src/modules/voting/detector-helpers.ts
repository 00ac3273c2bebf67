// What the detector's signals share (detector.ts, detector-rings.ts): the facts they read and small helpers.

import type { DetectorOptions, Flag, FlagKind, VoteFact } from './detector.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface VoterFacts {
  id: string;
  createdAt: number;
  firstVoteAt: number;
  /** The one entry this voter voted for, or null once they voted for a second. */
  onlyEntry: string | null;
  casts: Cast[];
  /** The entry whose voters are being walked: marks a voter seen without a set per entry. */
  seenFor: string | null;
}

/** A live vote with its time in milliseconds and its voter's facts, so the signals neither parse dates nor look voters up. */
export interface Cast {
  v: VoteFact;
  t: number;
  voter: VoterFacts;
}

export interface Facts {
  /** The live (not voided) votes in time order. */
  casts: Cast[];
  voters: Map<string, VoterFacts>;
  /** Each entry's votes in time order. */
  byEntry: Map<string, Cast[]>;
  spanMs: number;
  o: DetectorOptions;
}

export function subnetOf(ip: string): string {
  const text = ip.trim().toLowerCase();
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(text);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!text.includes(':')) return text;
  const [head = '', tail] = text.split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function makeFlag(
  kind: FlagKind,
  key: string,
  casts: readonly Cast[],
  figures: Record<string, number>,
  summary: Flag['summary'],
): Flag {
  return {
    kind,
    key,
    voteIds: [...new Set(casts.map((c) => c.v.voteId))].sort(compare),
    voterIds: [...new Set(casts.map((c) => c.voter.id))].sort(compare),
    entryIds: [...new Set(casts.map((c) => c.v.entryId))].sort(compare),
    figures,
    summary,
  };
}

/** Splits items sorted by `time` where consecutive items are more than `gap` apart. */
export function chain<T>(items: readonly T[], time: (item: T) => number, gap: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const item of items) {
    const previous = run[run.length - 1];
    if (previous !== undefined && time(item) - time(previous) > gap) {
      runs.push(run);
      run = [];
    }
    run.push(item);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function upperBound(sorted: readonly number[], value: number): number {
  return lowerBound(sorted, value + 1);
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function tAt(list: readonly Cast[], i: number): number {
  return (list[i] as Cast).t;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
