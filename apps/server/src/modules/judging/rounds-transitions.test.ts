import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { judgingRounds, roundEntries } from './judging.tables.ts';
import { clockAt, codeOf, entryOf, freezeWith, judgingAudit, preliminary, type RoundCall, roundCall } from './rounds.fixtures.ts';

/**
 * Issue 10 item 2: a round's status goes draft -> open -> closed (-> open again) -> frozen through one writer, with
 * compare-and-set and an audit event in the same transaction (X-3). Opening is the organizer's manager's, in a
 * canScore phase by the server's clock (S0-13's 专家初评 21 March – 30 April 2022), before the round's deadline, with
 * one current round per theme; it puts the round's entries in: the passed entries of its themes, or (S2-6) the
 * entries an earlier, frozen round advanced.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

const IN_PRELIMINARY = '2022-03-25T02:00:00.000Z';

/** The call with passed entries in its first two themes and a submitted (unscreened) one in the first. */
async function callWithEntries() {
  const call = await roundCall(t);
  const [a, b] = call.themes.map((th) => th.id) as [string, string];
  const passedA = await entryOf(t, call, a, 'passed');
  const passedB = await entryOf(t, call, b, 'passed');
  const submittedA = await entryOf(t, call, a, 'submitted');
  return { call, a, b, passedA, passedB, submittedA };
}

async function saveRounds(call: RoundCall, rounds: unknown[]) {
  const res = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().rounds as Array<{ id: string; version: number; key: string }>;
}

const roundEntryIds = async (roundId: string) =>
  (await t.app.ctx.db.select({ id: roundEntries.entryId }).from(roundEntries).where(eq(roundEntries.roundId, roundId)))
    .map((r) => r.id)
    .sort();

