import { randomBytes } from 'node:crypto';
import { SEED_000_SHEET } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import {
  assignmentPlans,
  assignments,
  entries as entryTable,
  judgeConflicts,
  judges,
  judgingRounds,
  panelMembers,
  roundEntries,
} from '../../src/db/schema.ts';
import type { TestApp } from '../app.ts';
import { multipart } from '../multipart.ts';
import { only, type Res, type Row, row } from './table.ts';
import type { Kind, Scene, World } from './world.ts';

export interface HandEntry {
  organizationId: string;
  themeId: string;
  partnerIds?: string[];
}
export interface HandJudge {
  name: string;
  organizationId: string | null;
  themeIds: string[];
  declared?: string[];
  specialties?: string[];
}

/**
 * A hand-made round (issue 10 item 3): passed entries of the given units in the round's themes, active judges of the
 * organizer's pool seated on the campaign's panel with their declared conflicts — rows written straight through
 * db/schema.ts as the rounds, pool and screening routes would leave them, so the assignment tests choose every unit.
 * Entries are numbered … in the order given; `existing` entries (by id) can be reused instead.
 */
export async function handRound(
  t: TestApp,
  input: {
    campaignId: string;
    organizerId: string;
    /** The author of the entries made here (required with `entries`). */
    authorId?: string;
    entries?: HandEntry[];
    existing?: { id: string; themeId: string }[];
    judges: HandJudge[];
    status?: 'draft' | 'open' | 'closed' | 'frozen';
  },
) {
  const db = t.app.ctx.db;
  const at = t.clock.now();
  const tag = randomBytes(3).toString('hex');
  const [round] = await db
    .insert(judgingRounds)
    .values({
      campaignId: input.campaignId,
      key: `r${tag}`,
      label: '专家初评',
      ordinal: 1,
      opensAt: new Date('2022-03-20T16:00:00.000Z'),
      closesAt: new Date('2022-04-10T15:59:59.000Z'),
      status: input.status ?? 'open',
      scope: { kind: 'themes', themeIds: [] },
      sheet: SEED_000_SHEET,
      materials: { fieldKeys: ['title'], attachmentKeys: [], extraSlots: [] },
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: judgingRounds.id });
  const roundId = (round as { id: string }).id;
  const made = (input.entries ?? []).length
    ? await db
        .insert(entryTable)
        .values(
          (input.entries ?? []).map((e, i) => ({
            campaignId: input.campaignId,
            themeId: e.themeId,
            organizationId: e.organizationId,
            partnerIds: e.partnerIds ?? [],
            authorId: input.authorId as string,
            title: `分配测试案例${i + 1}-${tag}`,
            status: 'passed' as const,
            number: `A${tag}-${String(i + 1).padStart(2, '0')}`,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .returning({ id: entryTable.id, themeId: entryTable.themeId })
    : [];
  const inRound = [...made, ...(input.existing ?? [])];
  if (inRound.length)
    await db.insert(roundEntries).values(inRound.map((e) => ({ roundId, entryId: e.id, themeId: e.themeId, addedAt: at })));
  const judgeIds: string[] = [];
  for (const j of input.judges) {
    const [judge] = await db
      .insert(judges)
      .values({
        organizerId: input.organizerId,
        name: j.name,
        email: `judge-${randomBytes(5).toString('hex')}@example.cn`,
        organizationId: j.organizationId,
        specialties: j.specialties ?? [],
        status: 'active',
        invitedAt: at,
        answeredAt: at,
      })
      .returning({ id: judges.id });
    const judgeId = (judge as { id: string }).id;
    judgeIds.push(judgeId);
    await db.insert(panelMembers).values({ campaignId: input.campaignId, judgeId, themeIds: j.themeIds, createdAt: at });
    for (const organizationId of j.declared ?? [])
      await db.insert(judgeConflicts).values({ judgeId, organizationId, createdAt: at });
  }
  return { roundId, entryIds: made.map((e) => e.id), judgeIds };
}

/** The organizer's people and the platform read; managers and the platform change; anyone else NOT_FOUND. */
const READERS: Kind[] = ['screener', 'recusedScreener', 'manager', 'admin'];
const MANAGERS: Kind[] = ['manager', 'admin'];

/**
 * A round of the world's call over the scene hospital's passed entry, two judges of other units seated on its theme
 * (the panel is the campaign's: judges other rows seated on the theme are on it too).
 */
async function sceneRound(world: World, scene: Scene, status: 'open' | 'frozen' = 'open') {
  const entry = await scene.entry('passed');
  const made = await handRound(world.t, {
    campaignId: world.campaign.id,
    organizerId: world.organizer.id,
    existing: [{ id: entry.id, themeId: entry.themeId }],
    judges: [
      { name: '评委甲', organizationId: world.otherHospital.id, themeIds: [entry.themeId] },
      { name: '评委乙', organizationId: null, themeIds: [entry.themeId] },
    ],
    status,
  });
  return { ...made, entryId: entry.id };
}

const assignmentsOf = async (world: World, roundId: string) =>
  world.t.app.ctx.db
    .select({ entryId: assignments.entryId, judgeId: assignments.judgeId, status: assignments.status })
    .from(assignments)
    .where(eq(assignments.roundId, roundId));
const plansOf = async (world: World, roundId: string) =>
  world.t.app.ctx.db.select({ status: assignmentPlans.status }).from(assignmentPlans).where(eq(assignmentPlans.roundId, roundId));

/** A round with one assignment (the first judge on the entry), made by the manager. */
async function withAssignment(world: World, scene: Scene) {
  const r = await sceneRound(world, scene);
  const res = await world.managerClient.post(`/api/judging/rounds/${r.roundId}/assignments`, {
    entryId: r.entryId,
    judgeId: r.judgeIds[0],
  });
  if (res.statusCode !== 201) throw new Error(`could not assign: ${res.body}`);
  return { ...r, assignmentId: res.json().id as string };
}

/** A round with a planned automatic assignment (both judges on the entry). */
async function withPlan(world: World, scene: Scene) {
  const r = await sceneRound(world, scene);
  const res = await world.managerClient.post(`/api/judging/rounds/${r.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 5 });
  if (res.statusCode !== 201) throw new Error(`could not plan: ${res.body}`);
  const pairs = (res.json().items as { entryId: string; judgeId: string }[]).map((i) => `${i.entryId}:${i.judgeId}:assigned`);
  return { ...r, planId: res.json().id as string, pairs: pairs.sort() };
}

/** A round and a workbook assigning its first judge to its entry, as an organizer would send it back. */
async function withWorkbook(world: World, scene: Scene) {
  const r = await sceneRound(world, scene);
  const [entry] = await world.t.app.ctx.db
    .select({ number: entryTable.number })
    .from(entryTable)
    .where(eq(entryTable.id, r.entryId));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('分配 Assignments');
  sheet.addRow(['案例编号 Entry number', '案例标题 Title', '专家编号 Judge ID', '专家 Judge']);
  sheet.addRow([entry?.number ?? '', '', r.judgeIds[0], '']);
  return {
    ...r,
    form: multipart({}, [{ name: 'file', filename: '分配.xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) }]),
  };
}

const refusals = { anonymous: 401, user: 404, owner: 404, colleague: 404, otherHospital: 404, otherOrganizerStaff: 404 };
const readExpect = only(READERS, 200, 404, refusals);
const writeExpect = (ok: number) => only(MANAGERS, ok, 404, { ...refusals, screener: 403, recusedScreener: 403 });

export const judgingAssignmentRows: Row[] = [
  row({
    route: 'GET /api/judging/rounds/:roundId/assignments',
    expect: readExpect,
    writes: false,
    setup: withAssignment,
    call: (c, { state }) => c.get(`/api/judging/rounds/${state.roundId}/assignments`),
    effect: (res: Res, { state, caller }) => {
      const body = res.json();
      expect(body.assignments.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
        [state.assignmentId, 'assigned'],
      ]);
      const change = MANAGERS.includes(caller.kind) ? true : 'FORBIDDEN';
      expect(body.abilities).toEqual({ plan: change, assign: change });
      expect(body.assignments[0].abilities).toEqual({ remove: change });
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/assignments',
    expect: writeExpect(201),
    writes: true,
    setup: (world, scene) => sceneRound(world, scene),
    call: (c, { state }) =>
      c.post(`/api/judging/rounds/${state.roundId}/assignments`, { entryId: state.entryId, judgeId: state.judgeIds[0] }),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({ entryId: state.entryId, judgeId: state.judgeIds[0], status: 'assigned' });
      expect(await assignmentsOf(world, state.roundId)).toEqual([
        { entryId: state.entryId, judgeId: state.judgeIds[0], status: 'assigned' },
      ]);
    },
    unchanged: async ({ world, state }) => expect(await assignmentsOf(world, state.roundId)).toEqual([]),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/assignments',
    variant: 'frozen round: WRONG_STATUS for every manager',
    expect: writeExpect(409),
    writes: false,
    setup: (world, scene) => sceneRound(world, scene, 'frozen'),
    call: (c, { state }) =>
      c.post(`/api/judging/rounds/${state.roundId}/assignments`, { entryId: state.entryId, judgeId: state.judgeIds[0] }),
    effect: () => {},
    unchanged: async ({ world, state }) => expect(await assignmentsOf(world, state.roundId)).toEqual([]),
  }),
  row({
    route: 'POST /api/judging/assignments/:assignmentId/remove',
    expect: writeExpect(200),
    writes: true,
    setup: withAssignment,
    call: (c, { state }) => c.post(`/api/judging/assignments/${state.assignmentId}/remove`),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({ id: state.assignmentId, status: 'removed', abilities: { remove: 'WRONG_STATUS' } });
      expect(await assignmentsOf(world, state.roundId)).toEqual([
        { entryId: state.entryId, judgeId: state.judgeIds[0], status: 'removed' },
      ]);
    },
    unchanged: async ({ world, state }) =>
      expect(await assignmentsOf(world, state.roundId)).toEqual([
        { entryId: state.entryId, judgeId: state.judgeIds[0], status: 'assigned' },
      ]),
  }),
  row({
    route: 'POST /api/judging/assignments/:assignmentId/swap',
    expect: writeExpect(200),
    writes: true,
    setup: withAssignment,
    call: (c, { state }) => c.post(`/api/judging/assignments/${state.assignmentId}/swap`, { judgeId: state.judgeIds[1] }),
    effect: async (res, { world, state }) => {
      expect([res.json().removed.id, res.json().removed.status, res.json().assigned.judgeId]).toEqual([
        state.assignmentId,
        'removed',
        state.judgeIds[1],
      ]);
      expect((await assignmentsOf(world, state.roundId)).map((a) => `${a.judgeId}:${a.status}`).sort()).toEqual(
        [`${state.judgeIds[0]}:removed`, `${state.judgeIds[1]}:assigned`].sort(),
      );
    },
    unchanged: async ({ world, state }) =>
      expect(await assignmentsOf(world, state.roundId)).toEqual([
        { entryId: state.entryId, judgeId: state.judgeIds[0], status: 'assigned' },
      ]),
  }),
  row({
    route: 'GET /api/judging/rounds/:roundId/assignments.xlsx',
    expect: readExpect,
    writes: false,
    setup: withAssignment,
    call: (c, { state }) => c.get(`/api/judging/rounds/${state.roundId}/assignments.xlsx`),
    effect: async (res) => {
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(book.getWorksheet('分配 Assignments')?.rowCount).toBe(2);
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/assignment-plans/import',
    expect: writeExpect(201),
    writes: true,
    setup: withWorkbook,
    call: (c, { state }) =>
      c.request({
        method: 'POST',
        url: `/api/judging/rounds/${state.roundId}/assignment-plans/import`,
        payload: state.form.payload,
        headers: state.form.headers,
      }),
    effect: async (res, { world, state }) => {
      expect(res.json().items.map((i: { entryId: string; judgeId: string }) => [i.entryId, i.judgeId])).toEqual([
        [state.entryId, state.judgeIds[0]],
      ]);
      expect(await plansOf(world, state.roundId)).toEqual([{ status: 'planned' }]);
    },
    unchanged: async ({ world, state }) => expect(await plansOf(world, state.roundId)).toEqual([]),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/assignment-plans',
    expect: writeExpect(201),
    writes: true,
    setup: (world, scene) => sceneRound(world, scene),
    call: (c, { state }) => c.post(`/api/judging/rounds/${state.roundId}/assignment-plans`, { perEntry: 2, maxLoad: 5 }),
    effect: async (res, { world, state }) => {
      const body = res.json();
      expect(body.status).toBe('planned');
      expect(body.items.map((i: { entryId: string }) => i.entryId)).toEqual([state.entryId, state.entryId]);
      expect(body.abilities).toEqual({ apply: true, discard: true });
      expect(await plansOf(world, state.roundId)).toEqual([{ status: 'planned' }]);
    },
    unchanged: async ({ world, state }) => expect(await plansOf(world, state.roundId)).toEqual([]),
  }),
  row({
    route: 'GET /api/judging/rounds/:roundId/assignment-plans/:planId',
    expect: readExpect,
    writes: false,
    setup: withPlan,
    call: (c, { state }) => c.get(`/api/judging/rounds/${state.roundId}/assignment-plans/${state.planId}`),
    effect: (res, { state, caller }) => {
      const body = res.json();
      expect([body.id, body.status, body.stale, body.items.length]).toEqual([state.planId, 'planned', false, 2]);
      const settle = MANAGERS.includes(caller.kind) ? true : 'FORBIDDEN';
      expect(body.abilities).toEqual({ apply: settle, discard: settle });
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/assignment-plans/:planId/apply',
    expect: writeExpect(200),
    writes: true,
    setup: withPlan,
    call: (c, { state }) => c.post(`/api/judging/rounds/${state.roundId}/assignment-plans/${state.planId}/apply`),
    effect: async (res, { world, state }) => {
      expect(res.json().status).toBe('applied');
      const made = await assignmentsOf(world, state.roundId);
      expect(made.map((a) => `${a.entryId}:${a.judgeId}:${a.status}`).sort()).toEqual(state.pairs);
      expect(state.pairs.length).toBe(2);
    },
    unchanged: async ({ world, state }) => {
      expect(await assignmentsOf(world, state.roundId)).toEqual([]);
      expect(await plansOf(world, state.roundId)).toEqual([{ status: 'planned' }]);
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/assignment-plans/:planId/discard',
    expect: writeExpect(200),
    writes: true,
    setup: withPlan,
    call: (c, { state }) => c.post(`/api/judging/rounds/${state.roundId}/assignment-plans/${state.planId}/discard`),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({ status: 'discarded', abilities: { apply: 'WRONG_STATUS', discard: 'WRONG_STATUS' } });
      expect(await plansOf(world, state.roundId)).toEqual([{ status: 'discarded' }]);
      expect(await assignmentsOf(world, state.roundId)).toEqual([]);
    },
    unchanged: async ({ world, state }) => expect(await plansOf(world, state.roundId)).toEqual([{ status: 'planned' }]),
  }),
];
