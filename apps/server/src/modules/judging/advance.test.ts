import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import {
  type AdvanceRule,
  advanceTop,
  assignTiers,
  frozenRowsOf,
  quotaFor,
  type RankedRow,
  type RoundPreview,
  type TierRule,
} from './advance.ts';

/** A hand-made ranking of one group: [id, score] in rank order (rank = place); `few` marks too few sheets. */
function group(groupKey: string, rows: Array<[string, number | null, 'few'?]>): RankedRow[] {
  let rank = 0;
  return rows.map(([entryId, score, few]) => {
    const eligible = score !== null && few === undefined;
    if (eligible) rank += 1;
    return { entryId, groupKey, score, rank: eligible ? rank : null, tooFewSheets: few === 'few' };
  });
}

/** 23 entries e01..e23 scored 99, 98, … 77: no ties. */
const twentyThree = group(
  'theme-1',
  Array.from({ length: 23 }, (_, i) => [`e${String(i + 1).padStart(2, '0')}`, 99 - i] as [string, number]),
);

const advancedIds = (p: RoundPreview, groupKey: string) =>
  p.groups
    .find((g) => g.groupKey === groupKey)
    ?.rows.filter((r) => r.advanced)
    .map((r) => r.entryId);
const tierIds = (p: RoundPreview, groupKey: string, tier: string) =>
  p.groups
    .find((g) => g.groupKey === groupKey)
    ?.rows.filter((r) => r.tier === tier)
    .map((r) => r.entryId);
const reasons = (p: RoundPreview, groupKey: string) =>
  Object.fromEntries(p.groups.find((g) => g.groupKey === groupKey)?.rows.map((r) => [r.entryId, r.reason]) ?? []);

