import { randomUUID } from 'node:crypto';
import { SEED_000_SHEET, type TAward, type TAwardSetView } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries, judgingRounds, roundResults } from '../../src/db/schema.ts';
import { entrySearchColumns } from '../../src/modules/entries/index.ts';
import { startTestApp, type TestApp } from '../app.ts';
import { buildOrganization } from '../factories.ts';
import { ok } from '../judging-story.ts';
import { awardCall } from './award-story.ts';

/**
 * Seed 003 §二(三) (issue 12 item 5, S3-1): three nominee types, each with its quota — 5 benchmark hospitals, 10
 * benchmark departments, 20 excellent individuals — taken from the frozen review by score. The nominee types are
 * the campaign's tracks; entering by nominee type (its own form) is issue 13's, so the entries and the frozen
 * review's results are loaded directly, and everything about the awards goes through the routes.
 *
 *   hospital    7 nominees, scores 90, 89 … 84: the best 5
 *   department 12 nominees, scores 90 … 79: the best 10
 *   individual 22 nominees, scores 90 … 72 with the 20th and 21st equal (71.5): filled to 20 by rank and number
 *              when ties are not taken (the tie stated); 21 when they are
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(() => t?.close());

const TRACKS = [
  { key: 'hospital', label: '标杆医院', countyLevelOnly: false },
  { key: 'department', label: '标杆科室', countyLevelOnly: false },
  { key: 'individual', label: '优秀个人', countyLevelOnly: false },
];

describe('seed 003: quota awards per nominee type', () => {
  it('S3-1: 5 hospitals, 10 departments, 20 individuals from the frozen review; a tie at the cut stated, taken only when asked', async () => {
    t.clock.set('2026-03-01T02:00:00.000Z');
    const call = await awardCall(t, 'seed-000', '省卫生健康委（质量提升）', {
      tracks: TRACKS,
      phases: [
        { key: 'submission', label: '申报', start: '2026-02-01', end: '2026-03-31', capabilities: ['canSubmit', 'canScreen'] },
      ],
    });
    const themeId = call.themes[0]?.id as string;
    const now = t.clock.now();
    const db = t.app.ctx.db;
    const groups: Array<[string, number[]]> = [
      ['hospital', [90, 89, 88, 87, 86, 85, 84]],
      ['department', Array.from({ length: 12 }, (_, i) => 90 - i)],
      ['individual', [...Array.from({ length: 19 }, (_, i) => 90 - i), 71.5, 71.5, 70]],
    ];
    const made: Array<{ id: string; track: string; place: number; score: number }> = [];
    let n = 0;
    for (const [track, scores] of groups)
      for (const [place, score] of scores.entries()) {
        n += 1;
        const org = await buildOrganization(t, { name: `提名单位${track}${place + 1}` });
        const number = `2026-T01-${String(n).padStart(4, '0')}`;
        const title = `${track}提名${place + 1}`;
        const id = randomUUID();
        await db.insert(entries).values({
          id,
          campaignId: call.id,
          themeId,
          trackKey: track,
          organizationId: org.id,
          authorId: call.managerId,
          title,
          summary: '提名材料',
          status: 'passed',
          number,
          consentAt: now,
          submittedAt: now,
          createdAt: now,
          updatedAt: now,
          ...entrySearchColumns({ title, number, organizationName: org.name }),
        });
        made.push({ id, track, place: place + 1, score });
      }
    const [round] = await db
      .insert(judgingRounds)
      .values({
        campaignId: call.id,
        key: 'review',
        label: '专家评审',
        ordinal: 1,
        opensAt: new Date('2026-03-02T00:00:00+08:00'),
        closesAt: new Date('2026-03-20T23:59:59+08:00'),
        status: 'frozen',
        scope: { kind: 'themes', themeIds: [themeId] },
        sheet: SEED_000_SHEET,
        materials: { fieldKeys: ['title'], attachmentKeys: [], extraSlots: [] },
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: judgingRounds.id });
    const roundId = round?.id as string;
    await db.insert(roundResults).values(
      made.map((m) => ({
        roundId,
        entryId: m.id,
        score: m.score,
        rank: m.place,
        tier: null,
        advanced: false,
        breakdown: { rule: { advance: { kind: 'all' } } },
        frozenAt: now,
      })),
    );

    const url = `/api/campaigns/${call.id}/awards`;
    const rulesWith = (tiesTaken: boolean) => [
      {
        key: 'benchmarks',
        kind: 'quota',
        label: { 'zh-CN': '标杆', en: 'Benchmarks' },
        honour: null,
        roundId,
        quotas: [
          { trackKey: 'hospital', quota: 5 },
          { trackKey: 'department', quota: 10 },
          { trackKey: 'individual', quota: 20 },
        ],
        tiesTaken,
      },
    ];
    const placeOf = new Map(made.map((m) => [m.id, m]));
    const summary = (awards: TAward[]) =>
      Object.fromEntries(
        TRACKS.map((tr) => [
          tr.key,
          awards.filter((a) => a.trackKey === tr.key).map((a) => placeOf.get(a.entryId as string)?.place),
        ]),
      );
    const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);

    const draft = ok<TAwardSetView>(await call.manager.get(url));
    const strict = ok<TAwardSetView>(await call.manager.put(`${url}/rules`, { version: draft.version, rules: rulesWith(false) }));
    const computed = ok<TAwardSetView>(await call.manager.post(`${url}/actions`, { action: 'compute', version: strict.version }));
    expect(summary(computed.awards)).toEqual({ hospital: range(5), department: range(10), individual: range(20) });
    const twentieth = computed.awards.find((a) => placeOf.get(a.entryId as string)?.place === 20 && a.trackKey === 'individual');
    expect([twentieth?.figures.tied, twentieth?.figures.cut, twentieth?.figures.why['zh-CN']]).toEqual([
      true,
      20,
      '专家评审 得分 71.5 · 第 20 名 / 共 22 · 名额 20 · 与第 20 名并列（2 个同分），按排名、编号取满 20 名',
    ]);
    expect(computed.awards.filter((a) => a.figures.tied).length).toBe(1);

    // With ties taken, both equal individuals are in: 21.
    const loose = ok<TAwardSetView>(
      await call.manager.put(`${url}/rules`, { version: computed.version, rules: rulesWith(true) }),
    );
    const recomputed = ok<TAwardSetView>(
      await call.manager.post(`${url}/actions`, { action: 'compute', version: loose.version }),
    );
    expect(summary(recomputed.awards)).toEqual({ hospital: range(5), department: range(10), individual: range(21) });
    expect(recomputed.awards.filter((a) => a.figures.tied).map((a) => placeOf.get(a.entryId as string)?.place)).toEqual([20, 21]);
  }, 180_000);
});
