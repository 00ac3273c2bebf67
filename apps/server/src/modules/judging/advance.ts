import type { FieldError } from '@casearena/contract';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Advancement and online tiers from a round's ranking (issue 10 item 6; S0-10 online part, S2-6 first two rounds).
 * Pure: no database, no clock. The organizer previews the result of a stated rule, then freezes it (round_results);
 * the same rule on the same ranking always gives the same preview, whatever the order of the rows.
 *
 * What a proportion is of (seed 000 §六.1-2): "根据多名专家对同一主题案例的在线打分结果，按比例由高到低录取" — per
 * theme, a proportion of that theme's cases scored online, taken from the highest score down. So the default base
 * is the group's rows in the ranking (`'entries'`: every entry of the theme/track in the round, those with too few
 * sheets included, since they are the theme's cases all the same); `'eligible'` counts only the entries that can be
 * placed, and a number or a per-group map states the base outright (e.g. each theme's passed entries).
 *
 * Tiers (S0-10): Outstanding (卓越) first, then Excellent (优秀) "进阶成为卓越案例的不包含在内" — each tier's count is
 * its own proportion (or count) of the base, taken from the entries no higher tier took, never more than are left.
 * Seed 000 limits one entry per hospital per theme only for the popularity award (§六.4, S0-11); the expert tiers
 * have no such limit, so none is applied here.
 */

/**
 * What this engine reads of a ranking row: structurally the design's RankedEntry (aggregate.ts's rankRound), which
 * has these fields and more, so rankRound's output is passed in as it is.
 */
export interface RankedRow {
  entryId: string;
  /** The theme, or theme + track: the group within which the ranking, the counts and the cuts apply. */
  groupKey: string;
  score: number | null;
  /** 1 = best within the group, after the round's stated tie-break. */
  rank: number | null;
  tooFewSheets: boolean;
}

export type Rounding = 'ceil' | 'floor' | 'round';
/**
 * The organizer's rule at a cut where the last place taken shares its score with entries below it:
 * `'include-ties'` takes every entry tied with the last place too (the cut takes more than its count);
 * `'strict'` takes exactly the count in the ranking's order, which already applied the round's tie-break.
 */
export type TieRule = 'include-ties' | 'strict';
/** What a percent is of, per group (see the file's comment): a number applies to every group, a map per group key. */
export type ProportionBase = 'entries' | 'eligible' | number | Readonly<Record<string, number>>;

export type AdvanceRule =
  | { n: number; ties: TieRule }
  | { percent: number; rounding: Rounding; base?: ProportionBase; ties: TieRule };

export interface TierSpec {
  key: string;
  label?: { 'zh-CN': string; en: string };
  /** Exactly one of count and percent (0-100, of the base). */
  count?: number;
  percent?: number;
}

export interface TierRule {
  /** Highest tier first: S0-10's Outstanding, then Excellent. */
  tiers: readonly TierSpec[];
  rounding: Rounding;
  base?: ProportionBase;
  ties: TieRule;
  /** Tier keys whose entries also advance to the next round (seed 000: 卓越 cases go on to the live final). */
  advance?: readonly string[];
}

/** Why an entry got nothing (no tier; in an advance preview, did not advance). */
export type MissReason = 'too_few_sheets' | 'no_score' | 'below_cut' | 'tied_out';

export interface PreviewRow {
  entryId: string;
  rank: number | null;
  score: number | null;
  /** 1-based place among the group's eligible entries, in the ranking's order; null when not eligible. */
  position: number | null;
  tier: string | null;
  advanced: boolean;
  reason: MissReason | null;
}

/** One cut of a group: the advance cut (`key: 'advance'`) or a tier. */
export interface PreviewCut {
  key: string;
  label?: { 'zh-CN': string; en: string };
  /** The count the rule asks for (from the proportion and rounding, or the stated count). */
  quota: number;
  /** How many it took: min(quota, left), more under include-ties when the last place is tied. */
  taken: number;
  /** The lowest score it took; null when it took none. */
  boundaryScore: number | null;
  /** Entries tied with the last place but left out by the strict rule, in ranking order. */
  tiedOut: string[];
}

export interface PreviewGroup {
  groupKey: string;
  entries: number;
  eligible: number;
  /** What the proportions were of; null for stated counts (advance by n). */
  base: number | null;
  cuts: PreviewCut[];
  /** Eligible entries in ranking order, then those with too few sheets, then those without a score. */
  rows: PreviewRow[];
}

export interface RoundPreview {
  kind: 'advance' | 'tiers';
  /** Groups in group-key order. */
  groups: PreviewGroup[];
}

/**
 * Scores that agree to 9 decimals are tied. rankRound rounds scores to 9 decimals, so distinct scores differ by at
 * least 1e-9, while the same marks summed in another order differ only in the last bits of a double (far below
 * 5e-10), which must not decide a cut.
 */
export const sameScore = (a: number, b: number): boolean => Math.abs(a - b) < 5e-10;

/**
 * The count for a proportion. The product is rounded to 6 decimals first, so binary floating point does not move a
 * place (10% of 30 is 3, not 3.0000000000000004 and a ceiling of 4); `'round'` rounds half up.
 */
export function quotaFor(percent: number, base: number, rounding: Rounding): number {
  const exact = Math.round(((percent * base) / 100) * 1e6) / 1e6;
  const round = { ceil: Math.ceil, floor: Math.floor, round: Math.round } satisfies Record<Rounding, (x: number) => number>;
  return round[rounding](exact);
}

const ROUNDINGS: readonly string[] = ['ceil', 'floor', 'round'] satisfies readonly Rounding[];
const TIE_RULES: readonly string[] = ['include-ties', 'strict'] satisfies readonly TieRule[];
type Problem = Omit<FieldError, 'message'>;

function countProblem(path: string, value: unknown): Problem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { path, code: 'NOT_A_NUMBER' };
  if (!Number.isInteger(value)) return { path, code: 'INTEGER_REQUIRED' };
  return value < 0 ? { path, code: 'TOO_SMALL', params: { min: 0 } } : null;
}

