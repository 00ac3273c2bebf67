import { SEED_000_SHEET, SEED_002_SECOND_REVIEW_SLOTS } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { signIn } from '../../../test/factories.ts';
import {
  assignmentsOf,
  invitedJudge,
  type Json,
  ok,
  type StoryEntry,
  type StoryJudge,
  scoreAndSubmit,
  storyCall,
  storyEntry,
  unit,
} from '../../../test/judging-story.ts';
import { buildMp4 } from '../../../test/mp4s.ts';
import { multipart } from '../../../test/multipart.ts';
import { buildDeck, GOOD_DECK } from '../../../test/pptx.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

/**
 * Seed 002 (§六, S2-6's first two rounds) through the routes only (issue 10 item 8): 专家初步遴选 of every passed
 * entry, the top two of each theme advance, then 复审 of those finalists only, which opens once the preliminary is
 * frozen and whose frozen result names the 入围 (finalist) of each theme. There is no seed-002 template, so the call
 * is seed 000's form with seed 002's rounds. Two judges per entry and at most three each leave one assignment:
 * J1, J2 score theme A, J3, J4 theme B, everything of their theme.
 *
 *   初步遴选  A1 80, 84 = 82;  A2 90, 86 = 88;  A3 70, 75 = 72.5    -> A2, A1 advance
 *             B1 77, 79 = 78;  B2 81, 85 = 83;  B3 95, 91 = 93      -> B3, B2 advance
 *   复审      A1 88, 92 = 90;  A2 85, 83 = 84                       -> A1 入围
 *             B2 91, 89 = 90;  B3 80, 84 = 82                       -> B2 入围
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(() => t?.close());

const PRELIMINARY_ID = '5e2b8a1c-0d4f-4c6b-9a2e-7f3c1b0d0201';
type EntryKey = 'A1' | 'A2' | 'A3' | 'B1' | 'B2' | 'B3';
type JudgeKey = 'J1' | 'J2' | 'J3' | 'J4';
const FIRST: Record<EntryKey, Partial<Record<JudgeKey, number>>> = {
  A1: { J1: 80, J2: 84 },
  A2: { J1: 90, J2: 86 },
  A3: { J1: 70, J2: 75 },
  B1: { J3: 77, J4: 79 },
  B2: { J3: 81, J4: 85 },
  B3: { J3: 95, J4: 91 },
};
const SECOND: Partial<Record<EntryKey, Partial<Record<JudgeKey, number>>>> = {
  A1: { J1: 88, J2: 92 },
  A2: { J1: 85, J2: 83 },
  B2: { J3: 91, J4: 89 },
  B3: { J3: 80, J4: 84 },
};

function round(over: Json) {
  return {
    sheet: SEED_000_SHEET,
    blind: true,
    seeOthers: false,
    judgesPerEntry: 2,
    maxLoad: 3,
    method: 'mean',
    tieBreak: ['submittedAt'],
    ...over,
  };
}

describe('seed 002 story: preliminary -> second review of the advanced entries -> finalists (issue 10 item 8)', () => {
  it('S2-6 X-3 X-4: the top two of each theme advance, upload the 汇报 PPT and an MP4 <= 8 min before the second review opens (481 s refused), which opens only once the preliminary is frozen, shows its judges the new materials, and freezes its finalists', async () => {
    const call = await storyCall(t);
    const [themeA, themeB] = call.campaign.themes.map((th) => th.id) as [string, string];
    let m = call.manager;

    const entries = {} as Record<EntryKey, StoryEntry>;
    for (const key of Object.keys(FIRST) as EntryKey[])
      entries[key] = await storyEntry(t, call, {
        themeIndex: key.startsWith('A') ? 0 : 1,
        hospital: await unit(t, `山东省${key}县人民医院`),
        title: `县域医共体${key}案例`,
      });
    const judges = {} as Record<JudgeKey, StoryJudge>;
    for (const key of ['J1', 'J2', 'J3', 'J4'] as const)
      judges[key] = await invitedJudge(t, call, {
        name: `${key}专家`,
        organizationId: (await unit(t, '山东省卫生健康委员会')).id,
      });
    ok(
      await m.put(`/api/campaigns/${call.campaign.id}/judging/panel`, {
        members: (['J1', 'J2', 'J3', 'J4'] as const).map((k) => ({
          judgeId: judges[k].id,
          themeIds: [k === 'J1' || k === 'J2' ? themeA : themeB],
        })),
      }),
    );

    // Both rounds saved as one set: the second's scope is what the first advances, and it asks for new materials.
    const saved = ok<{ rounds: Array<{ id: string; key: string; scope: unknown; materials: { extraSlots: unknown } }> }>(
      await m.put(`/api/campaigns/${call.campaign.id}/judging/rounds`, {
        rounds: [
          round({
            id: PRELIMINARY_ID,
            key: 'preliminary',
            label: '专家初步遴选',
            ordinal: 1,
            opensAt: '2026-03-01T00:00:00+08:00',
            closesAt: '2026-03-10T23:59:59+08:00',
            scope: { kind: 'themes', themeIds: [themeA, themeB] },
            materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: [] },
          }),
          round({
            key: 'second_review',
            label: '复审',
            ordinal: 2,
            opensAt: '2026-03-11T00:00:00+08:00',
            closesAt: '2026-03-20T23:59:59+08:00',
            scope: { kind: 'advanced', fromRoundId: PRELIMINARY_ID },
            materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: SEED_002_SECOND_REVIEW_SLOTS },
          }),
        ],
      }),
    );
    const secondId = saved.rounds.find((r) => r.key === 'second_review')?.id as string;
    expect(saved.rounds.find((r) => r.key === 'second_review')?.materials.extraSlots).toEqual(SEED_002_SECOND_REVIEW_SLOTS);

    /** Opens a round, plans two judges per entry, checks the plan covers exactly `pairs`, applies it. */
    const openAndAssign = async (roundId: string, scores: typeof SECOND) => {
      const opened = ok<{ status: string; entryCount: number }>(await m.post(`/api/judging/rounds/${roundId}/open`));
      expect([opened.status, opened.entryCount]).toEqual(['open', Object.keys(scores).length]);
      const plan = ok<{ id: string; items: Array<{ entryId: string; judgeId: string }>; coverage: { uncovered: unknown[] } }>(
        await m.post(`/api/judging/rounds/${roundId}/assignment-plans`, { perEntry: 2, maxLoad: 3, seed: 5 }),
        201,
      );
      const expected = Object.entries(scores).flatMap(([e, byJudge]) =>
        Object.keys(byJudge ?? {}).map((j) => `${entries[e as EntryKey].id}:${judges[j as JudgeKey].id}`),
      );
      expect(plan.items.map((i) => `${i.entryId}:${i.judgeId}`).sort()).toEqual(expected.sort());
      expect(plan.coverage.uncovered).toEqual([]);
      ok(await m.post(`/api/judging/rounds/${roundId}/assignment-plans/${plan.id}/apply`));
    };
    const scoreAll = async (roundId: string, scores: typeof SECOND) => {
      for (const key of Object.keys(judges) as JudgeKey[]) {
        const mine = await assignmentsOf(judges[key], roundId);
        const theirs = Object.entries(scores).filter(([, byJudge]) => byJudge?.[key] !== undefined);
        expect([...mine.keys()].sort()).toEqual(theirs.map(([e]) => entries[e as EntryKey].id).sort());
        for (const [e, byJudge] of theirs)
          await scoreAndSubmit(judges[key], mine.get(entries[e as EntryKey].id) as string, byJudge?.[key] as number);
      }
    };
    const ranked = async (roundId: string) => {
      const body = ok<{ status: string; groups: Array<{ themeId: string; rows: Array<Json> }> }>(
        await m.get(`/api/judging/rounds/${roundId}/ranking`),
      );
      return Object.fromEntries(
        body.groups.map((g) => [g.themeId, g.rows.map((r) => [r.entryId, r.score, r.rank, r.advanced])]),
      ) as Record<string, unknown[]>;
    };
    const id = (k: EntryKey) => entries[k].id;

    // 专家初步遴选 on 2 March.
    await openAndAssign(PRELIMINARY_ID, FIRST);
    await scoreAll(PRELIMINARY_ID, FIRST);
    ok(await m.post(`/api/judging/rounds/${PRELIMINARY_ID}/close`));
    const advance = { advance: { n: 2 } };
    const preview = ok<{
      groups: Array<{ groupKey: string; rows: Array<{ entryId: string; advanced: boolean; reason: string | null }> }>;
    }>(await m.post(`/api/judging/rounds/${PRELIMINARY_ID}/results/preview`, advance));
    const outcome = Object.fromEntries(
      preview.groups.map((g) => [g.groupKey, g.rows.map((r) => [r.entryId, r.advanced, r.reason])]),
    );
    expect(outcome).toEqual({
      [themeA]: [
        [id('A2'), true, null],
        [id('A1'), true, null],
        [id('A3'), false, 'below_cut'],
      ],
      [themeB]: [
        [id('B3'), true, null],
        [id('B2'), true, null],
        [id('B1'), false, 'below_cut'],
      ],
    });

    // 11 March, the second review's window: it does not open while the preliminary is not frozen.
    t.clock.set('2026-03-11T02:00:00.000Z');
    m = await signIn(t, { email: call.managerEmail });
    const openAbility = async () =>
      ok<{ rounds: Array<{ id: string; abilities: { open: unknown } }> }>(
        await m.get(`/api/campaigns/${call.campaign.id}/judging/rounds`),
      ).rounds.find((r) => r.id === secondId)?.abilities.open;
    expect(await openAbility()).toBe('WRONG_STATUS');
    const early = await m.post(`/api/judging/rounds/${secondId}/open`);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'WRONG_STATUS']);

    const counts = { entries: 6, ranked: 6, advanced: 4, tiers: {}, tooFewSheets: 0 };
    expect(ok(await m.post(`/api/judging/rounds/${PRELIMINARY_ID}/results/freeze`, advance))).toEqual({
      roundId: PRELIMINARY_ID,
      status: 'frozen',
      frozenAt: '2026-03-11T02:00:00.000Z',
      counts,
    });
    expect(await ranked(PRELIMINARY_ID)).toEqual({
      [themeA]: [
        [id('A2'), 88, 1, true],
        [id('A1'), 82, 2, true],
        [id('A3'), 72.5, 3, false],
      ],
      [themeB]: [
        [id('B3'), 93, 1, true],
        [id('B2'), 83, 2, true],
        [id('B1'), 78, 3, false],
      ],
    });
    expect(await openAbility()).toBe(true);

    // Before 复审 opens, the four advanced entries' applicants are asked for the 汇报 PPT and video (issue 10 item 2).
    const asked = ok<{ rounds: Array<{ roundId: string; slots: Array<{ key: string; file: unknown }>; abilities: Json }> }>(
      await entries.A1.owner.get(`/api/entries/${id('A1')}/round-materials`),
    );
    expect(asked.rounds.map((r) => [r.roundId, r.slots.map((x) => [x.key, x.file]), r.abilities])).toEqual([
      [
        secondId,
        [
          ['presentationPpt', null],
          ['presentationVideo', null],
        ],
        { upload: true },
      ],
    ]);
    expect(ok<{ rounds: unknown[] }>(await entries.A3.owner.get(`/api/entries/${id('A3')}/round-materials`)).rounds).toEqual([]);
    const deck = await buildDeck(GOOD_DECK);
    const video = buildMp4({ width: 1920, height: 1080, seconds: 420 });
    const put = (key: EntryKey, slot: string, filename: string, content: Buffer, roundId = secondId) => {
      const { payload, headers } = multipart({}, [{ name: 'file', filename, content }]);
      const url = `/api/judging/rounds/${roundId}/entries/${id(key)}/materials/${slot}`;
      return entries[key].owner.request({ method: 'POST', url, payload, headers });
    };
    const long = await put('A1', 'presentationVideo', '汇报.mp4', buildMp4({ width: 1920, height: 1080, seconds: 481 }));
    expect([long.statusCode, long.json().error.code, long.json().error.message]).toEqual([
      422,
      'FILE_RULES_FAILED',
      '文件不符合本活动的要求：视频时长 481 秒，超过 480 秒',
    ]);
    const notAdvanced = await put('A3', 'presentationPpt', '汇报.pptx', deck);
    expect([notAdvanced.statusCode, notAdvanced.json().error.code]).toEqual([404, 'NOT_FOUND']);
    for (const key of ['A1', 'A2', 'B2', 'B3'] as const) {
      expect((await put(key, 'presentationPpt', `${entries[key].hospital.name}汇报.pptx`, deck)).statusCode).toBe(201);
      expect((await put(key, 'presentationVideo', `${entries[key].hospital.name}汇报.mp4`, video)).statusCode).toBe(201);
    }
    const filled = ok<{ rounds: Array<{ slots: Array<{ key: string; file: { name: string; version: number } | null }> }> }>(
      await entries.B2.owner.get(`/api/entries/${id('B2')}/round-materials`),
    );
    expect(filled.rounds[0]?.slots.map((x) => [x.key, x.file?.name, x.file?.version])).toEqual([
      ['presentationPpt', `${entries.B2.hospital.name}汇报.pptx`, 1],
      ['presentationVideo', `${entries.B2.hospital.name}汇报.mp4`, 1],
    ]);

    // 复审: only the advanced entries, and its judges see the case materials the round shows.
    for (const key of Object.keys(judges) as JudgeKey[]) judges[key].client = await signIn(t, judges[key]);
    await openAndAssign(secondId, SECOND);
    const late = await put('A1', 'presentationPpt', '汇报（修改）.pptx', deck);
    expect([late.statusCode, late.json().error.code, late.json().error.message]).toEqual([
      409,
      'ROUND_MATERIALS_LOCKED',
      '评审轮次“复审”已开始，不能再上传或更换本轮材料',
    ]);
    const lockedNow = ok<{ rounds: Array<{ abilities: Json }> }>(
      await entries.A1.owner.get(`/api/entries/${id('A1')}/round-materials`),
    );
    expect(lockedNow.rounds.map((r) => r.abilities)).toEqual([{ upload: 'ROUND_MATERIALS_LOCKED' }]);
    const a1ByJ1 = (await assignmentsOf(judges.J1, secondId)).get(id('A1')) as string;
    const view = ok<{
      entry: { organization: unknown; attachments: Array<{ slot: string; label: string; name: string; fileId: string }> };
    }>(await judges.J1.client.get(`/api/judging/assignments/${a1ByJ1}`));
    expect([view.entry.organization, view.entry.attachments.map((a) => [a.slot, a.label, a.name])]).toEqual([
      null,
      [
        ['ppt', '案例PPT', '案例PPT.pptx'],
        ['presentationPpt', '汇报 PPT', '汇报 PPT.pptx'],
        ['presentationVideo', '汇报视频（MP4，不超过 8 分钟）', '汇报视频（MP4，不超过 8 分钟）.mp4'],
      ],
    ]);
    const [casePpt, talk, recording] = view.entry.attachments.map((a) => `/api/judging/assignments/${a1ByJ1}/files/${a.fileId}`);
    expect((await judges.J1.client.get(casePpt as string)).statusCode).toBe(200);
    // The blind round's 汇报 PPT comes masked (a new deck, not the bytes uploaded); the video streams by range.
    const talkRes = await judges.J1.client.get(talk as string);
    expect([talkRes.statusCode, talkRes.headers['content-type'], talkRes.rawPayload.equals(deck)]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      false,
    ]);
    const part = await judges.J1.client.request({ method: 'GET', url: recording as string, headers: { range: 'bytes=0-99' } });
    expect([part.statusCode, part.headers['content-range'], part.rawPayload.equals(video.subarray(0, 100))]).toEqual([
      206,
      `bytes 0-99/${video.length}`,
      true,
    ]);
    // Another judge's assignment does not reach A1's new materials.
    const elsewhere = await judges.J3.client.get(`/api/judging/assignments/${a1ByJ1}/files/${view.entry.attachments[1]?.fileId}`);
    expect(elsewhere.statusCode).toBe(404);
    expect((await judges.J1.client.get(`/api/entries/${id('A1')}/round-materials`)).statusCode).toBe(404);
    await scoreAll(secondId, SECOND);
    ok(await m.post(`/api/judging/rounds/${secondId}/close`));

    // The finalists (入围) frozen: the top one of each theme, the order turned in theme A.
    const finalists = { advance: { n: 1 } };
    expect(ok<{ counts: unknown }>(await m.post(`/api/judging/rounds/${secondId}/results/freeze`, finalists)).counts).toEqual({
      entries: 4,
      ranked: 4,
      advanced: 2,
      tiers: {},
      tooFewSheets: 0,
    });
    expect(await ranked(secondId)).toEqual({
      [themeA]: [
        [id('A1'), 90, 1, true],
        [id('A2'), 84, 2, false],
      ],
      [themeB]: [
        [id('B2'), 90, 1, true],
        [id('B3'), 82, 2, false],
      ],
    });
    const frozen = await t.app.ctx.db
      .select({ subjectId: auditEvents.subjectId, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.campaignId, call.campaign.id), eq(auditEvents.kind, 'judging.round_frozen')))
      .orderBy(asc(auditEvents.seq));
    expect(frozen).toEqual([
      {
        subjectId: PRELIMINARY_ID,
        actorId: call.managerId,
        data: { from: 'closed', to: 'frozen', rule: { advance: { n: 2, ties: 'include-ties' } }, counts },
      },
      {
        subjectId: secondId,
        actorId: call.managerId,
        data: {
          from: 'closed',
          to: 'frozen',
          rule: { advance: { n: 1, ties: 'include-ties' } },
          counts: { entries: 4, ranked: 4, advanced: 2, tiers: {}, tooFewSheets: 0 },
        },
      },
    ]);
  }, 300_000);
});