function refusal(run: () => unknown): { code: string; fields: unknown } {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, fields: err.fields };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('advanceTop (issue 10 item 6)', () => {
  it('S2-6 10% of 23 entries: ceil advances 3, floor 2, round 2 (2.3 rounds half up to 2)', () => {
    const rule = (rounding: 'ceil' | 'floor' | 'round'): AdvanceRule => ({ percent: 10, rounding, ties: 'strict' });
    expect(advancedIds(advanceTop(twentyThree, rule('ceil')), 'theme-1')).toEqual(['e01', 'e02', 'e03']);
    expect(advancedIds(advanceTop(twentyThree, rule('floor')), 'theme-1')).toEqual(['e01', 'e02']);
    expect(advancedIds(advanceTop(twentyThree, rule('round')), 'theme-1')).toEqual(['e01', 'e02']);
    const g = advanceTop(twentyThree, rule('ceil')).groups[0];
    expect(g?.cuts).toEqual([{ key: 'advance', quota: 3, taken: 3, boundaryScore: 97, tiedOut: [] }]);
    expect({ entries: g?.entries, eligible: g?.eligible, base: g?.base }).toEqual({ entries: 23, eligible: 23, base: 23 });
  });

  it('S2-6 proportion counts: 50% of 23 rounds half up to 12; floating point does not add a place (7% of 100 under ceil is 7)', () => {
    expect(quotaFor(50, 23, 'round')).toBe(12);
    expect(quotaFor(50, 23, 'floor')).toBe(11);
    expect(quotaFor(7, 100, 'ceil')).toBe(7); // 0.07 × 100 = 7.000000000000001
    expect(quotaFor(29, 100, 'floor')).toBe(29); // 0.29 × 100 = 28.999999999999996
    expect(quotaFor(100 / 11, 22, 'ceil')).toBe(2); // (100/11 × 22) / 100 = 2.0000000000000004
    expect(quotaFor(15, 23, 'round')).toBe(3);
    expect(quotaFor(0.1, 23, 'ceil')).toBe(1);
  });

  it('S2-6 top N with a tie at the cut: strict takes exactly N in the ranking order, the tied rest are tied out', () => {
    const ranked = group('t', [
      ['a', 90],
      ['b', 85],
      ['c', 85],
      ['d', 85],
      ['e', 70],
    ]);
    const p = advanceTop(ranked, { n: 2, ties: 'strict' });
    expect(advancedIds(p, 't')).toEqual(['a', 'b']);
    expect(reasons(p, 't')).toEqual({ a: null, b: null, c: 'tied_out', d: 'tied_out', e: 'below_cut' });
    expect(p.groups[0]?.cuts).toEqual([{ key: 'advance', quota: 2, taken: 2, boundaryScore: 85, tiedOut: ['c', 'd'] }]);
    expect(p.groups[0]?.base).toBe(null);
  });

  it('S2-6 top N with a tie at the cut: include-ties takes every entry tied with the last place', () => {
    const ranked = group('t', [
      ['a', 90],
      ['b', 85],
      ['c', 85],
      ['d', 85],
      ['e', 70],
    ]);
    const p = advanceTop(ranked, { n: 2, ties: 'include-ties' });
    expect(advancedIds(p, 't')).toEqual(['a', 'b', 'c', 'd']);
    expect(reasons(p, 't')).toEqual({ a: null, b: null, c: null, d: null, e: 'below_cut' });
    expect(p.groups[0]?.cuts).toEqual([{ key: 'advance', quota: 2, taken: 4, boundaryScore: 85, tiedOut: [] }]);
  });

  it('S2-6 entries sharing a rank (the tie-break could not separate them, 1, 2, 2, 4) are cut in entry-id order under strict', () => {
    const row = (entryId: string, score: number, rank: number): RankedRow => ({
      entryId,
      groupKey: 't',
      score,
      rank,
      tooFewSheets: false,
    });
    const ranked = [row('d', 70, 4), row('c', 85, 2), row('b', 85, 2), row('a', 90, 1)];
    const strict = advanceTop(ranked, { n: 2, ties: 'strict' });
    expect(strict.groups[0]?.rows.map((r) => [r.entryId, r.position, r.advanced, r.reason])).toEqual([
      ['a', 1, true, null],
      ['b', 2, true, null],
      ['c', 3, false, 'tied_out'],
      ['d', 4, false, 'below_cut'],
    ]);
    expect(advancedIds(advanceTop(ranked, { n: 2, ties: 'include-ties' }), 't')).toEqual(['a', 'b', 'c']);
  });

  it('S2-6 scores equal to 9 decimals are tied (aggregation noise does not decide a cut); a larger gap is not a tie', () => {
    const ranked = group('t', [
      ['a', 0.1 + 0.2],
      ['b', 0.3],
      ['c', 0.3 - 1e-6],
    ]);
    expect(advancedIds(advanceTop(ranked, { n: 1, ties: 'include-ties' }), 't')).toEqual(['a', 'b']);
  });

  it('S2-6 an entry with too few sheets or without a score never advances, even with the best score and percent 100', () => {
    const ranked = group('t', [
      ['few', 99, 'few'],
      ['a', 80],
      ['none', null],
      ['b', 70],
    ]);
    const p = advanceTop(ranked, { percent: 100, rounding: 'ceil', ties: 'include-ties' });
    expect(advancedIds(p, 't')).toEqual(['a', 'b']);
    expect(p.groups[0]?.rows).toEqual([
      { entryId: 'a', rank: 1, score: 80, position: 1, tier: null, advanced: true, reason: null },
      { entryId: 'b', rank: 2, score: 70, position: 2, tier: null, advanced: true, reason: null },
      { entryId: 'few', rank: null, score: 99, position: null, tier: null, advanced: false, reason: 'too_few_sheets' },
      { entryId: 'none', rank: null, score: null, position: null, tier: null, advanced: false, reason: 'no_score' },
    ]);
    expect(p.groups[0]?.cuts[0]).toEqual({ key: 'advance', quota: 4, taken: 2, boundaryScore: 70, tiedOut: [] });
  });

  it('S2-6 percent 0 advances none and percent 100 all eligible; n above the group size takes all eligible', () => {
    expect(advancedIds(advanceTop(twentyThree, { percent: 0, rounding: 'ceil', ties: 'include-ties' }), 'theme-1')).toEqual([]);
    expect(advancedIds(advanceTop(twentyThree, { percent: 100, rounding: 'floor', ties: 'strict' }), 'theme-1')).toHaveLength(23);
    const p = advanceTop(
      group('t', [
        ['a', 5],
        ['b', 4],
      ]),
      { n: 10, ties: 'strict' },
    );
    expect(p.groups[0]?.cuts[0]).toEqual({ key: 'advance', quota: 10, taken: 2, boundaryScore: 4, tiedOut: [] });
  });

  it('S2-6 empty input gives no groups; a group where no entry is eligible advances none', () => {
    expect(advanceTop([], { n: 3, ties: 'strict' })).toEqual({ kind: 'advance', groups: [] });
    const p = advanceTop(
      group('t', [
        ['x', 50, 'few'],
        ['y', null],
      ]),
      { percent: 50, rounding: 'ceil', ties: 'strict' },
    );
    expect(p.groups).toEqual([
      {
        groupKey: 't',
        entries: 2,
        eligible: 0,
        base: 2,
        cuts: [{ key: 'advance', quota: 1, taken: 0, boundaryScore: null, tiedOut: [] }],
        rows: [
          { entryId: 'x', rank: null, score: 50, position: null, tier: null, advanced: false, reason: 'too_few_sheets' },
          { entryId: 'y', rank: null, score: null, position: null, tier: null, advanced: false, reason: 'no_score' },
        ],
      },
    ]);
  });

  it('S2-6 per group (theme, theme+track): each group its own count, groups in key order; base eligible vs entries vs stated', () => {
    const ranked = [
      ...group('theme-b', [
        ['b1', 90],
        ['b2', 80],
        ['b3', 70],
        ['b4', 60, 'few'],
      ]),
      ...group('theme-a:track-x', [
        ['a1', 50],
        ['a2', 40],
      ]),
    ];
    const byEntries = advanceTop(ranked, { percent: 50, rounding: 'floor', ties: 'strict' });
    expect(byEntries.groups.map((g) => [g.groupKey, g.base, g.cuts[0]?.quota])).toEqual([
      ['theme-a:track-x', 2, 1],
      ['theme-b', 4, 2],
    ]);
    expect(advancedIds(byEntries, 'theme-b')).toEqual(['b1', 'b2']);
    expect(advancedIds(byEntries, 'theme-a:track-x')).toEqual(['a1']);
    const byEligible = advanceTop(ranked, { percent: 50, rounding: 'floor', base: 'eligible', ties: 'strict' });
    expect(advancedIds(byEligible, 'theme-b')).toEqual(['b1']);
    const stated = advanceTop(ranked, {
      percent: 50,
      rounding: 'floor',
      base: { 'theme-b': 6, 'theme-a:track-x': 1 },
      ties: 'strict',
    });
    expect(advancedIds(stated, 'theme-b')).toEqual(['b1', 'b2', 'b3']);
    expect(advancedIds(stated, 'theme-a:track-x')).toEqual([]);
  });

  it('S2-6 a malformed rule is refused with VALIDATION_FAILED naming each field', () => {
    expect(refusal(() => advanceTop(twentyThree, { n: -1, ties: 'strict' }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'n', code: 'TOO_SMALL', params: { min: 0 } }],
    });
    expect(refusal(() => advanceTop(twentyThree, { n: 1.5, ties: 'strict' })).fields).toEqual([
      { path: 'n', code: 'INTEGER_REQUIRED' },
    ]);
    const bad = { percent: 101, rounding: 'up', ties: 'loose', base: { other: 3 } } as unknown as AdvanceRule;
    expect(refusal(() => advanceTop([...twentyThree, ...group('x', [['x1', 1]])], bad)).fields).toEqual([
      { path: 'ties', code: 'INVALID_CHOICE' },
      { path: 'percent', code: 'TOO_LARGE', params: { max: 100 } },
      { path: 'rounding', code: 'INVALID_CHOICE' },
      { path: 'base.theme-1', code: 'REQUIRED' },
      { path: 'base.x', code: 'REQUIRED' },
    ]);
    const twice = [...group('t', [['a', 1]]), ...group('t', [['a', 2]])];
    expect(refusal(() => advanceTop(twice, { n: 1, ties: 'strict' })).fields).toEqual([
      { path: 'ranked.1.entryId', code: 'DUPLICATE' },
    ]);
  });
});