function percentProblem(path: string, value: unknown): Problem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { path, code: 'NOT_A_NUMBER' };
  if (value < 0) return { path, code: 'TOO_SMALL', params: { min: 0 } };
  return value > 100 ? { path, code: 'TOO_LARGE', params: { max: 100 } } : null;
}

function baseProblems(base: ProportionBase | undefined, groupKeys: readonly string[]): Problem[] {
  if (base === undefined || base === 'entries' || base === 'eligible') return [];
  if (typeof base === 'number') return [countProblem('base', base)].filter((p) => p !== null);
  if (typeof base !== 'object' || base === null) return [{ path: 'base', code: 'INVALID_CHOICE' }];
  return groupKeys.flatMap((key) => {
    const p = Object.hasOwn(base, key)
      ? countProblem(`base.${key}`, base[key])
      : { path: `base.${key}`, code: 'REQUIRED' as const };
    return p ? [p] : [];
  });
}

function rowProblems(ranked: readonly RankedRow[]): Problem[] {
  const seen = new Set<string>();
  return ranked.flatMap((r, i) => {
    if (!seen.has(r.entryId)) {
      seen.add(r.entryId);
      return [];
    }
    return [{ path: `ranked.${i}.entryId`, code: 'DUPLICATE' as const }];
  });
}

function refuse(problems: ReadonlyArray<Problem | null>): void {
  const found = problems.filter((p) => p !== null);
  if (found.length > 0) throw new AppError('VALIDATION_FAILED', undefined, found);
}

const choice = (allowed: readonly string[], value: unknown, path: string): Problem | null =>
  typeof value === 'string' && allowed.includes(value) ? null : { path, code: 'INVALID_CHOICE' };

