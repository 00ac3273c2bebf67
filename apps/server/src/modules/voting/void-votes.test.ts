import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp } from '../../../test/app.ts';
import {
  CALLERS,
  type Caller,
  castVotes,
  countOf,
  type FraudWorld,
  fraudWorld,
  passedEntry,
  voter,
} from '../../../test/fraud-votes.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { verifyVotes } from './verify-votes.ts';
import { votes } from './voting.tables.ts';

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();
const OLD = new Date(Date.parse(T0) - 10 * 24 * 3_600_000);

let t: TestApp;
let w: FraudWorld;
const E: Record<'e1' | 'e2' | 'e3' | 'e4', { id: string; themeId: string; number: string }> = {} as never;
const V: Record<string, string> = {};
const U: Record<string, string> = {};

// Theme A before any void: e3 100 (2 institution votes, K1 at +40, K2 at +50), e2 50 (U3 at +30), e1 16 (U1 +10,
// U2 +20); theme B: e4 1.
beforeAll(async () => {
  t = await startTestApp();
  w = await fraudWorld(t);
  E.e1 = await passedEntry(t, w, 0, 0, 'A-0001');
  E.e2 = await passedEntry(t, w, 1, 0, 'A-0002');
  E.e3 = await passedEntry(t, w, 2, 0, 'A-0003');
  E.e4 = await passedEntry(t, w, 3, 1, 'B-0001');
  for (const name of ['u1', 'u2', 'u3', 'k1', 'k2']) U[name] = await voter(t, OLD);
  const ids = await castVotes(t, w.campaignId, [
    { entry: E.e1, voterId: U.u1 as string, at: at(10), ip: '10.0.0.1', deviceId: 'd1', level: 'none' },
    { entry: E.e1, voterId: U.u2 as string, at: at(20), ip: '10.0.0.2', deviceId: 'd2', level: 'professional' },
    { entry: E.e2, voterId: U.u3 as string, at: at(30), ip: '10.0.0.3', deviceId: 'd3', level: 'institution' },
    { entry: E.e3, voterId: U.k1 as string, at: at(40), ip: '10.0.9.1', deviceId: 'k', level: 'institution' },
    { entry: E.e3, voterId: U.k2 as string, at: at(50), ip: '10.0.9.2', deviceId: 'k', level: 'institution' },
    { entry: E.e4, voterId: U.u1 as string, at: at(60), ip: '10.0.0.1', deviceId: 'd1', level: 'none' },
  ]);
  for (const [i, name] of ['u1e1', 'u2e1', 'u3e2', 'k1e3', 'k2e3', 'u1e4'].entries()) V[name] = ids[i] as string;
});
afterAll(async () => {
  await t.close();
});

const base = () => `/api/campaigns/${w.campaignId}/voting/voids`;
const code = (res: { statusCode: number; json(): { error?: { code: string; params?: unknown } } }) => [
  res.statusCode,
  res.json().error?.code ?? null,
];
const original = {
  e1: { weight: 16, votes: 2, voidedWeight: 0, voidedVotes: 0, lastVoteAt: iso(20) },
  e3: { weight: 100, votes: 2, voidedWeight: 0, voidedVotes: 0, lastVoteAt: iso(50) },
};

/** `votes verify` recounts every count from the rows: no difference after any step. */
async function verified() {
  return (await verifyVotes(t.app.ctx.db, w.campaignId)).differences;
}

async function audits(kind: string) {
  return t.app.ctx.db
    .select({ actorId: auditEvents.actorId, data: auditEvents.data, subjectId: auditEvents.subjectId })
    .from(auditEvents)
    .where(and(eq(auditEvents.kind, kind), eq(auditEvents.campaignId, w.campaignId)));
}

