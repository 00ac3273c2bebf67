import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { handRound } from '../../../test/permissions/rows-judging-assignments.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { assignmentPlans, assignments, judgeConflicts, panelMembers } from './judging.tables.ts';

/**
 * Issue 10 item 3: an automatic assignment is planned, previewed with its coverage, loads, pair overlap
 * and every detected conflict, then applied exactly as previewed — or refused PLAN_STALE when the panel, a judge's
 * conflicts or the assignments changed since.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

/** A published seed-000 call of a fresh organizer, its manager, screener, another organizer's manager and an admin. */
async function call() {
  t.clock.set('2022-01-10T02:00:00.000Z');
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  const id = created.json().id as string;
  const published = await manager.client.post(`/api/campaigns/${id}/publish`);
  if (published.statusCode !== 200) throw new Error(published.body);
  return {
    id,
    organizerId: organizer.id,
    themes: (created.json().themes as { id: string }[]).map((th) => th.id),
    manager: manager.client,
    managerId: manager.user.id,
    screener: (await organizerMember(t, organizer.id, 'screener')).client,
    otherManager: (await organizerMember(t, other.id, 'manager')).client,
    admin: (await signedInAs(t, 'admin')).client,
    user: (await signedInAs(t)).client,
  };
}

/**
 * The hand-made round: hospital A with its branch A1, hospitals B, C, D. Entries e1 (A), e2 (B), e3 (C), e4 (D with
 * A1 as joint partner). Judges j1 of A (recused from e1, own unit; from e4, whose partner is A's branch), j2 and j4
 * of unrelated units, j3 of another unit who declared C (recused from e3). Two judges per entry, at most two each:
 * eight slots for eight places, so every judge takes exactly two and j1 must take e2 and e3.
 */
async function smallRound(c: Awaited<ReturnType<typeof call>>) {
  const a = await buildOrganization(t);
  const a1 = await buildOrganization(t, { parentId: a.id, name: `${a.name}东院` });
  const [b, cc, d, x, y, z] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => buildOrganization(t)));
  const theme = c.themes[0] as string;
  const round = await handRound(t, {
    campaignId: c.id,
    organizerId: c.organizerId,
    authorId: c.managerId,
    entries: [
      { organizationId: a.id, themeId: theme },
      { organizationId: b?.id as string, themeId: theme },
      { organizationId: cc?.id as string, themeId: theme },
      { organizationId: d?.id as string, themeId: theme, partnerIds: [a1.id] },
    ],
    judges: [
      { name: '评委一', organizationId: a.id, themeIds: [theme] },
      { name: '评委二', organizationId: x?.id as string, themeIds: [theme] },
      { name: '评委三', organizationId: y?.id as string, themeIds: [theme], declared: [cc?.id as string] },
      { name: '评委四', organizationId: z?.id as string, themeIds: [theme] },
    ],
  });
  return { ...round, orgs: { a, a1, c: cc as { id: string } }, theme };
}

const pairsOf = (items: { entryId: string; judgeId: string }[]) => items.map((i) => `${i.entryId}:${i.judgeId}`).sort();

async function assignmentRows(roundId: string) {
  const rows = await t.app.ctx.db
    .select({
      entryId: assignments.entryId,
      judgeId: assignments.judgeId,
      status: assignments.status,
      planId: assignments.planId,
    })
    .from(assignments)
    .where(eq(assignments.roundId, roundId));
  return rows;
}

async function judgingAudit(campaignId: string) {
  return t.app.ctx.db
    .select({ kind: auditEvents.kind, subjectId: auditEvents.subjectId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.campaignId, campaignId), like(auditEvents.kind, 'judging.assignment%')))
    .orderBy(asc(auditEvents.seq));
}

