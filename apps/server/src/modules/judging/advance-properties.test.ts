import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTop, assignTiers, quotaFor, type RankedRow, type TierRule } from './advance.ts';

// Properties of the advancement and tier engine (issue 10 item 6; S0-10, S2-6) over random rankings; the exact,
// hand-made cases are in advance.test.ts. Fixed seed: a failure reproduces.

/** Random rankings of up to three groups: few distinct scores (many ties), some rows with too few sheets or no score. */
const arbRanking = fc
  .array(
    fc.record({
      groupKey: fc.constantFrom('g1', 'g2', 'g3'),
      score: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 8 }),
      few: fc.integer({ min: 0, max: 7 }), // 0: too few sheets (one row in eight)
      tieBreak: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 40 },
  )
  .map((rows) => {
    const ranked: RankedRow[] = rows.map((r, i) => ({
      entryId: `x${String(i).padStart(2, '0')}`,
      groupKey: r.groupKey,
      score: r.score,
      rank: null,
      tooFewSheets: r.few === 0,
    }));
    // Ranks as rankRound gives them: per group by score, the tie-break deciding equal scores; entries equal on both
    // share a rank (1, 2, 2, 4).
    for (const key of ['g1', 'g2', 'g3']) {
      const order = ranked
        .map((r, i) => ({ r, t: rows[i]?.tieBreak ?? 0 }))
        .filter(({ r }) => r.groupKey === key && r.score !== null && !r.tooFewSheets)
        .sort((a, b) => (b.r.score as number) - (a.r.score as number) || a.t - b.t);
      order.forEach(({ r, t }, i) => {
        const prev = order[i - 1];
        r.rank = prev && prev.r.score === r.score && prev.t === t ? prev.r.rank : i + 1;
      });
    }
    return ranked;
  });

const arbTierRule: fc.Arbitrary<TierRule> = fc.record({
  tiers: fc
    .array(
      fc.oneof(
        fc.record({ count: fc.integer({ min: 0, max: 8 }) }),
        fc.record({ percent: fc.double({ min: 0, max: 100, noNaN: true }) }),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((specs) => specs.map((s, i) => ({ key: `tier${i}`, ...s }))),
  rounding: fc.constantFrom('ceil' as const, 'floor' as const, 'round' as const),
  ties: fc.constantFrom('include-ties' as const, 'strict' as const),
  base: fc.constantFrom('entries' as const, 'eligible' as const),
});

const shuffled = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('advance and tier properties (fast-check, issue 10 item 6)', () => {
  const params = { seed: 20_261_201, numRuns: 400 };

  it('S0-10 tier sets are disjoint, each cut takes min(quota, left) (more only for ties with its last place), in ranking order', () => {
    fc.assert(
      fc.property(arbRanking, arbTierRule, (ranked, rule) => {
        const p = assignTiers(ranked, rule);
        expect(p.groups.reduce((n, g) => n + g.rows.length, 0)).toBe(ranked.length);
        for (const g of p.groups) {
          expect(new Set(g.rows.map((r) => r.entryId)).size).toBe(g.rows.length);
          let left = g.eligible;
          let lastPosition = 0;
          g.cuts.forEach((cut, i) => {
            const spec = rule.tiers[i];
            expect(cut.quota).toBe(spec?.count ?? quotaFor(spec?.percent ?? 0, g.base ?? 0, rule.rounding));
            const members = g.rows.filter((r) => r.tier === cut.key);
            expect(members.length).toBe(cut.taken);
            const floor = Math.min(cut.quota, left);
            expect(cut.taken).toBeLessThanOrEqual(left);
            if (rule.ties === 'strict') expect(cut.taken).toBe(floor);
            else {
              expect(cut.taken).toBeGreaterThanOrEqual(floor);
              expect(members.slice(floor).every((m) => m.score === members[floor - 1]?.score)).toBe(true);
            }
            for (const m of members) {
              expect(m.position).toBeGreaterThan(lastPosition);
              lastPosition = m.position ?? Number.POSITIVE_INFINITY;
            }
            left -= cut.taken;
          });
          for (const r of g.rows.filter((row) => row.tier === null)) {
            expect(r.reason).not.toBe(null);
            if (r.position !== null) expect(r.position).toBeGreaterThan(lastPosition);
          }
        }
      }),
      params,
    );
  });

  it('S0-10 an entry with too few sheets or without a score is never in a tier nor advanced', () => {
    fc.assert(
      fc.property(arbRanking, arbTierRule, (ranked, rule) => {
        const ineligible = new Set(ranked.filter((r) => r.tooFewSheets || r.score === null).map((r) => r.entryId));
        const rows = assignTiers(ranked, { ...rule, advance: rule.tiers.map((t) => t.key) }).groups.flatMap((g) => g.rows);
        for (const r of rows.filter((row) => ineligible.has(row.entryId)))
          expect([r.tier, r.advanced, r.reason === 'too_few_sheets' || r.reason === 'no_score']).toEqual([null, false, true]);
      }),
      params,
    );
  });

  it('S0-10 S2-6 the preview does not depend on the order of the ranking rows', () => {
    fc.assert(
      fc.property(
        arbRanking.chain((ranked) => fc.tuple(fc.constant(ranked), shuffled(ranked))),
        arbTierRule,
        fc.integer({ min: 0, max: 10 }),
        ([ranked, reordered], rule, n) => {
          expect(assignTiers(reordered, rule)).toEqual(assignTiers(ranked, rule));
          for (const ties of ['strict', 'include-ties'] as const)
            expect(advanceTop(reordered, { n, ties })).toEqual(advanceTop(ranked, { n, ties }));
        },
      ),
      params,
    );
  });

  it('S2-6 strict advances exactly min(n, eligible) per group; include-ties leaves no entry tied with the last advanced', () => {
    fc.assert(
      fc.property(arbRanking, fc.integer({ min: 0, max: 10 }), (ranked, n) => {
        for (const g of advanceTop(ranked, { n, ties: 'strict' }).groups)
          expect(g.rows.filter((r) => r.advanced).length).toBe(Math.min(n, g.eligible));
        for (const g of advanceTop(ranked, { n, ties: 'include-ties' }).groups) {
          const boundary = g.cuts[0]?.boundaryScore ?? null;
          const out = g.rows.filter((r) => !r.advanced && r.position !== null);
          expect(g.rows.filter((r) => r.advanced).length).toBeGreaterThanOrEqual(Math.min(n, g.eligible));
          expect(out.some((r) => r.score === boundary)).toBe(false);
        }
      }),
      params,
    );
  });
});