describe('issue 10 item 2: opening and closing a round', () => {
  it('S0-13: opened in 专家初评, the round takes the passed entries of its themes only; close and reopen are audited (X-3)', async () => {
    const { call, a, passedA, passedB, submittedA } = await callWithEntries();
    const [round] = await saveRounds(call, [preliminary([a])]);
    const id = round?.id as string;
    await clockAt(t, call, IN_PRELIMINARY);
    const opened = await call.manager.post(`/api/judging/rounds/${id}/open`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      id,
      status: 'open',
      version: 2,
      entryCount: 1,
      abilities: { edit: true, open: 'WRONG_STATUS', close: true },
    });
    // Not the passed entry of the other theme, nor the first theme's entry still waiting for screening.
    expect(await roundEntryIds(id)).toEqual([passedA]);
    expect(await roundEntryIds(id)).not.toContain(passedB);
    expect(await roundEntryIds(id)).not.toContain(submittedA);

    const closed = await call.manager.post(`/api/judging/rounds/${id}/close`);
    expect([closed.statusCode, closed.json().status, closed.json().version]).toEqual([200, 'closed', 3]);
    const reopened = await call.manager.post(`/api/judging/rounds/${id}/open`);
    expect([reopened.statusCode, reopened.json().status, reopened.json().entryCount]).toEqual([200, 'open', 1]);

    const audit = (await judgingAudit(t, call.id)).filter((e) => e.subjectId === id);
    expect(audit.map((e) => [e.kind, e.data])).toEqual([
      ['judging.round_opened', { from: 'draft', to: 'open', entriesAdded: 1 }],
      ['judging.round_closed', { from: 'open', to: 'closed' }],
      ['judging.round_reopened', { from: 'closed', to: 'open' }],
    ]);
    expect(new Set(audit.map((e) => e.actorId)).size).toBe(1);
  }, 180_000);

  it('S0-13: before the scoring phases WRONG_PHASE, after them PHASE_CLOSED, after the round’s deadline ROUND_CLOSED; nothing written', async () => {
    const call = await roundCall(t);
    const [round] = await saveRounds(call, [preliminary([call.themes[0]?.id as string])]);
    const id = round?.id as string;
    const attempt = async (at: string) => {
      await clockAt(t, call, at);
      const res = await call.manager.post(`/api/judging/rounds/${id}/open`);
      return [res.statusCode, codeOf(res), res.json().error.params ?? null, res.json().error.message];
    };
    expect(await attempt('2022-03-20T15:59:59.999Z')).toEqual([
      409,
      'WRONG_PHASE',
      null,
      '活动当前所处阶段不允许此操作（例如审核只能在开放审核的阶段进行）',
    ]);
    expect(await attempt('2022-04-12T02:00:00.000Z')).toEqual([
      409,
      'ROUND_CLOSED',
      { deadline: '2022-04-10 23:59' },
      '该评审轮次已截止（截止时间：2022-04-10 23:59，北京时间），不能再提交评分',
    ]);
    expect((await attempt('2022-05-29T00:00:00.000Z')).slice(0, 2)).toEqual([409, 'PHASE_CLOSED']);
    const [stored] = await t.app.ctx.db.select().from(judgingRounds).where(eq(judgingRounds.id, id));
    expect([stored?.status, stored?.version]).toEqual(['draft', 1]);
    expect((await judgingAudit(t, call.id)).map((e) => e.kind)).toEqual(['judging.rounds_saved']);
  }, 120_000);

  it('WRONG_STATUS: a draft cannot be closed nor an open round opened again; two opens at once: one 200, one WRONG_STATUS (X-3)', async () => {
    const call = await roundCall(t);
    const [round] = await saveRounds(call, [preliminary([call.themes[0]?.id as string])]);
    const id = round?.id as string;
    await clockAt(t, call, IN_PRELIMINARY);
    const close = await call.manager.post(`/api/judging/rounds/${id}/close`);
    expect([close.statusCode, codeOf(close)]).toEqual([409, 'WRONG_STATUS']);
    const both = await Promise.all([
      call.manager.post(`/api/judging/rounds/${id}/open`),
      call.manager.post(`/api/judging/rounds/${id}/open`),
    ]);
    expect(both.map((r) => [r.statusCode, codeOf(r)]).sort()).toEqual([
      [200, null],
      [409, 'WRONG_STATUS'],
    ]);
    const audit = (await judgingAudit(t, call.id)).filter((e) => e.subjectId === id);
    expect(audit.map((e) => e.kind)).toEqual(['judging.round_opened']);
  }, 120_000);

  it('S0-13 one current round per theme: a second round of the theme cannot open while the first is open (ROUNDS_INVALID, its ability says so)', async () => {
    const call = await roundCall(t);
    const theme = call.themes[0]?.id as string;
    const [first, second] = await saveRounds(call, [
      preliminary([theme]),
      preliminary([theme], {
        key: 'second',
        label: '第二批',
        ordinal: 2,
        opensAt: '2022-04-11T00:00:00+08:00',
        closesAt: '2022-04-30T23:00:00+08:00',
      }),
    ]);
    await clockAt(t, call, IN_PRELIMINARY);
    expect((await call.manager.post(`/api/judging/rounds/${first?.id}/open`)).statusCode).toBe(200);
    const view = (await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json();
    expect(view.rounds.map((r: { key: string; abilities: { open: unknown } }) => [r.key, r.abilities.open])).toEqual([
      ['preliminary', 'WRONG_STATUS'],
      ['second', 'ROUNDS_INVALID'],
    ]);
    const res = await call.manager.post(`/api/judging/rounds/${second?.id}/open`);
    expect([res.statusCode, res.json().error]).toEqual([
      422,
      {
        code: 'ROUNDS_INVALID',
        message: '评审轮次设置有 1 处问题，请按各项提示修改',
        params: { count: 1 },
        fields: [
          {
            path: 'status',
            code: 'ROUND_THEME_OVERLAP',
            message: '与“专家初评”的评审时间重叠且包含相同主题：同一主题同一时间只能有一个评审轮次',
            params: { label: '专家初评' },
          },
        ],
      },
    ]);
  }, 120_000);
});