/** The most entries two judges share in a set of pairs, counted here from the items themselves. */
function overlapOf(pairs: { entryId: string; judgeId: string }[]) {
  const on = new Map<string, string[]>();
  for (const p of pairs) on.set(p.entryId, [...(on.get(p.entryId) ?? []), p.judgeId].sort());
  const shared = new Map<string, number>();
  for (const js of on.values())
    for (let i = 0; i < js.length; i++)
      for (let k = i + 1; k < js.length; k++) shared.set(`${js[i]}:${js[k]}`, (shared.get(`${js[i]}:${js[k]}`) ?? 0) + 1);
  return Math.max(0, ...shared.values());
}

describe('issue 10 item 3: plan -> preview -> apply', () => {
  it('X-4: the preview of a small hand-made round — full coverage, every judge at two, spread 1, the three conflicts with their reasons, no recused pair planned', async () => {
    const c = await call();
    const r = await smallRound(c);
    const [e1, e2, e3, e4] = r.entryIds as [string, string, string, string];
    const [j1, j2, j3, j4] = r.judgeIds as [string, string, string, string];
    const res = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 2, seed: 7 });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect([plan.status, plan.perEntry, plan.maxLoad, plan.seed, plan.stale]).toEqual(['planned', 2, 2, 7, false]);
    expect(plan.items).toHaveLength(8);
    const pairs = pairsOf(plan.items);
    for (const banned of [`${e1}:${j1}`, `${e4}:${j1}`, `${e3}:${j3}`]) expect(pairs).not.toContain(banned);
    expect(pairs.filter((p) => p.endsWith(`:${j1}`))).toEqual([`${e2}:${j1}`, `${e3}:${j1}`].sort());
    for (const e of r.entryIds) expect(pairs.filter((p) => p.startsWith(`${e}:`))).toHaveLength(2);
    expect(plan.coverage).toEqual({ entries: 4, covered: 4, uncovered: [] });
    expect(plan.load.map((l: { judgeId: string; count: number; max: number }) => [l.judgeId, l.count, l.max])).toEqual(
      [j1, j2, j3, j4].sort().map((j) => [j, 2, 2]),
    );
    expect(plan.loadSpread).toBe(1);
    expect(plan.pairOverlapMax).toBe(overlapOf(plan.items));
    const conflicts = plan.conflicts.map((x: { entryId: string; judgeId: string; reason: string; relation: string }) => [
      x.entryId,
      x.judgeId,
      x.reason,
      x.relation,
    ]);
    expect(conflicts.sort()).toEqual(
      [
        [e1, j1, 'own_unit', 'same'],
        [e3, j3, 'declared', 'same'],
        [e4, j1, 'joint_partner', 'child'],
      ].sort(),
    );
    expect(plan.abilities).toEqual({ apply: true, discard: true });
    // Nothing is assigned before applying, and GET answers the same preview.
    expect(await assignmentRows(r.roundId)).toEqual([]);
    const again = await c.screener.get(`/api/judging/rounds/${r.roundId}/assignment-plans/${plan.id}`);
    expect(again.statusCode).toBe(200);
    expect({ ...again.json(), abilities: plan.abilities }).toEqual(plan);
    expect(again.json().abilities).toEqual({ apply: 'FORBIDDEN', discard: 'FORBIDDEN' });
    // The parameters are the plan's own column; the fingerprint is the facts' hash only, the same for another plan
    // of the same facts with other parameters.
    const other = (
      await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 1, maxLoad: 3, seed: 2 })
    ).json();
    const stored = await t.app.ctx.db
      .select({ id: assignmentPlans.id, params: assignmentPlans.params, fingerprint: assignmentPlans.fingerprint })
      .from(assignmentPlans)
      .where(inArray(assignmentPlans.id, [plan.id, other.id]));
    const byId = new Map(stored.map((p) => [p.id, p]));
    expect([byId.get(plan.id)?.params, byId.get(other.id)?.params]).toEqual([
      { perEntry: 2, maxLoad: 2, seed: 7 },
      { perEntry: 1, maxLoad: 3, seed: 2 },
    ]);
    expect(byId.get(plan.id)?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(byId.get(other.id)?.fingerprint).toBe(byId.get(plan.id)?.fingerprint);
    expect([other.perEntry, other.maxLoad, other.seed, other.stale]).toEqual([1, 3, 2, false]);
  }, 120_000);

  it('X-4: an entry short of judges is shown with how many of its panel are recused and why (recused, too_few_judges)', async () => {
    const c = await call();
    const a = await buildOrganization(t);
    const a1 = await buildOrganization(t, { parentId: a.id, name: `${a.name}西院` });
    const other = await buildOrganization(t);
    const [t1, t2] = c.themes as [string, string];
    const r = await handRound(t, {
      campaignId: c.id,
      organizerId: c.organizerId,
      authorId: c.managerId,
      entries: [
        { organizationId: a.id, themeId: t1 },
        { organizationId: other.id, themeId: t2 },
      ],
      judges: [
        { name: '分院评委', organizationId: a1.id, themeIds: [t1] },
        { name: '外院评委', organizationId: null, themeIds: [t1, t2] },
      ],
    });
    const [ea, eo] = r.entryIds as [string, string];
    const res = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 5 });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect(pairsOf(plan.items)).toEqual([`${ea}:${r.judgeIds[1]}`, `${eo}:${r.judgeIds[1]}`].sort());
    const uncovered = plan.coverage.uncovered.map(
      (u: { entryId: string; judges: number; missing: number; reason: string; recused: number }) => [
        u.entryId,
        u.judges,
        u.missing,
        u.reason,
        u.recused,
      ],
    );
    expect(uncovered.sort()).toEqual(
      [
        [ea, 1, 1, 'recused', 1],
        [eo, 1, 1, 'too_few_judges', 0],
      ].sort(),
    );
    expect(plan.coverage.covered).toBe(0);
    expect(plan.conflicts.map((x: { reason: string; relation: string }) => [x.reason, x.relation])).toEqual([
      ['parent_or_branch', 'parent'],
    ]);
    expect(plan.loadSpread).toBeNull(); // the branch's judge has nothing to score
  }, 120_000);

  it('X-3: applying creates exactly the planned assignments, in one audit event naming them; a second apply is WRONG_STATUS', async () => {
    const c = await call();
    const r = await smallRound(c);
    const planned = (
      await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 2 })
    ).json();
    const applied = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans/${planned.id}/apply`);
    expect(applied.statusCode).toBe(200);
    expect([applied.json().status, applied.json().stale, applied.json().abilities]).toEqual([
      'applied',
      false,
      { apply: 'WRONG_STATUS', discard: 'WRONG_STATUS' },
    ]);
    const rows = await assignmentRows(r.roundId);
    expect(pairsOf(rows)).toEqual(pairsOf(planned.items));
    expect(rows.every((row) => row.status === 'assigned' && row.planId === planned.id)).toBe(true);
    const audit = await judgingAudit(c.id);
    expect(audit.map((e) => [e.kind, e.subjectId])).toEqual([['judging.assignment_plan_applied', r.roundId]]);
    expect(audit[0]?.data).toMatchObject({ planId: planned.id, from: 'planned', to: 'applied', assignments: 8 });
    expect(pairsOf((audit[0]?.data as { items: { entryId: string; judgeId: string }[] } | undefined)?.items ?? [])).toEqual(
      pairsOf(planned.items),
    );
    const list = await c.screener.get(`/api/judging/rounds/${r.roundId}/assignments`);
    expect(pairsOf(list.json().assignments)).toEqual(pairsOf(planned.items));
    const twice = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans/${planned.id}/apply`);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect(await assignmentRows(r.roundId)).toHaveLength(8);
  }, 120_000);

  it('X-4: a judge’s new declared conflict after planning makes apply PLAN_STALE, nothing assigned; the preview says stale', async () => {
    const c = await call();
    const r = await smallRound(c);
    const planned = (
      await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 2 })
    ).json();
    await t.app.ctx.db
      .insert(judgeConflicts)
      .values({ judgeId: r.judgeIds[1] as string, organizationId: r.orgs.c.id, createdAt: t.clock.now() });
    const res = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans/${planned.id}/apply`);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'PLAN_STALE']);
    expect(await assignmentRows(r.roundId)).toEqual([]);
    expect(await judgingAudit(c.id)).toEqual([]);
    const preview = (await c.manager.get(`/api/judging/rounds/${r.roundId}/assignment-plans/${planned.id}`)).json();
    expect([preview.status, preview.stale, preview.abilities]).toEqual(['planned', true, { apply: 'PLAN_STALE', discard: true }]);
  }, 120_000);

  it('X-4: a panel change (a judge taken off the theme) or a manual assignment after planning makes apply PLAN_STALE', async () => {
    const c = await call();
    const r = await smallRound(c);
    const first = (await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 2 })).json();
    const second = (
      await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 2 })
    ).json();
    // The panel: the fourth judge taken off the theme.
    const seat = (themeIds: string[]) =>
      t.app.ctx.db
        .update(panelMembers)
        .set({ themeIds })
        .where(eq(panelMembers.judgeId, r.judgeIds[3] as string));
    await seat([]);
    const panel = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans/${first.id}/apply`);
    expect([panel.statusCode, panel.json().error.code]).toEqual([409, 'PLAN_STALE']);
    // Seated again (the panel as planned), but now a manager assigned a judge by hand.
    await seat([r.theme]);
    const added = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignments`, {
      entryId: r.entryIds[1],
      judgeId: r.judgeIds[1],
    });
    expect(added.statusCode).toBe(201);
    const manual = await c.manager.post(`/api/judging/rounds/${r.roundId}/assignment-plans/${second.id}/apply`);
    expect([manual.statusCode, manual.json().error.code]).toEqual([409, 'PLAN_STALE']);
    expect(await assignmentRows(r.roundId)).toEqual([
      { entryId: r.entryIds[1], judgeId: r.judgeIds[1], status: 'assigned', planId: null },
    ]);
  }, 120_000);

  it('X-4: a discarded plan cannot be applied; plans are the managers’: screener FORBIDDEN, another organizer and a stranger NOT_FOUND, signed out 401', async () => {
    const c = await call();
    const r = await smallRound(c);
    const url = `/api/judging/rounds/${r.roundId}/assignment-plans`;
    expect((await c.screener.post(url, { perEntry: 2, maxLoad: 2 })).json().error.code).toBe('FORBIDDEN');
    expect((await c.otherManager.post(url, { perEntry: 2, maxLoad: 2 })).statusCode).toBe(404);
    expect((await c.user.post(url, { perEntry: 2, maxLoad: 2 })).statusCode).toBe(404);
    expect((await new Client(t.app).post(url, { perEntry: 2, maxLoad: 2 })).statusCode).toBe(401);
    // A stranger's bad body is still NOT_FOUND: the round is decided on before the fields.
    expect((await c.user.post(url, { perEntry: 0 })).statusCode).toBe(404);
    const planned = await c.admin.post(url, { perEntry: 2, maxLoad: 2 });
    expect(planned.statusCode).toBe(201);
    const discarded = await c.manager.post(`${url}/${planned.json().id}/discard`);
    expect([discarded.statusCode, discarded.json().status]).toEqual([200, 'discarded']);
    const apply = await c.manager.post(`${url}/${planned.json().id}/apply`);
    expect([apply.statusCode, apply.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await judgingAudit(c.id)).map((e) => e.kind)).toEqual(['judging.assignment_plan_discarded']);
    expect(await assignmentRows(r.roundId)).toEqual([]);
  }, 120_000);
});
