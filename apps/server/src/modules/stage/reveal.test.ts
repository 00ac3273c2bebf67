import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RevealJudge, revealOf, untrimmedMean } from './reveal.ts';

// The reveal of a finalist (issue 11 item 4): the judges' totals, the dropped highest and lowest of a trimmed mean,
// the final score. Exact cases by hand, then properties over random panels (fixed seed: a failure reproduces).

const judge = (seat: number, total: number | null, recused = false): RevealJudge => ({
  seat,
  name: `评委${seat}`,
  total: recused ? null : total,
  recused,
});
const line = (seat: number, total: number | null, dropped = false, recused = false) => ({
  seat,
  name: `评委${seat}`,
  total,
  recused,
  dropped,
});

describe('revealOf (issue 11 item 4)', () => {
  it('S0-10 the live final score: the trimmed mean of five judges drops exactly one highest and one lowest', () => {
    const reveal = revealOf({
      method: 'trimmed',
      judges: [judge(1, 88), judge(2, 92.5), judge(3, 79), judge(4, 85), judge(5, 90)],
    });
    // Dropped 92.5 (seat 2) and 79 (seat 3); (88 + 85 + 90) / 3 = 87.666… -> 87.67.
    expect(reveal).toEqual({
      method: 'trimmed',
      final: 87.67,
      scores: [line(1, 88), line(2, 92.5, true), line(3, 79, true), line(4, 85), line(5, 90)],
    });
  });

  it('X-4 recusal excluded: a recused judge is listed as recused, never counted nor dropped', () => {
    const reveal = revealOf({
      method: 'trimmed',
      judges: [judge(1, 70), judge(2, null, true), judge(3, 80), judge(4, 90), judge(5, 100)],
    });
    // Counted 70, 80, 90, 100: drop 70 and 100, (80 + 90) / 2 = 85. Were seat 2 counted as 0 it would be dropped
    // instead of 70 and the final 80.
    expect(reveal).toEqual({
      method: 'trimmed',
      final: 85,
      scores: [line(1, 70, true), line(2, null, false, true), line(3, 80), line(4, 90), line(5, 100, true)],
    });
    expect(untrimmedMean(reveal)).toBe(85);
  });

  it('X-4 a recused judge leaving two counted: trimmed falls back to the plain mean, nothing dropped, method says mean', () => {
    expect(revealOf({ method: 'trimmed', judges: [judge(1, 81), judge(2, null, true), judge(3, 84)] })).toEqual({
      method: 'mean',
      final: 82.5,
      scores: [line(1, 81), line(2, null, false, true), line(3, 84)],
    });
  });

  it('S0-10 three counted: the middle one remains', () => {
    expect(revealOf({ method: 'trimmed', judges: [judge(1, 60), judge(2, 95), judge(3, 71.25)] }).final).toBe(71.25);
  });

  it('S2-6 the plain mean: nothing dropped; half up on the decimal value, 60.115 -> 60.12 where float arithmetic gives 60.11', () => {
    // (85.25 + 85 + 85 + 85.25) / 4 = 85.125 -> 85.13.
    const reveal = revealOf({ method: 'mean', judges: [judge(1, 85.25), judge(2, 85), judge(3, 85), judge(4, 85.25)] });
    expect(reveal).toEqual({
      method: 'mean',
      final: 85.13,
      scores: [line(1, 85.25), line(2, 85), line(3, 85), line(4, 85.25)],
    });
    // (60.11 + 60.12) / 2 is 60.114999… in binary floating point, whose Math.round(x * 100) is 60.11.
    expect(Math.round(((60.11 + 60.12) / 2) * 100) / 100).toBe(60.11);
    expect(revealOf({ method: 'mean', judges: [judge(1, 60.11), judge(2, 60.12)] }).final).toBe(60.12);
    expect(revealOf({ method: 'mean', judges: [judge(1, 1), judge(2, 1.01)] }).final).toBe(1.01);
    // Below the half: down. (80 + 80.01 + 80.01) / 3 = 80.00666… -> 80.01; (80 + 80 + 80.01) / 3 = 80.0033… -> 80.
    expect(revealOf({ method: 'mean', judges: [judge(1, 80), judge(2, 80.01), judge(3, 80.01)] }).final).toBe(80.01);
    expect(revealOf({ method: 'mean', judges: [judge(1, 80), judge(2, 80), judge(3, 80.01)] }).final).toBe(80);
  });

  it('S0-10 equal extremes: the lowest seat among the equal highest and among the equal lowest is the one dropped', () => {
    const reveal = revealOf({
      method: 'trimmed',
      judges: [judge(5, 90), judge(1, 70), judge(4, 90), judge(3, 70), judge(2, 80)],
    });
    expect(reveal.scores.filter((s) => s.dropped).map((s) => s.seat)).toEqual([1, 4]);
    // (80 + 70 + 90) / 3 = 80; listed by seat whatever the input order.
    expect(reveal.final).toBe(80);
    expect(reveal.scores.map((s) => s.seat)).toEqual([1, 2, 3, 4, 5]);
    // All equal: seats 1 and 2 dropped.
    const same = revealOf({ method: 'trimmed', judges: [judge(1, 75), judge(2, 75), judge(3, 75)] });
    expect(same.scores.map((s) => s.dropped)).toEqual([true, true, false]);
    expect(same.final).toBe(75);
  });

  it('a judge with no total is not counted; no counted total gives 0', () => {
    expect(revealOf({ method: 'trimmed', judges: [judge(1, 90), judge(2, null), judge(3, 80)] }).final).toBe(85);
    expect(revealOf({ method: 'trimmed', judges: [judge(1, null, true)] })).toEqual({
      method: 'mean',
      final: 0,
      scores: [line(1, null, false, true)],
    });
  });

  it('S0-10 X-4 properties: the final lies within the counted [min, max]; trimmed with n >= 3 counted drops exactly 2, else none; recused never dropped', () => {
    const arbPanel = fc.uniqueArray(
      fc.record({
        seat: fc.integer({ min: 1, max: 40 }),
        // Hundredths 0..10000 (0.00 .. 100.00), few distinct values for many ties.
        total: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(7_000, 8_000, 8_550)).map((c) => c / 100),
        recused: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
      }),
      { selector: (j) => j.seat, minLength: 1, maxLength: 15 },
    );
    fc.assert(
      fc.property(arbPanel, fc.constantFrom('mean' as const, 'trimmed' as const), (panel, method) => {
        const judges = panel.map((p) => judge(p.seat, p.total, p.recused));
        const reveal = revealOf({ method, judges });
        const counted = judges.filter((j) => !j.recused).map((j) => j.total as number);
        const dropped = reveal.scores.filter((s) => s.dropped);
        const trims = method === 'trimmed' && counted.length >= 3;
        expect(dropped.length).toBe(trims ? 2 : 0);
        expect(reveal.method).toBe(trims ? 'trimmed' : 'mean');
        expect(dropped.every((s) => !s.recused)).toBe(true);
        if (counted.length === 0) expect(reveal.final).toBe(0);
        else {
          expect(reveal.final).toBeGreaterThanOrEqual(Math.min(...counted));
          expect(reveal.final).toBeLessThanOrEqual(Math.max(...counted));
        }
        if (trims) {
          // One dropped is a lowest total, the other a highest.
          const totals = dropped.map((s) => s.total as number).sort((a, b) => a - b);
          expect(totals).toEqual([Math.min(...counted), Math.max(...counted)]);
        }
        expect(reveal.scores.filter((s) => s.recused).map((s) => s.seat)).toEqual(
          judges
            .filter((j) => j.recused)
            .map((j) => j.seat)
            .sort((a, b) => a - b),
        );
      }),
      { seed: 10, numRuns: 500 },
    );
  });
});