function tierProblem(t: TierSpec, i: number, keys: readonly string[]): Problem | null {
  const path = `tiers.${i}`;
  if (typeof t.key !== 'string' || t.key.length === 0) return { path: `${path}.key`, code: 'REQUIRED' };
  if (keys.indexOf(t.key) !== i) return { path: `${path}.key`, code: 'DUPLICATE' };
  if (t.count !== undefined && t.percent !== undefined) return { path, code: 'INVALID' };
  if (t.count !== undefined) return countProblem(`${path}.count`, t.count);
  if (t.percent !== undefined) return percentProblem(`${path}.percent`, t.percent);
  return { path: `${path}.percent`, code: 'REQUIRED' };
}

const eligibleRow = (r: RankedRow): boolean => !r.tooFewSheets && typeof r.score === 'number' && Number.isFinite(r.score);
const missOf = (r: RankedRow): MissReason => (r.tooFewSheets ? 'too_few_sheets' : 'no_score');

/** The ranking's order: rank, then score (higher first), then entry id, so equal input gives equal output. */
function byRanking(a: RankedRow, b: RankedRow): number {
  const ra = a.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb ? -1 : 1;
  const sa = eligibleRow(a) ? (a.score as number) : Number.NEGATIVE_INFINITY;
  const sb = eligibleRow(b) ? (b.score as number) : Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sa > sb ? -1 : 1;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

function groupsOf(ranked: readonly RankedRow[]): Array<[string, RankedRow[]]> {
  const groups = new Map<string, RankedRow[]>();
  for (const r of ranked) {
    const rows = groups.get(r.groupKey);
    if (rows) rows.push(r);
    else groups.set(r.groupKey, [r]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function baseOf(base: ProportionBase | undefined, groupKey: string, entries: number, eligible: number): number {
  if (base === undefined || base === 'entries') return entries;
  if (base === 'eligible') return eligible;
  if (typeof base === 'number') return base;
  return base[groupKey] ?? 0;
}

interface CutPlan {
  key: string;
  label?: { 'zh-CN': string; en: string };
  quota: number;
}

interface Taken {
  cut: PreviewCut;
  members: RankedRow[];
}

/** Takes each cut in turn from what the cuts before it left (the heart of S0-10's "not counted in the lower"). */
function takeCuts(eligible: RankedRow[], plans: readonly CutPlan[], ties: TieRule): Taken[] {
  let rest = eligible;
  return plans.map((plan) => {
    const k = Math.min(plan.quota, rest.length);
    const last = k > 0 ? (rest[k - 1]?.score as number) : null;
    const tied = last === null ? [] : rest.slice(k).filter((r) => sameScore(r.score as number, last));
    const members = ties === 'include-ties' ? [...rest.slice(0, k), ...tied] : rest.slice(0, k);
    const inCut = new Set(members);
    rest = rest.filter((r) => !inCut.has(r));
    const cut: PreviewCut = {
      key: plan.key,
      ...(plan.label ? { label: plan.label } : {}),
      quota: plan.quota,
      taken: members.length,
      boundaryScore: members.length > 0 ? Math.min(...members.map((m) => m.score as number)) : null,
      tiedOut: ties === 'strict' ? tied.map((r) => r.entryId) : [],
    };
    return { cut, members };
  });
}

function previewGroup(
  groupKey: string,
  rows: RankedRow[],
  base: number | null,
  plans: readonly CutPlan[],
  ties: TieRule,
  outcome: (cutKey: string) => { tier: string | null; advanced: boolean },
): PreviewGroup {
  const sorted = [...rows].sort(byRanking);
  const eligible = sorted.filter(eligibleRow);
  const taken = takeCuts(eligible, plans, ties);
  const cutOf = new Map<string, string>();
  for (const t of taken) for (const m of t.members) cutOf.set(m.entryId, t.cut.key);
  const tiedOut = new Set(taken.flatMap((t) => t.cut.tiedOut));
  const out: PreviewRow[] = eligible.map((r, i) => {
    const key = cutOf.get(r.entryId);
    const got = key === undefined ? { tier: null, advanced: false } : outcome(key);
    const reason = key !== undefined ? null : tiedOut.has(r.entryId) ? 'tied_out' : 'below_cut';
    return { entryId: r.entryId, rank: r.rank, score: r.score, position: i + 1, ...got, reason };
  });
  const missed = sorted.filter((r) => !eligibleRow(r));
  for (const reason of ['too_few_sheets', 'no_score'] as const)
    for (const r of missed.filter((m) => missOf(m) === reason))
      out.push({ entryId: r.entryId, rank: r.rank, score: r.score, position: null, tier: null, advanced: false, reason });
  return { groupKey, entries: rows.length, eligible: eligible.length, base, cuts: taken.map((t) => t.cut), rows: out };
}

/**
 * Advance the top N, or the top X% of the base, of each group to the next round (S2-6: preliminary -> second
 * review -> final). Entries with too few sheets or without a score never advance; ties at the cut follow `ties`.
 * Refuses a malformed rule with VALIDATION_FAILED and the offending paths.
 */
export function advanceTop(ranked: readonly RankedRow[], rule: AdvanceRule): RoundPreview {
  const groups = groupsOf(ranked);
  const byN = 'n' in rule;
  const keys = groups.map(([key]) => key);
  refuse([
    ...rowProblems(ranked),
    choice(TIE_RULES, rule.ties, 'ties'),
    ...(byN
      ? [countProblem('n', rule.n)]
      : [
          percentProblem('percent', rule.percent),
          choice(ROUNDINGS, rule.rounding, 'rounding'),
          ...baseProblems(rule.base, keys),
        ]),
  ]);
  return {
    kind: 'advance',
    groups: groups.map(([groupKey, rows]) => {
      const eligible = rows.filter(eligibleRow).length;
      const base = byN ? null : baseOf(rule.base, groupKey, rows.length, eligible);
      const quota = byN ? rule.n : quotaFor(rule.percent, base ?? 0, rule.rounding);
      return previewGroup(groupKey, rows, base, [{ key: 'advance', quota }], rule.ties, () => ({ tier: null, advanced: true }));
    }),
  };
}

/**
 * Tiers by proportion per group (S0-10): the first tier takes its count from the top, each next tier its own count
 * from the entries no higher tier took; an entry is in at most one tier. Entries with too few sheets or without a
 * score get none. Refuses a malformed rule with VALIDATION_FAILED and the offending paths.
 */
export function assignTiers(ranked: readonly RankedRow[], rule: TierRule): RoundPreview {
  const groups = groupsOf(ranked);
  const keys = rule.tiers.map((t) => t.key);
  refuse([
    ...rowProblems(ranked),
    rule.tiers.length === 0 ? { path: 'tiers', code: 'TOO_FEW_ROWS', params: { min: 1, count: 0 } } : null,
    ...rule.tiers.map((t, i) => tierProblem(t, i, keys)),
    choice(ROUNDINGS, rule.rounding, 'rounding'),
    choice(TIE_RULES, rule.ties, 'ties'),
    ...(rule.advance ?? []).map((key, i) => choice(keys, key, `advance.${i}`)),
    ...baseProblems(
      rule.base,
      groups.map(([key]) => key),
    ),
  ]);
  const advancing = new Set(rule.advance ?? []);
  return {
    kind: 'tiers',
    groups: groups.map(([groupKey, rows]) => {
      const base = baseOf(rule.base, groupKey, rows.length, rows.filter(eligibleRow).length);
      const plans = rule.tiers.map((t) => ({
        key: t.key,
        ...(t.label ? { label: t.label } : {}),
        quota: t.count ?? quotaFor(t.percent ?? 0, base, rule.rounding),
      }));
      return previewGroup(groupKey, rows, base, plans, rule.ties, (key) => ({ tier: key, advanced: advancing.has(key) }));
    }),
  };
}

/** The rows a freeze writes to round_results, one per entry of the preview (groups in order). */
export function frozenRowsOf(
  preview: RoundPreview,
): Array<{ entryId: string; score: number | null; rank: number | null; tier: string | null; advanced: boolean }> {
  return preview.groups.flatMap((g) =>
    g.rows.map((r) => ({ entryId: r.entryId, score: r.score, rank: r.rank, tier: r.tier, advanced: r.advanced })),
  );
}
