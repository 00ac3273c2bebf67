import { SEED_001_SHEET, type TScoreSheetSpec } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, T0, type TestApp } from '../../../test/app.ts';
import { buildUser, signIn } from '../../../test/factories.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, passedEntry } from '../../../test/judging.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { assignments, judges, scoreSheets } from './judging.tables.ts';

// Seed 001's five criteria, with quarter points on the first and a required comment on innovation.
const SHEET: TScoreSheetSpec = {
  ...SEED_001_SHEET,
  criteria: SEED_001_SHEET.criteria.map((c, i) =>
    i === 0 ? { ...c, decimals: 2 } : c.key === 'innovation' ? { ...c, commentRequired: true } : c,
  ),
};
const FULL = { demonstration: 8.25, deployment: 15.5, potential: 20, innovation: 0, value: 12 };
const ALL_TRUE = { save: true, submit: true, abstain: true };

let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;
let round: Awaited<ReturnType<typeof judgingRound>>;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
  round = await judgingRound(t, setup.campaign.id, { sheet: SHEET });
});
afterAll(async () => t?.close());

/** A fresh passed entry assigned to a fresh judge of the organizer in the round. */
async function assigned(r = round, themeIndex = 0) {
  const entry = await passedEntry(t, setup, { themeIndex });
  const judge = await activeJudge(t, setup.organizer.id);
  const assignment = await assign(t, r, entry, judge.judge.id);
  const base = `/api/judging/assignments/${assignment.id}`;
  return { entry, judge, assignment, base, client: judge.client };
}

const audits = async (kind: string, subjectId: string) =>
  t.app.ctx.db
    .select({ actorId: auditEvents.actorId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.kind, kind), eq(auditEvents.subjectId, subjectId)));

