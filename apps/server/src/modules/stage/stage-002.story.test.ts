import { PRIZES_S2_6 } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { createdStage, runFinal, type StageWorld, stageWorld, stepOk } from '../../../test/stage.ts';

/**
 * Seed 002 §六 (现场决赛): the second review's finalists (the round's advanced entries, no tiers) present on site,
 * three experts score each, and the prizes go by rank — one first, two second, three third prizes (S2-6). The stated
 * tie-break decides equal finals by the untrimmed mean; finalists equal on both share the rank and the better prize.
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await stageWorld(t, { finalists: 7, judges: 3, advanced: true });
}, 300_000);
afterAll(() => t.close());

/** Three totals each; the trimmed mean of three is the middle one. */
const TOTALS: number[][] = [
  [88, 90, 95], // 90 — rank 1, first prize
  [80, 85, 95], // 85, untrimmed mean 86.67 — rank 2 by the tie-break, second prize
  [70, 85, 88], // 85, mean 81 — rank 3 …
  [70, 85, 88], // … shared with this one (equal on both): ranks 3-4 straddle the boundary, both second prizes
  [75, 80, 85], // 80 — rank 5, third prize
  [70, 72, 74], // 72 — rank 6, third prize
  [50, 60, 70], // 60 — rank 7, no prize
];

describe('seed 002: the on-site final', () => {
  it('S2-6: the advanced finalists, 1st/2nd/3rd prizes by rank; equal finals split by the untrimmed mean; a tie across a boundary takes the better prize', async () => {
    const stageId = await createdStage(w, { tiers: [], awards: PRIZES_S2_6 });
    const created = (await w.manager.get(`/api/stages/${stageId}`)).json();
    expect(created.finalists.map((f: { entryId: string }) => f.entryId).sort()).toEqual(w.finalists.map((f) => f.id).sort());
    await stepOk(w.manager, stageId, 'draw');
    const reveals = await runFinal(w, stageId, new Map(w.finalists.map((f, i) => [f.id, TOTALS[i] as number[]])));
    expect(w.finalists.map((f) => reveals.get(f.id)?.final)).toEqual([90, 85, 85, 85, 80, 72, 60]);
    await stepOk(w.manager, stageId, 'freeze');
    const results = (await w.manager.get(`/api/stages/${stageId}/results`)).json();
    expect(results.tieBreak).toContain('平均分');
    const f = (i: number) => w.finalists[i]?.id as string;
    const rows = results.rows.map((r: { entryId: string; rank: number; final: number; award: string | null }) => [
      r.entryId,
      r.rank,
      r.final,
      r.award,
    ]);
    expect(rows.slice(0, 2)).toEqual([
      [f(0), 1, 90, 'first'],
      [f(1), 2, 85, 'second'],
    ]);
    // The shared rank 3, in either order.
    expect(rows.slice(2, 4).sort()).toEqual(
      [
        [f(2), 3, 85, 'second'],
        [f(3), 3, 85, 'second'],
      ].sort(),
    );
    expect(rows.slice(4)).toEqual([
      [f(4), 5, 80, 'third'],
      [f(5), 6, 72, 'third'],
      [f(6), 7, 60, null],
    ]);
  });
});
