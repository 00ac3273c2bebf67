import { SEED_000_SHEET } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { assignTiers, type RankedRow, type RoundPreview, type TierRule } from './advance.ts';
import { rankRound } from './aggregate.ts';

// The tier engine fed with rankRound's real output (advance.test.ts has the hand-made rankings).

/** Seed 000's two online tiers by percent, 卓越 first (S0-10). */
const seed000 = (outstanding: number, excellent: number, extra: Partial<TierRule> = {}): TierRule => ({
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: outstanding },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: excellent },
  ],
  rounding: 'ceil',
  ties: 'strict',
  ...extra,
});

describe('from rankRound to tiers (issue 10 item 6 on item 5)', () => {
  // Seed 000's 100-point sheet, three judges, at least two sheets: e has one, g none; b and c tie on score and
  // median and their tieBreak key puts c first.
  const points: Record<string, number[]> = {
    a: [90, 92, 94],
    b: [88, 90, 92],
    c: [95, 85, 90],
    d: [80, 84],
    e: [99],
    f: [70, 75, 80],
  };
  const ranked: readonly RankedRow[] = rankRound({
    spec: SEED_000_SHEET,
    method: 'mean',
    minSheets: 2,
    sheets: Object.entries(points).flatMap(([entryId, marks]) =>
      marks.map((overall, j) => ({ judgeId: `j${j + 1}`, entryId, scores: { overall } })),
    ),
    entries: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((entryId) => ({
      entryId,
      groupKey: 'theme-1',
      tieBreak: [entryId === 'c' ? 1 : 2],
    })),
  });
  const row = (p: RoundPreview) => p.groups[0]?.rows.map((r) => [r.entryId, r.rank, r.score, r.tier, r.reason]);

  it('S0-10 seed 000: 20% Outstanding and 30% Excellent of 7 cases under ceil, strict: the tie-break decides 卓越', () => {
    expect(row(assignTiers(ranked, seed000(20, 30)))).toEqual([
      ['a', 1, 92, 'outstanding', null],
      ['c', 2, 90, 'outstanding', null],
      ['b', 3, 90, 'excellent', null],
      ['d', 4, 82, 'excellent', null],
      ['f', 5, 75, 'excellent', null],
      ['e', null, 99, null, 'too_few_sheets'],
      ['g', null, null, null, 'too_few_sheets'], // no sheet at all is fewer than two too
    ]);
  });

  it('S0-10 seed 000: the same under include-ties: b tied with the last Outstanding joins it, Excellent gets what is left', () => {
    const p = assignTiers(ranked, seed000(20, 30, { ties: 'include-ties' }));
    expect(row(p)?.map(([id, , , tier]) => [id, tier])).toEqual([
      ['a', 'outstanding'],
      ['c', 'outstanding'],
      ['b', 'outstanding'],
      ['d', 'excellent'],
      ['f', 'excellent'],
      ['e', null],
      ['g', null],
    ]);
    expect(p.groups[0]?.cuts.map((c) => [c.key, c.quota, c.taken, c.boundaryScore])).toEqual([
      ['outstanding', 2, 3, 90],
      ['excellent', 3, 2, 75],
    ]);
  });
});