describe('voting voids: plan -> preview -> apply, revert (issue 9 item 5)', () => {
  let planA = '';

  it('S0-14 the plan previews each touched entry: count and rank in its theme before and after (tie broken by who reached it first)', async () => {
    const res = await w.callers.manager.post(base(), {
      reason: '同一机构账号集中刷票',
      voterIds: [U.k1],
      voteIds: [V.u2e1, randomUUID()],
    });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    planA = plan.id;
    expect(plan).toMatchObject({
      status: 'planned',
      reason: '同一机构账号集中刷票',
      votes: 2,
      weight: 65,
      appliedAt: null,
      revertedAt: null,
      abilities: { apply: true, revert: 'WRONG_STATUS' },
    });
    // e3 100 -> 50 with 1 vote, its last at +50; e2 also 50 with 1 vote but reached it at +30: e2 ranks first.
    expect(plan.preview).toEqual([
      {
        entryId: E.e3.id,
        themeId: E.e3.themeId,
        number: 'A-0003',
        title: '案例A-0003',
        votes: { before: 2, after: 1 },
        weight: { before: 100, after: 50 },
        rank: { before: 1, after: 2 },
      },
      {
        entryId: E.e1.id,
        themeId: E.e1.themeId,
        number: 'A-0001',
        title: '案例A-0001',
        votes: { before: 2, after: 1 },
        weight: { before: 16, after: 1 },
        rank: { before: 3, after: 3 },
      },
    ]);
    // Nothing changed yet.
    expect(await countOf(t, E.e3.id)).toMatchObject(original.e3);
    const again = await w.callers.screener.get(`${base()}/${planA}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: planA, votes: 2, abilities: { apply: 'FORBIDDEN', revert: 'FORBIDDEN' } });
  });

  const planCells: Record<Caller, [number, string | null]> = {
    anonymous: [401, 'UNAUTHENTICATED'],
    registered: [403, 'FORBIDDEN'],
    applicant: [403, 'FORBIDDEN'],
    screener: [403, 'FORBIDDEN'],
    manager: [201, null],
    admin: [201, null],
  };
  for (const caller of CALLERS) {
    const [status, refusal] = planCells[caller];
    it(`S0-14 permission: ${caller} plans a void → ${status}${refusal ? ` ${refusal}; applying and reverting are refused alike` : ''}`, async () => {
      const res = await w.callers[caller].post(base(), { reason: '测试权限', voteIds: [V.u1e4] });
      expect(code(res)).toEqual([status, refusal]);
      if (refusal) {
        for (const step of ['apply', 'revert']) {
          const r = await w.callers[caller].post(`${base()}/${planA}/${step}`, { reason: '测试权限' });
          expect(code(r)).toEqual([status, refusal]);
        }
        const seen = await w.callers[caller].get(`${base()}/${planA}`);
        expect(code(seen)).toEqual(caller === 'screener' ? [200, null] : [status, refusal]);
      }
    });
  }

  it('S0-14 X-3 apply marks exactly the previewed votes, moves their figures into voided_* in the same transaction, audits the reason', async () => {
    const heard: unknown[] = [];
    const stop = t.app.ctx.realtime.subscribe(`votes:${w.campaignId}`, (m) => heard.push(...JSON.parse(m)));
    const res = await w.callers.manager.post(`${base()}/${planA}/apply`);
    stop();
    expect(res.statusCode).toBe(200);
    // Open pages hear the new counts (after commit).
    expect(heard).toEqual(
      expect.arrayContaining([
        { entryId: E.e3.id, campaignId: w.campaignId, themeId: E.e3.themeId, weight: 50, votes: 1, voidedVotes: 1 },
        { entryId: E.e1.id, campaignId: w.campaignId, themeId: E.e1.themeId, weight: 1, votes: 1, voidedVotes: 1 },
      ]),
    );
    expect(heard).toHaveLength(2);
    expect(res.json()).toMatchObject({ status: 'applied', appliedAt: T0, abilities: { apply: 'WRONG_STATUS', revert: true } });
    expect(await countOf(t, E.e3.id)).toMatchObject({
      weight: 50,
      votes: 1,
      voidedWeight: 50,
      voidedVotes: 1,
      lastVoteAt: iso(50),
    });
    expect(await countOf(t, E.e1.id)).toMatchObject({
      weight: 1,
      votes: 1,
      voidedWeight: 15,
      voidedVotes: 1,
      lastVoteAt: iso(10),
    });
    expect(await countOf(t, E.e2.id)).toMatchObject({ weight: 50, votes: 1, voidedVotes: 0 });
    const marked = await t.app.ctx.db.select({ id: votes.id }).from(votes).where(eq(votes.voidId, planA));
    expect(marked.map((m) => m.id).sort()).toEqual([V.k1e3, V.u2e1].sort());
    const events = await audits('voting.votes_voided');
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({
      voidId: planA,
      from: 'planned',
      to: 'applied',
      reason: '同一机构账号集中刷票',
      votes: 2,
      weight: 65,
      entries: 2,
    });
    expect(await verified()).toEqual([]);
    const twice = await w.callers.manager.post(`${base()}/${planA}/apply`);
    expect(code(twice)).toEqual([409, 'WRONG_STATUS']);
  });

  it('S0-14 X-3 revert: the votes count again, the counts are back exactly, audited with the reason for reverting', async () => {
    t.clock.advance(60_000);
    const res = await w.callers.manager.post(`${base()}/${planA}/revert`, { reason: '核实为真实投票' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'reverted',
      revertedAt: iso(1),
      abilities: { apply: 'WRONG_STATUS', revert: 'WRONG_STATUS' },
    });
    expect(await countOf(t, E.e3.id)).toMatchObject(original.e3);
    expect(await countOf(t, E.e1.id)).toMatchObject(original.e1);
    const marked = await t.app.ctx.db.select({ id: votes.id }).from(votes).where(eq(votes.voidId, planA));
    expect(marked).toEqual([]);
    const events = await audits('voting.void_reverted');
    expect(events.map((e) => e.data)).toEqual([
      {
        voidId: planA,
        from: 'applied',
        to: 'reverted',
        reason: '核实为真实投票',
        votes: 2,
        weight: 65,
        entries: 2,
        voidReason: '同一机构账号集中刷票',
      },
    ]);
    expect(await verified()).toEqual([]);
    const again = await w.callers.manager.post(`${base()}/${planA}/revert`, { reason: '再次撤销' });
    expect(code(again)).toEqual([409, 'WRONG_STATUS']);
  });

  it('S0-14 PLAN_STALE: a plan whose votes another void took since its preview applies nothing', async () => {
    const b = (await w.callers.manager.post(base(), { reason: '刷票账号', voterIds: [U.k2] })).json();
    const c = (await w.callers.manager.post(base(), { reason: '刷票选票', voteIds: [V.k2e3, V.u3e2] })).json();
    expect(code(await w.callers.manager.post(`${base()}/${b.id}/apply`))).toEqual([200, null]);
    const stale = await w.callers.manager.post(`${base()}/${c.id}/apply`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'PLAN_STALE', params: { count: 1 } });
    // Nothing of c was applied: e2 keeps its vote, c is still planned.
    expect(await countOf(t, E.e2.id)).toMatchObject({ weight: 50, votes: 1, voidedVotes: 0 });
    expect(await countOf(t, E.e3.id)).toMatchObject({
      weight: 50,
      votes: 1,
      voidedWeight: 50,
      voidedVotes: 1,
      lastVoteAt: iso(40),
    });
    expect((await w.callers.manager.get(`${base()}/${c.id}`)).json().status).toBe('planned');
    expect(await verified()).toEqual([]);
    const rows = await t.app.ctx.db
      .select({ id: votes.id, voidId: votes.voidId })
      .from(votes)
      .where(inArray(votes.id, [V.k2e3 as string, V.u3e2 as string]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.voidId]))).toEqual({ [V.k2e3 as string]: b.id, [V.u3e2 as string]: null });
  });

  it('S0-14 bad selections: nothing selected, only other campaigns\u2019 or voided votes, an unknown finding key', async () => {
    const empty = await w.callers.manager.post(base(), { reason: '空选择' });
    expect(code(empty)).toEqual([400, 'VALIDATION_FAILED']);
    const foreign = await w.callers.manager.post(base(), { reason: '别的活动', voteIds: [randomUUID()] });
    expect(code(foreign)).toEqual([400, 'VALIDATION_FAILED']);
    expect(foreign.json().error.fields).toEqual([expect.objectContaining({ path: 'voteIds', code: 'REQUIRED' })]);
    const voided = await w.callers.manager.post(base(), { reason: '已作废', voteIds: [V.k2e3] });
    expect(code(voided)).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await w.callers.manager.post(base(), { reason: '未知线索', flagKeys: ['ring:nope'] });
    expect(code(unknown)).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.json().error.fields).toEqual([expect.objectContaining({ path: 'flagKeys', code: 'INVALID' })]);
    const missing = await w.callers.manager.get(`${base()}/${randomUUID()}`);
    expect(code(missing)).toEqual([404, 'NOT_FOUND']);
  });

  it('S0-14 a detector finding\u2019s key selects its votes (five accounts on one device)', async () => {
    const ring = [];
    for (let i = 0; i < 5; i += 1) ring.push(await voter(t, OLD));
    const ids = await castVotes(
      t,
      w.campaignId,
      ring.map((voterId, i) => ({
        entry: E.e4,
        voterId,
        at: at(90 + i),
        ip: `10.7.0.${i}`,
        deviceId: 'one-phone',
        level: 'none' as const,
      })),
    );
    const res = await w.callers.admin.post(base(), { reason: '同一设备多账号', flagKeys: ['shared-device:one-phone'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ votes: 5, weight: 5, selection: { flagKeys: ['shared-device:one-phone'] } });
    expect(res.json().preview).toEqual([
      expect.objectContaining({
        entryId: E.e4.id,
        votes: { before: 6, after: 1 },
        weight: { before: 6, after: 1 },
        rank: { before: 1, after: 1 },
      }),
    ]);
    const applied = await w.callers.admin.post(`${base()}/${res.json().id}/apply`);
    expect(applied.statusCode).toBe(200);
    const marked = await t.app.ctx.db.select({ id: votes.id }).from(votes).where(eq(votes.voidId, res.json().id));
    expect(marked.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(await countOf(t, E.e4.id)).toMatchObject({
      weight: 1,
      votes: 1,
      voidedVotes: 5,
      voidedWeight: 5,
      lastVoteAt: iso(60),
    });
    expect(await verified()).toEqual([]);
  });

  it('S0-14 two applies of one plan at once: one applies, the other meets the applied plan (WRONG_STATUS); counts move once', async () => {
    const extra = await voter(t, OLD);
    const [id] = await castVotes(t, w.campaignId, [
      { entry: E.e2, voterId: extra, at: at(100), ip: '10.8.0.1', deviceId: 'x', level: 'professional' },
    ]);
    const plan = (await w.callers.manager.post(base(), { reason: '并发执行', voteIds: [id] })).json();
    const before = await countOf(t, E.e2.id);
    const answers = await Promise.all([
      w.callers.manager.post(`${base()}/${plan.id}/apply`),
      w.callers.admin.post(`${base()}/${plan.id}/apply`),
    ]);
    expect(answers.map((r) => code(r)).sort()).toEqual([
      [200, null],
      [409, 'WRONG_STATUS'],
    ]);
    expect(await countOf(t, E.e2.id)).toMatchObject({
      weight: (before?.weight ?? 0) - 15,
      votes: (before?.votes ?? 0) - 1,
      voidedWeight: (before?.voidedWeight ?? 0) + 15,
      voidedVotes: (before?.voidedVotes ?? 0) + 1,
    });
    expect(await verified()).toEqual([]);
  });
});