describe('the judge’s sheet: draft, submit, abstain (issue 10 item 4)', () => {
  it('issue 10 item 4 GET shows the spec, an empty draft of version 0 and every ability', async () => {
    const { base, client, assignment } = await assigned();
    const res = await client.get(base);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.assignmentId).toBe(assignment.id);
    expect(body.status).toBe('assigned');
    expect(body.spec).toEqual(SHEET);
    expect(body.round).toEqual({
      id: round.id,
      campaignId: setup.campaign.id,
      key: round.key,
      label: '专家初评',
      status: 'open',
      opensAt: '2026-02-28T16:00:00.000Z',
      closesAt: '2026-03-20T15:59:59.999Z',
      blind: true,
    });
    expect(body.sheet).toEqual({
      status: 'draft',
      version: 0,
      scores: {},
      comment: '',
      recommendation: null,
      abstainReason: null,
      savedAt: null,
      submittedAt: null,
      total: null,
    });
    expect(body.abilities).toEqual(ALL_TRUE);
  });

  it('X-3 a draft saves partial scores (8.25 at 2 decimals) with version 0 -> 1 -> 2, each save audited', async () => {
    const { base, client, judge, assignment } = await assigned();
    const first = await client.put(`${base}/sheet`, { version: 0, scores: { demonstration: 8.25, value: null } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      sheet: {
        status: 'draft',
        version: 1,
        scores: { demonstration: 8.25 },
        comment: '',
        recommendation: null,
        abstainReason: null,
        savedAt: T0,
        submittedAt: null,
        total: null,
      },
      abilities: ALL_TRUE,
    });
    const second = await client.put(`${base}/sheet`, {
      version: 1,
      scores: { demonstration: 9, potential: 18 },
      comment: '示范性强',
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().sheet).toMatchObject({ version: 2, scores: { demonstration: 9, potential: 18 }, comment: '示范性强' });
    const [row] = await t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id));
    expect(row?.version).toBe(2);
    const saved = await audits('judging.sheet_saved', row?.id as string);
    expect(saved.map((a) => [a.actorId, (a.data as { version: number }).version]).sort()).toEqual([
      [judge.user.id, 1],
      [judge.user.id, 2],
    ]);
  });

  it('issue 10 bad input: refuses out-of-range and too precise scores in a draft with the criterion, and keeps the stored draft', async () => {
    const { base, client } = await assigned();
    await client.put(`${base}/sheet`, { version: 0, scores: { value: 12 } });
    const high = await client.put(`${base}/sheet`, { version: 1, scores: { value: 20.5 } });
    expect(high.statusCode).toBe(422);
    expect(high.json().error).toEqual({
      code: 'SCORE_OUT_OF_RANGE',
      message: '“经济社会价值”的得分须在 0 到 20 分之间',
      params: { criterion: '经济社会价值', key: 'value', min: 0, max: 20 },
    });
    const negative = await client.put(`${base}/sheet`, { version: 1, scores: { potential: -1 } });
    expect(negative.statusCode).toBe(422);
    expect(negative.json().error.params).toEqual({ criterion: '应用发展潜力', key: 'potential', min: 0, max: 20 });
    const precise = await client.put(`${base}/sheet`, { version: 1, scores: { demonstration: 8.255 } });
    expect(precise.statusCode).toBe(422);
    expect(precise.json().error).toEqual({
      code: 'SCORE_TOO_PRECISE',
      message: '“行业示范水平”的得分最多保留 2 位小数',
      params: { criterion: '行业示范水平', key: 'demonstration', decimals: 2 },
    });
    const unknown = await client.put(`${base}/sheet`, { version: 1, scores: { teamwork: 5 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([{ path: 'scores.teamwork', code: 'UNKNOWN_FIELD', message: '表单中没有此项' }]);
    const current = (await client.get(base)).json().sheet;
    expect([current.version, current.scores]).toEqual([1, { value: 12 }]);
  });

  it('issue 10 bad input: a stale save is refused with STALE_VERSION and the server’s copy; nothing is overwritten', async () => {
    const { base, client: phone, judge } = await assigned();
    const laptop = await signIn(t, judge.user);
    expect((await phone.put(`${base}/sheet`, { version: 0, scores: { value: 12 }, comment: '手机上写的' })).statusCode).toBe(200);
    const stale = await laptop.put(`${base}/sheet`, { version: 0, scores: { value: 15 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({
      error: {
        code: 'STALE_VERSION',
        message: '内容已被他人或其他窗口修改，请比较后再保存',
        params: { current: 1, yours: 0 },
      },
      sheet: {
        status: 'draft',
        version: 1,
        scores: { value: 12 },
        comment: '手机上写的',
        recommendation: null,
        abstainReason: null,
        savedAt: T0,
        submittedAt: null,
        total: null,
      },
    });
    const merged = await laptop.put(`${base}/sheet`, { version: 1, scores: { value: 15 }, comment: '手机上写的' });
    expect(merged.json().sheet).toMatchObject({ version: 2, scores: { value: 15 } });
  });

  it('issue 10 bad input: two saves of the same version at once (two tabs): one is stored, the other answers STALE_VERSION with it', async () => {
    const { base, client, judge } = await assigned();
    const other = await signIn(t, judge.user);
    const [a, b] = await Promise.all([
      client.put(`${base}/sheet`, { version: 0, scores: { value: 11 } }),
      other.put(`${base}/sheet`, { version: 0, scores: { value: 19 } }),
    ]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    expect([won.statusCode, lost.statusCode]).toEqual([200, 409]);
    expect(lost.json().error.params).toEqual({ current: 1, yours: 0 });
    expect(lost.json().sheet.scores).toEqual(won.json().sheet.scores);
    const rows = await t.app.ctx.db
      .select()
      .from(scoreSheets)
      .where(eq(scoreSheets.assignmentId, base.split('/').pop() as string));
    expect(rows.map((r) => [r.version, r.scores])).toEqual([[1, won.json().sheet.scores]]);
  });

  it('X-3 issue 10 bad input: submit checks the whole sheet (SCORE_MISSING, COMMENT_REQUIRED) yet keeps what was sent, then locks it: SHEET_SUBMITTED', async () => {
    const { base, client, assignment, judge } = await assigned();
    const partial = await client.post(`${base}/sheet/submit`, { version: 0, scores: { demonstration: 8.25 } });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error).toEqual({
      code: 'SCORE_MISSING',
      message: '请为“部署推广水平”打分后再提交',
      params: { criterion: '部署推广水平', key: 'deployment' },
    });
    const kept = (await client.get(base)).json().sheet;
    expect([kept.status, kept.version, kept.scores]).toEqual(['draft', 1, { demonstration: 8.25 }]);
    const noComment = await client.post(`${base}/sheet/submit`, { version: 1, scores: FULL });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().error.code).toBe('COMMENT_REQUIRED');
    const done = await client.post(`${base}/sheet/submit`, { version: 2, comment: '创新性突出' });
    expect(done.statusCode).toBe(200);
    const locked = { save: 'SHEET_SUBMITTED', submit: 'SHEET_SUBMITTED', abstain: 'SHEET_SUBMITTED' };
    expect(done.json()).toEqual({
      sheet: {
        status: 'submitted',
        version: 4,
        scores: FULL,
        comment: '创新性突出',
        recommendation: null,
        abstainReason: null,
        savedAt: T0,
        submittedAt: T0,
        total: 55.75,
      },
      abilities: locked,
    });
    for (const res of [
      await client.put(`${base}/sheet`, { version: 4, scores: { value: 1 } }),
      await client.post(`${base}/sheet/submit`, { version: 4 }),
      await client.post(`${base}/abstain`, { reason: '临时回避' }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('SHEET_SUBMITTED');
    }
    expect((await client.get(base)).json().abilities).toEqual(locked);
    const [row] = await t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id));
    expect([row?.status, row?.version, row?.scores]).toEqual(['submitted', 4, FULL]);
    const submitted = await audits('judging.sheet_submitted', row?.id as string);
    expect(submitted).toEqual([
      {
        actorId: judge.user.id,
        data: {
          from: 'draft',
          to: 'submitted',
          version: 4,
          assignmentId: assignment.id,
          roundId: round.id,
          entryId: assignment.entryId,
          scores: FULL,
          comment: '创新性突出',
          recommendation: null,
        },
      },
    ]);
  });

  it('X-3 abstaining with a reason makes the sheet and the assignment abstained, so the organizer can reassign; audited with the reason', async () => {
    const { base, client, assignment, judge } = await assigned();
    const short = await client.post(`${base}/abstain`, { reason: ' ' });
    expect(short.statusCode).toBe(400);
    const res = await client.post(`${base}/abstain`, { reason: '曾在该院任职' });
    expect(res.statusCode).toBe(200);
    const closed = { save: 'WRONG_STATUS', submit: 'WRONG_STATUS', abstain: 'WRONG_STATUS' };
    expect(res.json()).toEqual({
      sheet: {
        status: 'abstained',
        version: 2,
        scores: {},
        comment: '',
        recommendation: null,
        abstainReason: '曾在该院任职',
        savedAt: T0,
        submittedAt: null,
        total: null,
      },
      abilities: closed,
    });
    const [row] = await t.app.ctx.db
      .select({ status: assignments.status })
      .from(assignments)
      .where(eq(assignments.id, assignment.id));
    expect(row?.status).toBe('abstained');
    const [sheet] = await t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignment.id));
    expect(await audits('judging.sheet_abstained', sheet?.id as string)).toEqual([
      {
        actorId: judge.user.id,
        data: {
          from: 'draft',
          to: 'abstained',
          version: 2,
          assignmentId: assignment.id,
          roundId: round.id,
          entryId: assignment.entryId,
          reason: '曾在该院任职',
        },
      },
    ]);
    const again = await client.put(`${base}/sheet`, { version: 2, scores: { value: 3 } });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const view = (await client.get(base)).json();
    expect([view.status, view.abilities]).toEqual(['abstained', closed]);
  });
});

describe('the round’s window decides, by ctx.clock (issue 10 item 4)', () => {
  it('issue 10 bad input: after the deadline saving and submitting are ROUND_CLOSED with the deadline in Beijing time; at the deadline they pass', async () => {
    const { base, client: early, judge } = await assigned();
    await early.put(`${base}/sheet`, { version: 0, scores: FULL, comment: '好' });
    try {
      t.clock.set('2026-03-20T16:00:00.000Z');
      // A session of that day (the one of 2 March has expired by then).
      const client = await signIn(t, judge.user);
      const late = await client.post(`${base}/sheet/submit`, { version: 1 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toEqual({
        code: 'ROUND_CLOSED',
        message: '该评审轮次已截止（截止时间：2026-03-20 23:59，北京时间），不能再提交评分',
        params: { deadline: '2026-03-20 23:59' },
      });
      const save = await client.put(`${base}/sheet`, { version: 1, scores: FULL });
      expect([save.statusCode, save.json().error.code]).toEqual([409, 'ROUND_CLOSED']);
      const closed = { save: 'ROUND_CLOSED', submit: 'ROUND_CLOSED', abstain: 'ROUND_CLOSED' };
      expect((await client.get(base)).json().abilities).toEqual(closed);
      t.clock.set('2026-03-20T15:59:59.999Z');
      const onTime = await client.post(`${base}/sheet/submit`, { version: 1 });
      expect([onTime.statusCode, onTime.json().sheet.status]).toEqual([200, 'submitted']);
    } finally {
      t.clock.set(T0);
    }
  });

  it('issue 10 bad input: before the round opens, and in a draft round, scoring is ROUND_NOT_OPEN', async () => {
    const later = await judgingRound(t, setup.campaign.id, { sheet: SHEET, opensAt: '2026-03-09T16:00:00.000Z' });
    const draft = await judgingRound(t, setup.campaign.id, { sheet: SHEET, status: 'draft' });
    for (const r of [later, draft]) {
      const { base, client } = await assigned(r);
      const res = await client.put(`${base}/sheet`, { version: 0, scores: { value: 1 } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({ code: 'ROUND_NOT_OPEN', message: '该评审轮次尚未开放评分' });
      expect((await client.get(base)).json().abilities.submit).toBe('ROUND_NOT_OPEN');
    }
  });

  it('issue 10 bad input: a campaign past its canScore phases closes the round too (ROUND_CLOSED), though the round’s own deadline is later', async () => {
    const ended = await judgingCampaign(t, [
      { key: 'submission', label: '案例申报', start: '2026-02-01', end: '2026-03-31', capabilities: ['canSubmit', 'canScreen'] },
      { key: 'preliminary', label: '专家评审', start: '2026-02-01', end: '2026-03-01', capabilities: ['canScore'] },
    ]);
    const r = await judgingRound(t, ended.campaign.id, { sheet: SHEET });
    const entry = await passedEntry(t, ended);
    const judge = await activeJudge(t, ended.organizer.id);
    const a = await assign(t, r, entry, judge.judge.id);
    const res = await judge.client.put(`/api/judging/assignments/${a.id}/sheet`, { version: 0, scores: { value: 1 } });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'ROUND_CLOSED']);
  });
});

describe('only the assigned judge (X-4: NOT_FOUND, never the entry)', () => {
  it('X-4 another judge, a judge of the same organizer, an applicant, staff and a removed assignment get 404; anonymous 401', async () => {
    const { base, assignment, entry, judge } = await assigned();
    const otherJudge = (await activeJudge(t, setup.organizer.id)).client;
    const admin = await signIn(t, await buildUser(t, { role: 'admin' }));
    const callers = [otherJudge, entry.owner, setup.manager, admin];
    const calls = (c: (typeof callers)[number]) => [
      c.get(base),
      c.put(`${base}/sheet`, { version: 0, scores: { value: 1 } }),
      c.put(`${base}/sheet`, { version: 'x' }),
      c.post(`${base}/sheet/submit`, { version: 0 }),
      c.post(`${base}/abstain`, { reason: '回避一下' }),
    ];
    for (const caller of callers)
      for (const res of await Promise.all(calls(caller))) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
        expect(res.body.includes(entry.title)).toBe(false);
      }
    expect((await new Client(t.app).get(base)).statusCode).toBe(401);
    await t.app.ctx.db.update(assignments).set({ status: 'removed' }).where(eq(assignments.id, assignment.id));
    for (const res of [await judge.client.get(base), await judge.client.put(`${base}/sheet`, { version: 0, scores: {} })]) {
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
      expect(res.body.includes(entry.title)).toBe(false);
    }
    const list = (await judge.client.get('/api/judging/me/assignments')).json();
    expect(list).toEqual({ rounds: [] });
  });

  it('X-4 a judge removed from the pool no longer reaches their assignments (404)', async () => {
    const { base, client, judge } = await assigned();
    expect((await client.get(base)).statusCode).toBe(200);
    await t.app.ctx.db.update(judges).set({ status: 'removed' }).where(eq(judges.id, judge.judge.id));
    const res = await client.get(base);
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
