import { MEDALS_S0_10 } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { createdStage, runFinal, type StageWorld, stageAudit, stageWorld, stepOk } from '../../../test/stage.ts';
import { drawOrder } from './draw.ts';

/**
 * Seed 000 §六.3 and §七.4 (全国总决赛): a theme's seven Outstanding cases present on site in a drawn order, five
 * experts score each on their phones, the final is the trimmed mean (one highest and one lowest dropped), and the
 * medals go by rank — gold 1st, silver 2nd-3rd, bronze 4th-6th (S0-10). One expert works at the hospital of one
 * finalist and is recused from it: that finalist's trimmed mean is over the other four.
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  // Judge 5 (index 4) belongs to finalist 4's (index 3) hospital.
  w = await stageWorld(t, { finalists: 7, judges: 5, recuse: [[4, 3]] });
}, 300_000);
afterAll(() => t.close());

/** Each finalist's five totals (seat 1..5); null where the judge is recused. */
const TOTALS: Array<Array<number | null>> = [
  [90, 88, 85, 92, 70], // drop 92, 70: (90 + 88 + 85) / 3 = 87.67 — gold
  [80, 82, 84, 86, 60], // drop 86, 60: 82 — silver
  [75, 77, 79, 95, 76], // drop 95, 75: (77 + 79 + 76) / 3 = 77.33 — bronze
  [85, 86, 87, 88, null], // recused judge 5; drop 88, 85: 86.5 — silver
  [70, 72, 74, 76, 78], // 74 — bronze
  [65, 66, 67, 68, 69], // 67 — bronze
  [60, 61, 62, 63, 64], // 62 — no medal
];

describe('seed 000: the national final of one theme', () => {
  it('S0-10: seven Outstanding finalists, five judges with one recused, trimmed means — gold 1, silver 2-3, bronze 4-6, frozen with audit (X-3, X-4)', async () => {
    const stageId = await createdStage(w, { awards: MEDALS_S0_10 });
    const created = (await w.manager.get(`/api/stages/${stageId}`)).json();
    // Only the Outstanding cases, never the theme's Excellent one.
    expect(created.finalists.map((f: { entryId: string }) => f.entryId).sort()).toEqual(w.finalists.map((f) => f.id).sort());
    expect(created.finalists.some((f: { entryId: string }) => f.entryId === w.other)).toBe(false);

    // The draw: the order is the seed's, so anyone can check it.
    const drawn = await stepOk(w.manager, stageId, 'draw');
    const ids = w.finalists.map((f) => f.id);
    expect(drawn.finalists.map((f: { entryId: string }) => f.entryId)).toEqual(drawOrder(drawn.draw.seed, ids));

    const totals = new Map(w.finalists.map((f, i) => [f.id, TOTALS[i] as Array<number | null>]));
    const reveals = await runFinal(w, stageId, totals);
    const finalOf = (i: number) => reveals.get(w.finalists[i]?.id as string)?.final;
    expect([0, 1, 2, 3, 4, 5, 6].map(finalOf)).toEqual([87.67, 82, 77.33, 86.5, 74, 67, 62]);
    // The recused judge is shown as recused and not counted; of the other four the highest and lowest are dropped.
    const recusedReveal = reveals.get(w.finalists[3]?.id as string);
    expect(recusedReveal?.scores.map((s) => [s.seat, s.recused, s.dropped])).toEqual([
      [1, false, true],
      [2, false, false],
      [3, false, false],
      [4, false, true],
      [5, true, false],
    ]);

    const frozen = await stepOk(w.manager, stageId, 'freeze');
    expect(frozen.state).toBe('frozen');
    const results = (await new Client(t.app).get(`/api/stages/${stageId}/results`)).json();
    expect(results.frozenAt).toBe(t.clock.now().toISOString());
    expect(
      results.rows.map((r: { entryId: string; rank: number; final: number; award: string | null }) => [
        r.entryId,
        r.rank,
        r.final,
        r.award,
      ]),
    ).toEqual([
      [w.finalists[0]?.id, 1, 87.67, 'gold'],
      [w.finalists[3]?.id, 2, 86.5, 'silver'],
      [w.finalists[1]?.id, 3, 82, 'silver'],
      [w.finalists[2]?.id, 4, 77.33, 'bronze'],
      [w.finalists[4]?.id, 5, 74, 'bronze'],
      [w.finalists[5]?.id, 6, 67, 'bronze'],
      [w.finalists[6]?.id, 7, 62, null],
    ]);
    expect(results.rows.map((r: { title: string }) => r.title)).toEqual([0, 3, 1, 2, 4, 5, 6].map((i) => w.finalists[i]?.title));

    const audit = await stageAudit(t, stageId);
    expect(audit.filter((e) => e.kind === 'stage.reveal')).toHaveLength(7);
    const freeze = audit.at(-1);
    expect(freeze?.kind).toBe('stage.freeze');
    expect(((freeze?.data.ranking ?? []) as Array<{ award: string | null }>).map((r) => r.award)).toEqual([
      'gold',
      'silver',
      'silver',
      'bronze',
      'bronze',
      'bronze',
      null,
    ]);
  });
});