describe('issue 10 item 2: a started round in the set', () => {
  it('S2-6: the second review opens on the entries the frozen preliminary advanced, not before it is frozen', async () => {
    const { call, a, b, passedA, passedB } = await callWithEntries();
    const firstId = '7f1b6f0e-3c5a-4c1e-9a53-2d5f0c1a0101';
    const [, second] = await saveRounds(call, [
      preliminary([a, b], { id: firstId }),
      preliminary([], {
        key: 'second_review',
        label: '复评',
        ordinal: 2,
        opensAt: '2022-04-11T00:00:00+08:00',
        closesAt: '2022-04-30T23:00:00+08:00',
        scope: { kind: 'advanced', fromRoundId: firstId },
      }),
    ]);
    await clockAt(t, call, IN_PRELIMINARY);
    expect((await call.manager.post(`/api/judging/rounds/${firstId}/open`)).json().entryCount).toBe(2);
    expect((await call.manager.post(`/api/judging/rounds/${firstId}/close`)).statusCode).toBe(200);
    await clockAt(t, call, '2022-04-11T02:00:00.000Z');
    const openAbility = async () =>
      (await call.manager.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds[1].abilities.open;
    expect(await openAbility()).toBe('WRONG_STATUS');
    const early = await call.manager.post(`/api/judging/rounds/${second?.id}/open`);
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'WRONG_STATUS']);

    await freezeWith(t, firstId, call.id, { [passedB]: true, [passedA]: false });
    expect(await openAbility()).toBe(true);
    const opened = await call.manager.post(`/api/judging/rounds/${second?.id}/open`);
    expect([opened.statusCode, opened.json().entryCount]).toEqual([200, 1]);
    const rows = await t.app.ctx.db
      .select({ entryId: roundEntries.entryId, themeId: roundEntries.themeId })
      .from(roundEntries)
      .where(and(eq(roundEntries.roundId, second?.id as string)));
    expect(rows).toEqual([{ entryId: passedB, themeId: b }]);
    const frozen = (await judgingAudit(t, call.id)).find((e) => e.kind === 'judging.round_frozen');
    expect([frozen?.actorId, frozen?.data]).toEqual([null, { from: 'closed', to: 'frozen', actor: 'system:correction-sweep' }]);
  }, 180_000);

  it('X-3: a started round keeps its sheet and scope and stays in the set; its deadline may move; a frozen one changes no more', async () => {
    const call = await roundCall(t);
    const theme = call.themes[0]?.id as string;
    const [round] = await saveRounds(call, [preliminary([theme])]);
    const id = round?.id as string;
    await clockAt(t, call, IN_PRELIMINARY);
    expect((await call.manager.post(`/api/judging/rounds/${id}/open`)).statusCode).toBe(200);
    const put = (rounds: unknown[]) => call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds });
    const base = { ...preliminary([theme]), id, version: 2 };

    const changed = await put([
      {
        ...base,
        sheet: { ...base.sheet, criteria: [{ ...base.sheet.criteria[0], max: 10 }] },
        scope: { kind: 'themes', themeIds: [call.themes[1]?.id] },
      },
    ]);
    expect(changed.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['rounds.0.sheet', 'ROUND_SHEET_LOCKED'],
      ['rounds.0.scope', 'ROUND_SCOPE_LOCKED'],
    ]);
    const removed = await put([]);
    expect(removed.json().error.fields).toEqual([
      { path: 'rounds', code: 'ROUND_NOT_REMOVABLE', message: '“专家初评”已开始评审，不能删除', params: { label: '专家初评' } },
    ]);
    const moved = await put([{ ...base, closesAt: '2022-04-20T23:59:59+08:00' }]);
    expect([moved.statusCode, moved.json().rounds[0].closesAt, moved.json().rounds[0].version]).toEqual([
      200,
      '2022-04-20T15:59:59.000Z',
      3,
    ]);

    expect((await call.manager.post(`/api/judging/rounds/${id}/close`)).statusCode).toBe(200);
    await freezeWith(t, id, call.id, {});
    const frozen = { ...base, closesAt: '2022-04-20T23:59:59+08:00', version: 5 };
    const relabel = await put([{ ...frozen, label: '改名' }]);
    expect(relabel.json().error.fields).toEqual([
      { path: 'rounds.0', code: 'ROUND_FROZEN', message: '该轮次结果已冻结，不能再修改' },
    ]);
    const same = await put([frozen]);
    expect([same.statusCode, same.json().rounds[0].status, same.json().rounds[0].abilities.edit]).toEqual([
      200,
      'frozen',
      'ROUNDS_INVALID',
    ]);
  }, 120_000);
});
