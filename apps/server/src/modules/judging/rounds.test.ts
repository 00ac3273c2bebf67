import { SEED_000_SHEET, SEED_001_SHEET, SEED_002_SECOND_REVIEW_SLOTS } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { codeOf, judgingAudit, preliminary, ROUND_KINDS, type RoundKind, roundCall } from './rounds.fixtures.ts';

/**
 * Issue 10 item 2: a campaign's judging rounds are rows with dates inside a canScore phase, a scope, a score sheet,
 * materials and flags, saved as a whole set and validated as a set (S0-13's 专家初评, S1-8's five criteria, S2-6's
 * second review of advancing entries). Every refusal lists its reasons, localized; every save is audited (X-3).
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

const PHASES = [
  { label: '专家初评', startsAt: '2022-03-20T16:00:00.000Z', endsAt: '2022-04-30T15:59:59.999Z' },
  { label: '全国总决赛', startsAt: '2022-05-26T16:00:00.000Z', endsAt: '2022-05-28T15:59:59.999Z' },
];

describe('issue 10 item 2: the rounds set', () => {
  it('S0-13: a seed-000 call starts with no rounds and its two canScore phases; managers may edit, screeners only read', async () => {
    const call = await roundCall(t);
    const manager = await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`);
    expect(manager.statusCode).toBe(200);
    expect(manager.json()).toEqual({ campaignId: call.id, rounds: [], scoringPhases: PHASES, abilities: { edit: true } });
    const screener = await call.callers.screener.get(`/api/campaigns/${call.id}/judging/rounds`);
    expect(screener.json().abilities).toEqual({ edit: 'FORBIDDEN' });
  }, 120_000);

  it('S0-13: the manager saves seed 000’s preliminary round (default 100-point sheet) and reads it back, audited (X-3)', async () => {
    const call = await roundCall(t);
    const themeIds = call.themes.map((th) => th.id);
    const res = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds: [preliminary(themeIds)] });
    expect(res.statusCode).toBe(200);
    const [round] = res.json().rounds;
    expect(round).toEqual({
      id: round.id,
      campaignId: call.id,
      status: 'draft',
      version: 1,
      key: 'preliminary',
      label: '专家初评',
      ordinal: 1,
      opensAt: '2022-03-20T16:00:00.000Z',
      closesAt: '2022-04-10T15:59:59.000Z',
      scope: { kind: 'themes', themeIds },
      sheet: SEED_000_SHEET,
      materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: [] },
      blind: true,
      seeOthers: false,
      judgesPerEntry: 3,
      maxLoad: 50,
      method: 'mean',
      tieBreak: ['submittedAt'],
      entryCount: 0,
      // 10 January: no canScore phase runs yet.
      abilities: { edit: true, open: 'WRONG_PHASE', close: 'WRONG_STATUS' },
    });
    expect((await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds).toEqual([round]);
    const audit = await judgingAudit(t, call.id);
    expect(audit.map((a) => [a.kind, a.subjectId])).toEqual([['judging.rounds_saved', call.id]]);
    expect(audit[0]?.data).toMatchObject({ changes: [{ key: 'preliminary', before: null }] });

    // Saving the same set again changes nothing: no new version, no audit event.
    const again = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, {
      rounds: [{ ...preliminary(themeIds), id: round.id, version: 1 }],
    });
    expect(again.json().rounds[0].version).toBe(1);
    expect(await judgingAudit(t, call.id)).toHaveLength(1);
  }, 120_000);

  it('S1-8: seed 001’s five criteria (20 points each, weights summing to the declared 100) are saved as sent', async () => {
    const call = await roundCall(t);
    const res = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, {
      rounds: [preliminary([call.themes[0]?.id as string], { sheet: SEED_001_SHEET, tieBreak: ['criterion:innovation'] })],
    });
    expect(res.statusCode).toBe(200);
    const sheet = res.json().rounds[0].sheet;
    expect(sheet.criteria.map((c: { label: { 'zh-CN': string } }) => c.label['zh-CN'])).toEqual([
      '行业示范水平',
      '部署推广水平',
      '应用发展潜力',
      '技术创新水平',
      '经济社会价值',
    ]);
    expect(sheet).toEqual(SEED_001_SHEET);
  }, 120_000);

  it('S2-6: a second review of the preliminary round’s advancing entries, asking for a presentation PPT and an MP4 <= 8 min', async () => {
    const call = await roundCall(t);
    const first = preliminary(
      call.themes.map((th) => th.id),
      { id: '7f1b6f0e-3c5a-4c1e-9a53-2d5f0c1a0001' },
    );
    const second = preliminary([], {
      key: 'second_review',
      label: '复评',
      ordinal: 2,
      opensAt: '2022-04-11T00:00:00+08:00',
      closesAt: '2022-04-30T23:59:59.999+08:00',
      scope: { kind: 'advanced', fromRoundId: first.id as string },
      materials: { fieldKeys: ['title'], attachmentKeys: ['ppt'], extraSlots: SEED_002_SECOND_REVIEW_SLOTS },
    });
    const res = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds: [second, first] });
    expect(res.statusCode).toBe(200);
    expect(res.json().rounds.map((r: { key: string; id: string; scope: unknown }) => [r.key, r.id, r.scope])).toEqual([
      ['preliminary', first.id, first.scope],
      ['second_review', expect.any(String), { kind: 'advanced', fromRoundId: first.id }],
    ]);
    expect(res.json().rounds[1].materials.extraSlots[1]).toEqual({
      key: 'presentationVideo',
      label: '汇报视频（MP4，不超过 8 分钟）',
      types: ['mp4'],
      maxBytes: 1024 * 1024 * 1024,
      required: true,
      videoRules: { maxSeconds: { level: 'enforce', seconds: 480 } },
    });
  }, 120_000);
});

describe('issue 10 item 2: refusals of the set, localized', () => {
  it('S1-8 WEIGHTS_MISMATCH: criteria weights adding up to 90 of a declared 100, in zh-CN and English', async () => {
    const call = await roundCall(t);
    const sheet = {
      ...SEED_001_SHEET,
      criteria: SEED_001_SHEET.criteria.map((c, i) => (i === 0 ? { ...c, weight: 10 } : c)),
    };
    const body = { rounds: [preliminary([call.themes[0]?.id as string], { sheet })] };
    const zh = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, body);
    expect(zh.statusCode).toBe(422);
    expect(zh.json()).toEqual({
      error: {
        code: 'WEIGHTS_MISMATCH',
        message: '评分标准的权重合计为 90，与设定的总分 100 不一致',
        params: { sum: 90, declared: 100 },
        fields: [
          {
            path: 'rounds.0.sheet.weightTotal',
            code: 'WEIGHTS_SUM',
            message: '权重合计为 90，应为 100',
            params: { sum: 90, declared: 100 },
          },
        ],
      },
    });
    expect((await call.manager.patch('/api/me', { locale: 'en' })).statusCode).toBe(200);
    const en = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, body);
    expect(en.json().error.message).toBe('The criteria’s weights add up to 90, not the declared 100');
    expect(en.json().error.fields[0].message).toBe('The weights add up to 90, not 100');
    expect((await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds).toEqual([]);
  }, 120_000);

  it('S0-13 ROUNDS_INVALID lists every reason: outside the scoring phases, deadline before opening, repeated ordinal, foreign theme, unknown materials and tie-break', async () => {
    const call = await roundCall(t);
    const [a, b] = call.themes.map((th) => th.id) as [string, string];
    const rounds = [
      preliminary([a], { opensAt: '2022-03-01T00:00:00+08:00' }),
      preliminary([b], {
        opensAt: '2022-04-20T00:00:00+08:00',
        closesAt: '2022-04-12T00:00:00+08:00',
        materials: { fieldKeys: ['nonexistent'], attachmentKeys: ['video9'], extraSlots: [] },
        tieBreak: ['criterion:innovation'],
      }),
      preliminary(['00000000-0000-4000-8000-000000000000'], { key: 'third', ordinal: 3 }),
    ];
    const res = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toEqual({
      code: 'ROUNDS_INVALID',
      message: '评审轮次设置有 8 处问题，请按各项提示修改',
      params: { count: 8 },
      fields: [
        { path: 'rounds.1.key', code: 'DUPLICATE', message: '不能重复' },
        { path: 'rounds.1.ordinal', code: 'DUPLICATE', message: '不能重复' },
        {
          path: 'rounds.0.opensAt',
          code: 'ROUND_OUTSIDE_SCORING',
          message: '评审时间须在活动的一个评审阶段之内（专家初评、全国总决赛）',
          params: { phases: '专家初评、全国总决赛' },
        },
        { path: 'rounds.1.closesAt', code: 'ROUND_DATE_ORDER', message: '截止时间须晚于开始时间' },
        { path: 'rounds.1.tieBreak.0', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
        { path: 'rounds.1.materials.fieldKeys.0', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
        { path: 'rounds.1.materials.attachmentKeys.0', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
        { path: 'rounds.2.scope.themeIds.0', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
      ],
    });
    expect(await judgingAudit(t, call.id)).toEqual([]);
  }, 120_000);

  it('S2-6 ROUNDS_INVALID: one current round per theme, and an advanced scope must name an earlier round of the set (English)', async () => {
    const call = await roundCall(t);
    expect((await call.manager.patch('/api/me', { locale: 'en' })).statusCode).toBe(200);
    const [a, b] = call.themes.map((th) => th.id) as [string, string];
    const first = preliminary([a, b], { id: '7f1b6f0e-3c5a-4c1e-9a53-2d5f0c1a0002' });
    const overlapping = preliminary([b], { key: 'again', ordinal: 2, opensAt: '2022-04-01T00:00:00+08:00' });
    const backwards = preliminary([], {
      key: 'back',
      label: '回溯',
      ordinal: 4,
      opensAt: '2022-05-27T00:00:00+08:00',
      closesAt: '2022-05-28T00:00:00+08:00',
      scope: { kind: 'advanced', fromRoundId: '7f1b6f0e-3c5a-4c1e-9a53-2d5f0c1a0003' },
    });
    const later = preliminary([a], {
      id: '7f1b6f0e-3c5a-4c1e-9a53-2d5f0c1a0003',
      key: 'final_online',
      ordinal: 5,
      opensAt: '2022-05-27T00:00:00+08:00',
      closesAt: '2022-05-28T12:00:00+08:00',
    });
    const res = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, {
      rounds: [first, overlapping, backwards, later],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toEqual({
      code: 'ROUNDS_INVALID',
      message: 'The judging rounds have 3 problems; correct each one listed',
      params: { count: 3 },
      fields: [
        {
          path: 'rounds.2.scope.fromRoundId',
          code: 'ROUND_SOURCE_NOT_EARLIER',
          message: 'Advancing entries must come from a round ordered before this one',
        },
        {
          path: 'rounds.1.scope',
          code: 'ROUND_THEME_OVERLAP',
          message: 'Overlaps “专家初评” in time and in themes: a theme has one current round at a time',
          params: { label: '专家初评' },
        },
        {
          path: 'rounds.3.scope',
          code: 'ROUND_THEME_OVERLAP',
          message: 'Overlaps “回溯” in time and in themes: a theme has one current round at a time',
          params: { label: '回溯' },
        },
      ],
    });
  }, 120_000);

  it('X-3 STALE_VERSION: a set saved from an older read of a round is refused, the newer round kept', async () => {
    const call = await roundCall(t);
    const themeIds = [call.themes[0]?.id as string];
    const saved = (
      await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds: [preliminary(themeIds)] })
    ).json();
    const id = saved.rounds[0].id as string;
    const v2 = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, {
      rounds: [{ ...preliminary(themeIds, { label: '初评（第一批）' }), id, version: 1 }],
    });
    expect(v2.json().rounds[0]).toMatchObject({ label: '初评（第一批）', version: 2 });
    const stale = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, {
      rounds: [{ ...preliminary(themeIds, { label: '旧标题' }), id, version: 1 }],
    });
    expect([stale.statusCode, codeOf(stale), stale.json().error.params]).toEqual([
      409,
      'STALE_VERSION',
      { current: 2, yours: 1 },
    ]);
    expect((await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds[0].label).toBe('初评（第一批）');
  }, 120_000);
});

describe('issue 10 item 2: who may read and save the rounds', () => {
  it('S0-13 access: GET by the organizer’s people and the platform; PUT by managers and the platform; others refused with the exact code', async () => {
    const call = await roundCall(t);
    const body = { rounds: [preliminary([call.themes[0]?.id as string])] };
    const read: Record<RoundKind, [number, string | null]> = {} as never;
    const write: Record<RoundKind, [number, string | null]> = {} as never;
    for (const kind of ROUND_KINDS) {
      const r = await call.callers[kind].get(`/api/campaigns/${call.id}/judging/rounds`);
      read[kind] = [r.statusCode, codeOf(r)];
      // Each allowed save replaces the set with the same one round; the first creates it, later ones keep it.
      const w = await call.callers[kind].put(`/api/campaigns/${call.id}/judging/rounds`, {
        rounds: body.rounds.map((r) => ({ ...r, key: `k_${kind.toLowerCase()}` })),
      });
      write[kind] = [w.statusCode, codeOf(w)];
    }
    expect(read).toEqual({
      anonymous: [401, 'UNAUTHENTICATED'],
      user: [403, 'FORBIDDEN'],
      applicant: [403, 'FORBIDDEN'],
      screener: [200, null],
      otherOrganizer: [403, 'FORBIDDEN'],
      manager: [200, null],
      admin: [200, null],
    });
    expect(write).toEqual({
      anonymous: [401, 'UNAUTHENTICATED'],
      user: [403, 'FORBIDDEN'],
      applicant: [403, 'FORBIDDEN'],
      screener: [403, 'FORBIDDEN'],
      otherOrganizer: [403, 'FORBIDDEN'],
      manager: [200, null],
      admin: [200, null],
    });
    // The admin's save replaced the manager's draft round.
    expect(
      (await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds.map((r: { key: string }) => r.key),
    ).toEqual(['k_admin']);
  }, 120_000);

  it('S0-13 access: a draft call’s rounds are NOT_FOUND to another organizer; a closed call’s rounds are read-only (WRONG_STATUS)', async () => {
    const call = await roundCall(t);
    const draft = await call.manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: call.organizerId });
    expect(draft.statusCode).toBe(201);
    const draftId = draft.json().id as string;
    const stranger = await call.callers.otherOrganizer.get(`/api/campaigns/${draftId}/judging/rounds`);
    expect([stranger.statusCode, codeOf(stranger)]).toEqual([404, 'NOT_FOUND']);
    const own = await call.manager.get(`/api/campaigns/${draftId}/judging/rounds`);
    expect([own.statusCode, own.json().abilities]).toEqual([200, { edit: true }]);

    const themeIds = [call.themes[0]?.id as string];
    const saved = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds: [preliminary(themeIds)] });
    expect(saved.statusCode).toBe(200);
    expect((await call.manager.post(`/api/campaigns/${call.id}/close`)).statusCode).toBe(200);
    const view = (await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json();
    expect([view.abilities.edit, view.rounds[0].abilities]).toEqual([
      'WRONG_STATUS',
      { edit: 'WRONG_STATUS', open: 'PHASE_CLOSED', close: 'WRONG_STATUS' },
    ]);
    const put = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds: [] });
    expect([put.statusCode, codeOf(put)]).toEqual([409, 'WRONG_STATUS']);
    expect((await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds).toHaveLength(1);
  }, 120_000);
});
