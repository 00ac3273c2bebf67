import { PRIZES_S2_6, type TAwardSetView, type TCertificate, type THonourList } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app.ts';
import { ok } from '../judging-story.ts';
import { createdStage, runFinal, type StageWorld, stageWorld, stepOk } from '../stage.ts';
import { anonymous } from './award-story.ts';

/**
 * Seed 002 §六 after its 现场决赛 (issue 12 item 5): the second review's advanced finalists present on site, three
 * experts score, and the awards are the final's 一、二、三等奖 by rank (S2-6) — no tiers, no popularity — computed,
 * frozen, noticed for a week without objections, final, and certified for the conference where they are handed
 * out later (S2-7).
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await stageWorld(t, { finalists: 7, judges: 3, advanced: true });
}, 300_000);
afterAll(() => t?.close());

/** Three totals each (mean): 90, 85, 84, 80, 75, 70, 60 — ranks 1-7. */
const TOTALS = [90, 85, 84, 80, 75, 70, 60].map((n) => [n, n, n]);

describe('seed 002 story: the live final -> 一、二、三等奖 -> notice -> certificates', () => {
  it('S2-6 S2-7 S3-7 X-7: prizes by the final rank only, one week of notice, one certificate per prize', async () => {
    const stageId = await createdStage(w, { tiers: [], awards: PRIZES_S2_6 });
    await stepOk(w.manager, stageId, 'draw');
    await runFinal(w, stageId, new Map(w.finalists.map((f, i) => [f.id, TOTALS[i] as number[]])));
    await stepOk(w.manager, stageId, 'freeze');

    // The organizer keeps only the final's prizes in the rules (seed 002 has no tiers, no votes).
    const url = `/api/campaigns/${w.campaignId}/awards`;
    const draft = ok<TAwardSetView>(await w.manager.get(url));
    const label = { 'zh-CN': '现场决赛奖项', en: 'Live final prizes' };
    const ruled = ok<TAwardSetView>(
      await w.manager.put(`${url}/rules`, {
        version: draft.version,
        rules: [{ key: 'prizes', kind: 'medals', label, honour: null, stageIds: [stageId] }],
      }),
    );
    const computed = ok<TAwardSetView>(await w.manager.post(`${url}/actions`, { action: 'compute', version: ruled.version }));
    const byEntry = new Map(w.finalists.map((f, i) => [f.id, i + 1]));
    expect(computed.awards.map((a) => [a.level, a.label['zh-CN'], byEntry.get(a.entryId as string), a.figures.rank])).toEqual([
      ['first', '一等奖', 1, 1],
      ['second', '二等奖', 2, 2],
      ['second', '二等奖', 3, 3],
      ['third', '三等奖', 4, 4],
      ['third', '三等奖', 5, 5],
      ['third', '三等奖', 6, 6],
    ]);
    // The seventh finalist gets no prize; the round's other entry (never a finalist) none either.
    expect(computed.awards.some((a) => a.entryId === w.other || a.entryId === w.finalists[6]?.id)).toBe(false);
    const frozen = ok<TAwardSetView>(await w.manager.post(`${url}/actions`, { action: 'freeze', version: computed.version }));

    // A week of notice (S3-7) without objections, then final.
    const noticeUrl = `/api/campaigns/${w.campaignId}/notice`;
    const settings = ok<{ version: number }>(await w.manager.get(noticeUrl));
    const saved = ok<{ version: number }>(
      await w.manager.put(noticeUrl, {
        version: settings.version,
        days: 7,
        dayKind: 'natural',
        contactName: '会务组',
        contactPhone: '0371-12345678',
        contactEmail: null,
        body: '',
      }),
    );
    const opened = ok<{ endsAt: string; version: number }>(
      await w.manager.post(`${noticeUrl}/actions`, { action: 'publish', version: saved.version }),
    );
    t.clock.set(new Date(new Date(opened.endsAt).getTime() + 1).toISOString());
    const final = ok<{ state: string }>(
      await w.manager.post(`${noticeUrl}/actions`, { action: 'finalize', version: opened.version }),
    );
    expect(final.state).toBe('final');
    const honours = ok<THonourList>(await anonymous(t).get(`/api/public/campaigns/${w.campaignId}/honours`));
    expect([honours.final, honours.themes.map((th) => th.awards.map((a) => a.label['zh-CN']))]).toEqual([
      true,
      [['一等奖', '二等奖', '二等奖', '三等奖', '三等奖', '三等奖']],
    ]);
    expect(frozen.state).toBe('frozen');

    // Certificates for the conference (S2-7): one per prize, each naming its prize.
    expect(ok(await w.manager.post(`/api/campaigns/${w.campaignId}/certificates/issue`))).toEqual({ issued: 6, existing: 0 });
    expect(ok(await w.manager.post(`/api/campaigns/${w.campaignId}/certificates/issue`))).toEqual({ issued: 0, existing: 6 });
    const list = ok<{ certificates: TCertificate[] }>(await w.manager.get(`/api/campaigns/${w.campaignId}/certificates`));
    expect(list.certificates.map((c) => c.awardLabel).sort()).toEqual([
      '一等奖',
      '三等奖',
      '三等奖',
      '三等奖',
      '二等奖',
      '二等奖',
    ]);
    const first = list.certificates.find((c) => c.awardLabel === '一等奖') as TCertificate;
    expect(first.entryTitle).toBe(w.finalists[0]?.title);
  }, 300_000);
});
