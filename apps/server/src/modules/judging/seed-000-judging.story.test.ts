import { SEED_000_SHEET } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { signIn } from '../../../test/factories.ts';
import {
  assignmentsOf,
  invitedJudge,
  type Json,
  ok,
  type StoryCall,
  type StoryEntry,
  type StoryJudge,
  scoreAndSubmit,
  storyCall,
  storyEntry,
  unit,
} from '../../../test/judging-story.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

/**
 * Seed 000 (§六 1-2, §七.3) from screened entries to published online tiers, through the routes only (issue 10
 * item 8). Theme A has four passed entries and four judges, three of them recused from one entry each (X-4): J1 works
 * at A3's hospital, J2 declared A1's hospital, J3's hospital is the parent of A4's joint partner. Three judges per
 * entry and at most three each leave exactly one assignment:
 *
 *   A1 (H1):        J1 88,   J3 84, J4 86     mean 86
 *   A2 (H2):        J1 91.5, J2 90, J3 93     mean 91.5
 *   A3 (H3 = J1's): J2 80,   J3 78, J4 82     mean 80
 *   A4 (H4 + P4):   J1 70,   J2 75, J4 74     mean 73
 *
 * Theme B has three entries and J5-J7, each scoring all three:
 *
 *   B1: 85, 88, 91 mean 88;  B2: 90, 93, 93 mean 92;  B3: 77, 80, 80 mean 79
 *
 * Tiers (S0-10), rounded to the nearest: 卓越 25% (A: 1 of 4, B: round(0.75) = 1), then 优秀 40% from the rest
 * (A: round(1.6) = 2, B: round(1.2) = 1). So A2 and B2 are 卓越, A1, A3 and B1 优秀, A4 and B3 nothing.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(() => t?.close());

const TIERS = {
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: 25 },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: 40 },
  ],
  rounding: 'round',
  ties: 'include-ties',
  advance: ['outstanding'],
};

type EntryKey = 'A1' | 'A2' | 'A3' | 'A4' | 'B1' | 'B2' | 'B3';
type JudgeKey = 'J1' | 'J2' | 'J3' | 'J4' | 'J5' | 'J6' | 'J7';

const SCORES: Record<EntryKey, Partial<Record<JudgeKey, number>>> = {
  A1: { J1: 88, J3: 84, J4: 86 },
  A2: { J1: 91.5, J2: 90, J3: 93 },
  A3: { J2: 80, J3: 78, J4: 82 },
  A4: { J1: 70, J2: 75, J4: 74 },
  B1: { J5: 85, J6: 88, J7: 91 },
  B2: { J5: 90, J6: 93, J7: 93 },
  B3: { J5: 77, J6: 80, J7: 80 },
};

describe('seed 000 story: screened entries -> assignment -> scores -> 卓越/优秀 by proportion (issue 10 item 8)', () => {
  it('S0-10 X-3 X-4: invite, recuse, assign, score blind, rank, tier, freeze and publish', async () => {
    const call: StoryCall = await storyCall(t);
    const [themeA, themeB] = call.campaign.themes.map((th) => th.id) as [string, string];
    const m = call.manager;

    // The hospitals, and the judges' own units.
    const h = {
      H1: await unit(t, '许昌市第一人民医院'),
      H2: await unit(t, '许昌市中心医院'),
      H3: await unit(t, '禹州市人民医院'),
      H4: await unit(t, '长葛市人民医院'),
      H5: await unit(t, '郑州市第一人民医院'),
      H6: await unit(t, '开封市人民医院'),
      H7: await unit(t, '洛阳市中心医院'),
      U2: await unit(t, '河南省卫生健康研究院'),
      U3: await unit(t, '河南省人民医院'),
      U4: await unit(t, '郑州大学第一附属医院'),
      U5: await unit(t, '新乡医学院'),
    };
    const p4 = await unit(t, '河南省人民医院东院', h.U3.id);

    const entries = {} as Record<EntryKey, StoryEntry>;
    const plan: Array<[EntryKey, number, { id: string; name: string }, string[]?]> = [
      ['A1', 0, h.H1],
      ['A2', 0, h.H2],
      ['A3', 0, h.H3],
      ['A4', 0, h.H4, [p4.id]],
      ['B1', 1, h.H5],
      ['B2', 1, h.H6],
      ['B3', 1, h.H7],
    ];
    for (const [key, themeIndex, hospital, partnerIds] of plan)
      entries[key] = await storyEntry(t, call, { themeIndex, hospital, title: `案例${key}日间手术`, partnerIds });
    expect((await entries.A4.owner.get(`/api/entries/${entries.A4.id}`)).json().partnerIds).toEqual([p4.id]);

    // The organizer invites the experts; each accepts through the link in their mail.
    const judges = {} as Record<JudgeKey, StoryJudge>;
    const judgeUnits: Record<JudgeKey, string> = {
      J1: h.H3.id,
      J2: h.U2.id,
      J3: h.U3.id,
      J4: h.U4.id,
      J5: h.U5.id,
      J6: h.U2.id,
      J7: h.U4.id,
    };
    for (const key of Object.keys(judgeUnits) as JudgeKey[])
      judges[key] = await invitedJudge(t, call, {
        name: `${key}专家`,
        organizationId: judgeUnits[key],
        specialties: [['J5', 'J6', 'J7'].includes(key) ? themeB : themeA],
      });
    const declared = ok<{ conflicts: Array<{ organization: { id: string } }> }>(
      await m.put(`/api/judges/${judges.J2.id}/conflicts`, { items: [{ organizationId: h.H1.id, note: '曾任该院顾问' }] }),
    );
    expect(declared.conflicts.map((c) => c.organization.id)).toEqual([h.H1.id]);

    const seat = (keys: JudgeKey[], themeId: string, lead?: JudgeKey) =>
      keys.map((k) => ({ judgeId: judges[k].id, themeIds: [themeId], leadThemeIds: k === lead ? [themeId] : [] }));
    const panel = ok<{ themes: Array<{ id: string; judgeIds: string[]; leadJudgeId: string | null }> }>(
      await m.put(`/api/campaigns/${call.campaign.id}/judging/panel`, {
        members: [...seat(['J1', 'J2', 'J3', 'J4'], themeA, 'J4'), ...seat(['J5', 'J6', 'J7'], themeB)],
      }),
    );
    expect(panel.themes.find((th) => th.id === themeA)?.leadJudgeId).toBe(judges.J4.id);

    // 专家初评: the default 100-point sheet, blind, three judges per entry, at most three each.
    const saved = ok<{ rounds: Array<{ id: string; status: string }> }>(
      await m.put(`/api/campaigns/${call.campaign.id}/judging/rounds`, {
        rounds: [
          {
            key: 'preliminary',
            label: '专家初评',
            ordinal: 1,
            opensAt: '2026-03-01T00:00:00+08:00',
            closesAt: '2026-03-20T23:59:59+08:00',
            scope: { kind: 'themes', themeIds: [themeA, themeB] },
            sheet: SEED_000_SHEET,
            materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: [] },
            blind: true,
            seeOthers: false,
            judgesPerEntry: 3,
            maxLoad: 3,
            method: 'mean',
            tieBreak: ['submittedAt'],
          },
        ],
      }),
    );
    const roundId = saved.rounds[0]?.id as string;
    const opened = ok<{ status: string; entryCount: number }>(await m.post(`/api/judging/rounds/${roundId}/open`));
    expect([opened.status, opened.entryCount]).toEqual(['open', 7]);

    // Plan -> preview -> apply.
    const planned = ok<Json>(
      await m.post(`/api/judging/rounds/${roundId}/assignment-plans`, { perEntry: 3, maxLoad: 3, seed: 11 }),
      201,
    );
    const preview = ok<{
      items: Array<{ entryId: string; judgeId: string }>;
      coverage: unknown;
      load: Array<{ judgeId: string; count: number; max: number }>;
      loadSpread: number;
      pairOverlapMax: number;
      conflicts: Array<{ entryId: string; judgeId: string; reason: string; organizationId: string; relation: string }>;
      stale: boolean;
    }>(await m.get(`/api/judging/rounds/${roundId}/assignment-plans/${planned.id}`));
    const expectedPairs = Object.entries(SCORES).flatMap(([e, byJudge]) =>
      Object.keys(byJudge).map((j) => `${entries[e as EntryKey].id}:${judges[j as JudgeKey].id}`),
    );
    const pairs = preview.items.map((i) => `${i.entryId}:${i.judgeId}`);
    expect(pairs.sort()).toEqual(expectedPairs.sort());
    for (const banned of [
      [entries.A3, judges.J1],
      [entries.A1, judges.J2],
      [entries.A4, judges.J3],
    ] as const)
      expect(pairs).not.toContain(`${banned[0].id}:${banned[1].id}`);
    expect(preview.coverage).toEqual({ entries: 7, covered: 7, uncovered: [] });
    expect(preview.load.map((l) => [l.judgeId, l.count, l.max]).sort()).toEqual(
      Object.values(judges)
        .map((j) => [j.id, 3, 3])
        .sort(),
    );
    // Theme B's three judges share all three of its entries; theme A's pairs share two each.
    expect([preview.loadSpread, preview.pairOverlapMax, preview.stale]).toEqual([1, 3, false]);
    expect(preview.conflicts.map((c) => [c.entryId, c.judgeId, c.reason, c.organizationId, c.relation]).sort()).toEqual(
      [
        [entries.A1.id, judges.J2.id, 'declared', h.H1.id, 'same'],
        [entries.A3.id, judges.J1.id, 'own_unit', h.H3.id, 'same'],
        [entries.A4.id, judges.J3.id, 'joint_partner', p4.id, 'child'],
      ].sort(),
    );
    const applied = ok<{ status: string }>(await m.post(`/api/judging/rounds/${roundId}/assignment-plans/${planned.id}/apply`));
    expect(applied.status).toBe('applied');

    // The judges' workspaces: exactly their entries, blind (no hospital named anywhere in the answer).
    const mine = {} as Record<JudgeKey, Map<string, string>>;
    for (const key of Object.keys(judges) as JudgeKey[]) mine[key] = await assignmentsOf(judges[key], roundId);
    for (const [e, byJudge] of Object.entries(SCORES))
      for (const j of Object.keys(byJudge)) expect(mine[j as JudgeKey].has(entries[e as EntryKey].id)).toBe(true);
    expect([...mine.J1.keys()].sort()).toEqual([entries.A1.id, entries.A2.id, entries.A4.id].sort());
    const a2View = await judges.J2.client.get(`/api/judging/assignments/${mine.J2.get(entries.A2.id)}`);
    expect([a2View.statusCode, a2View.json().entry.organization, a2View.body.includes(h.H2.name)]).toEqual([200, null, false]);

    // Bad input, nothing lost: a score above 100 (SCORE_OUT_OF_RANGE), then a save from a stale second window.
    const b2 = `/api/judging/assignments/${mine.J6.get(entries.B2.id)}`;
    const tooHigh = await judges.J6.client.put(`${b2}/sheet`, { version: 0, scores: { overall: 100.5 } });
    expect([tooHigh.statusCode, tooHigh.json().error]).toEqual([
      422,
      {
        code: 'SCORE_OUT_OF_RANGE',
        message: '“综合评分”的得分须在 0 到 100 分之间',
        params: { criterion: '综合评分', key: 'overall', min: 0, max: 100 },
      },
    ]);
    const b1 = `/api/judging/assignments/${mine.J5.get(entries.B1.id)}`;
    ok(await judges.J5.client.put(`${b1}/sheet`, { version: 0, scores: { overall: 85 }, comment: '流程清晰' }));
    const laptop = await signIn(t, judges.J5);
    const stale = await laptop.put(`${b1}/sheet`, { version: 0, scores: { overall: 60 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({
      code: 'STALE_VERSION',
      message: '内容已被他人或其他窗口修改，请比较后再保存',
      params: { current: 1, yours: 0 },
    });
    expect(stale.json().sheet).toMatchObject({ status: 'draft', version: 1, scores: { overall: 85 }, comment: '流程清晰' });
    ok(await laptop.post(`${b1}/sheet/submit`, { version: 1 }));

    // Every other sheet: a draft, then submitted — but J4 leaves A3 a draft for now.
    const a3ByJ4 = mine.J4.get(entries.A3.id) as string;
    for (const [e, byJudge] of Object.entries(SCORES) as Array<[EntryKey, Record<JudgeKey, number>]>)
      for (const [j, overall] of Object.entries(byJudge) as Array<[JudgeKey, number]>) {
        const id = mine[j].get(entries[e].id) as string;
        if (e === 'B1' && j === 'J5') continue;
        if (id === a3ByJ4)
          ok(await judges.J4.client.put(`/api/judging/assignments/${id}/sheet`, { version: 0, scores: { overall } }));
        else expect((await scoreAndSubmit(judges[j], id, overall)).sheet).toMatchObject({ status: 'submitted', total: overall });
      }

    // The lead judge (组长) of theme A sees its progress only; another judge of the theme may not.
    const progress = ok<{
      scope: string;
      themes: Json[];
      judges: Array<{ judgeId: string }>;
    }>(await judges.J4.client.get(`/api/judging/rounds/${roundId}/progress`));
    const counts = (assigned: number, draft: number, submitted: number, missing: number) => ({
      assigned,
      draft,
      submitted,
      abstained: 0,
      missing,
    });
    const themeAView = call.campaign.themes[0] as { id: string; code: string; title: string };
    expect([progress.scope, progress.themes]).toEqual([
      'lead',
      [{ themeId: themeA, code: themeAView.code, title: themeAView.title, entries: 4, ...counts(12, 1, 11, 1) }],
    ]);
    expect([...progress.judges].sort((x, y) => (x.judgeId < y.judgeId ? -1 : 1))).toEqual(
      (['J1', 'J2', 'J3', 'J4'] as const)
        .map((k) => ({ judgeId: judges[k].id, name: `${k}专家`, ...(k === 'J4' ? counts(3, 1, 2, 1) : counts(3, 0, 3, 0)) }))
        .sort((x, y) => (x.judgeId < y.judgeId ? -1 : 1)),
    );
    expect((await judges.J1.client.get(`/api/judging/rounds/${roundId}/progress`)).statusCode).toBe(403);
    ok(await judges.J4.client.post(`/api/judging/assignments/${a3ByJ4}/sheet/submit`, { version: 1 }));

    // The organizer closes the round and reads the ranking: each theme's means, worked out above.
    ok(await m.post(`/api/judging/rounds/${roundId}/close`));
    const ranking = ok<{
      groups: Array<{ themeId: string; rows: Array<{ entryId: string; score: number; rank: number; sheets: number }> }>;
    }>(await m.get(`/api/judging/rounds/${roundId}/ranking`));
    const ranked = (themeId: string) =>
      ranking.groups.find((g) => g.themeId === themeId)?.rows.map((r) => [r.entryId, r.score, r.rank, r.sheets]);
    const id = (k: EntryKey) => entries[k].id;
    expect(ranked(themeA)).toEqual([
      [id('A2'), 91.5, 1, 3],
      [id('A1'), 86, 2, 3],
      [id('A3'), 80, 3, 3],
      [id('A4'), 73, 4, 3],
    ]);
    expect(ranked(themeB)).toEqual([
      [id('B2'), 92, 1, 3],
      [id('B1'), 88, 2, 3],
      [id('B3'), 79, 3, 3],
    ]);

    // S0-10: the tiers previewed — 卓越 first, then 优秀 from the rest.
    const previewed = ok<{
      kind: string;
      groups: Array<{ groupKey: string; rows: Array<{ entryId: string; tier: string | null }> }>;
    }>(await m.post(`/api/judging/rounds/${roundId}/results/preview`, TIERS));
    const tiered = (tier: string | null) =>
      previewed.groups
        .flatMap((g) => g.rows)
        .filter((r) => r.tier === tier)
        .map((r) => r.entryId)
        .sort();
    expect(previewed.kind).toBe('tiers');
    expect(tiered('outstanding')).toEqual([id('A2'), id('B2')].sort());
    expect(tiered('excellent')).toEqual([id('A1'), id('A3'), id('B1')].sort());
    expect(tiered(null)).toEqual([id('A4'), id('B3')].sort());

    // Frozen with one audit event, then published.
    const frozen = ok<Json>(await m.post(`/api/judging/rounds/${roundId}/results/freeze`, TIERS));
    const countsFrozen = { entries: 7, ranked: 7, advanced: 2, tiers: { outstanding: 2, excellent: 3 }, tooFewSheets: 0 };
    expect(frozen).toEqual({ roundId, status: 'frozen', frozenAt: t.clock.now().toISOString(), counts: countsFrozen });
    const audit = await t.app.ctx.db
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'judging_round'), eq(auditEvents.subjectId, roundId)))
      .orderBy(asc(auditEvents.seq));
    expect(audit.filter((a) => a.kind === 'judging.round_frozen')).toEqual([
      {
        kind: 'judging.round_frozen',
        actorId: call.managerId,
        data: { from: 'closed', to: 'frozen', rule: TIERS, counts: countsFrozen },
      },
    ]);

    // An applicant sees nothing of the round before it is published, then their own entry's result.
    const results = (k: EntryKey) => entries[k].owner.get(`/api/entries/${id(k)}/judging-results`);
    const before = await results('A1');
    expect([before.statusCode, before.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const published = ok<Json>(await m.post(`/api/judging/rounds/${roundId}/results/publish`));
    expect(published).toEqual({ roundId, publishedAt: t.clock.now().toISOString(), entries: 7 });
    const after = await results('A1');
    expect(after.statusCode).toBe(200);
    expect(after.json().rounds).toMatchObject([
      {
        roundId,
        label: '专家初评',
        score: 86,
        rank: 2,
        groupSize: 4,
        tier: 'excellent',
        tierLabel: { 'zh-CN': '优秀', en: 'Excellent' },
        advanced: false,
        sheets: 3,
        perCriterion: { overall: 86 },
      },
    ]);
    expect(
      after
        .json()
        .rounds[0].perJudge.map((j: { raw: number }) => j.raw)
        .sort(),
    ).toEqual([84, 86, 88]);
    for (const j of Object.values(judges)) expect(after.body.includes(j.name)).toBe(false);
    const a2 = (await results('A2')).json().rounds[0];
    expect([a2.tier, a2.advanced, a2.score]).toEqual(['outstanding', true, 91.5]);
    // Another hospital's entry stays out of reach.
    expect((await entries.A1.owner.get(`/api/entries/${id('A2')}/judging-results`)).statusCode).toBe(404);
  }, 180_000);
});