/** Seed 000's two tiers: Outstanding (卓越) first, then Excellent (优秀). */
const seed000 = (outstanding: number, excellent: number, extra: Partial<TierRule> = {}): TierRule => ({
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: outstanding },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: excellent },
  ],
  rounding: 'ceil',
  ties: 'strict',
  ...extra,
});

describe('assignTiers (issue 10 item 6)', () => {
  it('S0-10 Outstanding first, then Excellent from the rest: 10% and 20% of 23 under ceil, floor and round', () => {
    const ceil = assignTiers(twentyThree, seed000(10, 20));
    expect(tierIds(ceil, 'theme-1', 'outstanding')).toEqual(['e01', 'e02', 'e03']);
    expect(tierIds(ceil, 'theme-1', 'excellent')).toEqual(['e04', 'e05', 'e06', 'e07', 'e08']);
    expect(ceil.groups[0]?.cuts).toEqual([
      { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, quota: 3, taken: 3, boundaryScore: 97, tiedOut: [] },
      { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, quota: 5, taken: 5, boundaryScore: 92, tiedOut: [] },
    ]);
    const floor = assignTiers(twentyThree, seed000(10, 20, { rounding: 'floor' }));
    expect(tierIds(floor, 'theme-1', 'outstanding')).toEqual(['e01', 'e02']);
    expect(tierIds(floor, 'theme-1', 'excellent')).toEqual(['e03', 'e04', 'e05', 'e06']);
    const round = assignTiers(twentyThree, seed000(10, 20, { rounding: 'round' }));
    expect(tierIds(round, 'theme-1', 'outstanding')).toEqual(['e01', 'e02']);
    expect(tierIds(round, 'theme-1', 'excellent')).toEqual(['e03', 'e04', 'e05', 'e06', 'e07']);
    expect(round.groups[0]?.rows.filter((r) => r.tier === null).every((r) => r.reason === 'below_cut')).toBe(true);
    expect(round.groups[0]?.rows.filter((r) => r.tier === null)).toHaveLength(16);
  });

  it('S0-10 an entry in the higher tier is not counted in the lower, and a tier never takes more than are left', () => {
    const ranked = group('t', [
      ['a', 9],
      ['b', 8],
      ['c', 7],
      ['d', 6],
      ['e', 5],
      ['f', 4],
    ]);
    const rule: TierRule = {
      tiers: [
        { key: 'outstanding', count: 4 },
        { key: 'excellent', count: 5 },
      ],
      rounding: 'ceil',
      ties: 'strict',
    };
    const p = assignTiers(ranked, rule);
    expect(tierIds(p, 't', 'outstanding')).toEqual(['a', 'b', 'c', 'd']);
    expect(tierIds(p, 't', 'excellent')).toEqual(['e', 'f']);
    expect(p.groups[0]?.cuts.map((c) => [c.key, c.quota, c.taken, c.boundaryScore])).toEqual([
      ['outstanding', 4, 4, 6],
      ['excellent', 5, 2, 4],
    ]);
  });

  it('S0-10 strict tiers: an entry tied with the last Outstanding is tied out of it and heads Excellent', () => {
    const ranked = group('t', [
      ['a', 90],
      ['b', 88],
      ['c', 88],
      ['d', 80],
      ['e', 70],
      ['f', 60],
    ]);
    const p = assignTiers(ranked, seed000(20, 20, { rounding: 'floor' }));
    expect(tierIds(p, 't', 'outstanding')).toEqual(['a']);
    expect(p.groups[0]?.cuts.map((c) => [c.key, c.quota, c.taken, c.boundaryScore, c.tiedOut])).toEqual([
      ['outstanding', 1, 1, 90, []],
      ['excellent', 1, 1, 88, ['c']],
    ]);
    expect(tierIds(p, 't', 'excellent')).toEqual(['b']);
    expect(reasons(p, 't')).toEqual({ a: null, b: null, c: 'tied_out', d: 'below_cut', e: 'below_cut', f: 'below_cut' });
  });

  it('S0-10 include-ties tiers: ties with the last Outstanding join it, Excellent still takes its own count from the rest', () => {
    const ranked = group('t', [
      ['a', 90],
      ['b', 88],
      ['c', 88],
      ['d', 80],
      ['e', 70],
      ['f', 60],
    ]);
    const p = assignTiers(ranked, seed000(20, 20, { rounding: 'ceil', ties: 'include-ties' }));
    expect(tierIds(p, 't', 'outstanding')).toEqual(['a', 'b', 'c']);
    expect(tierIds(p, 't', 'excellent')).toEqual(['d', 'e']);
    expect(p.groups[0]?.cuts.map((c) => [c.key, c.quota, c.taken, c.boundaryScore])).toEqual([
      ['outstanding', 2, 3, 88],
      ['excellent', 2, 2, 70],
    ]);
  });

  it('S0-10 too few sheets never gets a tier; tiers listed to advance advance (seed 000: 卓越 go to the live final)', () => {
    const ranked = group('t', [
      ['few', 100, 'few'],
      ['a', 90],
      ['b', 80],
      ['c', 70],
    ]);
    const p = assignTiers(ranked, seed000(25, 25, { advance: ['outstanding'] }));
    expect(p.groups[0]?.rows).toEqual([
      { entryId: 'a', rank: 1, score: 90, position: 1, tier: 'outstanding', advanced: true, reason: null },
      { entryId: 'b', rank: 2, score: 80, position: 2, tier: 'excellent', advanced: false, reason: null },
      { entryId: 'c', rank: 3, score: 70, position: 3, tier: null, advanced: false, reason: 'below_cut' },
      { entryId: 'few', rank: null, score: 100, position: null, tier: null, advanced: false, reason: 'too_few_sheets' },
    ]);
    expect(frozenRowsOf(p)).toEqual([
      { entryId: 'a', score: 90, rank: 1, tier: 'outstanding', advanced: true },
      { entryId: 'b', score: 80, rank: 2, tier: 'excellent', advanced: false },
      { entryId: 'c', score: 70, rank: 3, tier: null, advanced: false },
      { entryId: 'few', score: 100, rank: null, tier: null, advanced: false },
    ]);
  });

  it('S0-10 percent 0 gives no tier, percent 100 for Outstanding leaves none for Excellent; empty input gives no groups', () => {
    expect(tierIds(assignTiers(twentyThree, seed000(0, 0)), 'theme-1', 'outstanding')).toEqual([]);
    const all = assignTiers(twentyThree, seed000(100, 30));
    expect(tierIds(all, 'theme-1', 'outstanding')).toHaveLength(23);
    expect(all.groups[0]?.cuts[1]).toEqual({
      key: 'excellent',
      label: { 'zh-CN': '优秀', en: 'Excellent' },
      quota: 7,
      taken: 0,
      boundaryScore: null,
      tiedOut: [],
    });
    expect(assignTiers([], seed000(10, 20))).toEqual({ kind: 'tiers', groups: [] });
  });

  it('S0-10 a malformed tier rule is refused with VALIDATION_FAILED naming each field', () => {
    const bad = {
      tiers: [{ key: 'o', count: 1, percent: 5 }, { key: 'o', percent: 5 }, { key: 'x' }, { key: 'y', percent: -1 }],
      rounding: 'ceil',
      ties: 'strict',
      advance: ['nope'],
      base: 2.5,
    } as TierRule;
    expect(refusal(() => assignTiers(twentyThree, bad))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'tiers.0', code: 'INVALID' },
        { path: 'tiers.1.key', code: 'DUPLICATE' },
        { path: 'tiers.2.percent', code: 'REQUIRED' },
        { path: 'tiers.3.percent', code: 'TOO_SMALL', params: { min: 0 } },
        { path: 'advance.0', code: 'INVALID_CHOICE' },
        { path: 'base', code: 'INTEGER_REQUIRED' },
      ],
    });
    expect(refusal(() => assignTiers(twentyThree, { tiers: [], rounding: 'ceil', ties: 'strict' })).fields).toEqual([
      { path: 'tiers', code: 'TOO_FEW_ROWS', params: { min: 1, count: 0 } },
    ]);
  });
});
