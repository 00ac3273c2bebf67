import { SEED_000_SHEET } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { judgingRounds, roundResults, scoreSheets } from '../../src/db/schema.ts';
import { buildUser } from '../factories.ts';
import { assign, judgeRow, judgingRound } from '../judging.ts';
import { only, type Row, row } from './table.ts';
import type { Scene, World } from './world.ts';

/**
 * A round's results (issue 10 items 5-8, X-3, X-4): a closed blind round of the world's call with the scene's passed
 * entry, scored 88 by one judge of the organizer's pool. Organizer staff (both screeners, the manager, the platform
 * admin) read progress, ranking and previews; the manager and the admin freeze and publish (screeners 403); the
 * entry's applicants (owner, colleague) read its published result. Everyone else gets NOT_FOUND, anonymous 401.
 */
async function scored(world: World, scene: Scene) {
  const entry = await scene.entry('passed');
  const round = await judgingRound(world.t, world.campaign.id, { status: 'closed', sheet: SEED_000_SHEET });
  const judge = await judgeRow(world.t, world.organizer.id, await buildUser(world.t, { name: '权限表专家' }));
  const a = await assign(world.t, round, entry, judge.id);
  await world.t.app.ctx.db.insert(scoreSheets).values({
    assignmentId: a.id,
    roundId: round.id,
    entryId: entry.id,
    judgeId: judge.id,
    status: 'submitted',
    scores: { overall: 88 },
    version: 2,
    savedAt: world.t.clock.now(),
    submittedAt: world.t.clock.now(),
  });
  return { entry, round, base: `/api/judging/rounds/${round.id}` };
}

const RULE = { advance: { n: 1 } };

/** The round frozen by the manager (for the publish and entry rows). */
async function frozen(world: World, scene: Scene) {
  const s = await scored(world, scene);
  const res = await world.managerClient.post(`${s.base}/results/freeze`, RULE);
  if (res.statusCode !== 200) throw new Error(`could not freeze: ${res.body}`);
  return s;
}

/** Frozen and published. */
async function published(world: World, scene: Scene) {
  const s = await frozen(world, scene);
  const res = await world.managerClient.post(`${s.base}/results/publish`);
  if (res.statusCode !== 200) throw new Error(`could not publish: ${res.body}`);
  return s;
}

const statusOf = async (world: World, roundId: string) =>
  (await world.t.app.ctx.db.select({ status: judgingRounds.status }).from(judgingRounds).where(eq(judgingRounds.id, roundId)))[0]
    ?.status;
const publishedAtOf = async (world: World, roundId: string) =>
  (
    await world.t.app.ctx.db
      .select({ at: judgingRounds.resultsPublishedAt })
      .from(judgingRounds)
      .where(eq(judgingRounds.id, roundId))
  )[0]?.at;
const resultsOf = (world: World, roundId: string) =>
  world.t.app.ctx.db.select().from(roundResults).where(eq(roundResults.roundId, roundId));

const STAFF = ['screener', 'recusedScreener', 'manager', 'admin'] as const;
const staffRead = only([...STAFF], 200, 404);
const managersWrite = only(['manager', 'admin'], 200, 404, { screener: 403, recusedScreener: 403 });

export const judgingResultRows: Row[] = [
  row({
    route: 'GET /api/judging/rounds/:roundId/progress',
    expect: staffRead,
    writes: false,
    setup: scored,
    call: (client, { state }) => client.get(`${state.base}/progress`),
    effect: (res) => expect(res.json().totals).toEqual({ assigned: 1, draft: 0, submitted: 1, abstained: 0, missing: 0 }),
  }),
  row({
    route: 'GET /api/judging/rounds/:roundId/ranking',
    expect: staffRead,
    writes: false,
    setup: scored,
    call: (client, { state }) => client.get(`${state.base}/ranking`),
    effect: (res, { state }) => {
      const rows = res.json().groups.flatMap((g: { rows: { entryId: string; score: number; rank: number }[] }) => g.rows);
      expect(rows.map((r: { entryId: string; score: number; rank: number }) => [r.entryId, r.score, r.rank])).toEqual([
        [state.entry.id, 88, 1],
      ]);
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/results/preview',
    expect: staffRead,
    writes: false,
    setup: scored,
    call: (client, { state }) => client.post(`${state.base}/results/preview`, RULE),
    effect: (res, { state }) =>
      expect(res.json().groups.flatMap((g: { rows: { entryId: string; advanced: boolean }[] }) => g.rows)).toMatchObject([
        { entryId: state.entry.id, advanced: true },
      ]),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/results/freeze',
    expect: managersWrite,
    writes: true,
    setup: scored,
    call: (client, { state }) => client.post(`${state.base}/results/freeze`, RULE),
    effect: async (res, { world, state }) => {
      expect(res.json().counts).toEqual({ entries: 1, ranked: 1, advanced: 1, tiers: {}, tooFewSheets: 0 });
      expect(await statusOf(world, state.round.id)).toBe('frozen');
      expect((await resultsOf(world, state.round.id)).map((r) => [r.entryId, r.score, r.advanced])).toEqual([
        [state.entry.id, 88, true],
      ]);
    },
    unchanged: async ({ world, state }) => {
      expect(await statusOf(world, state.round.id)).toBe('closed');
      expect(await resultsOf(world, state.round.id)).toEqual([]);
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/results/publish',
    expect: managersWrite,
    writes: true,
    setup: frozen,
    call: (client, { state }) => client.post(`${state.base}/results/publish`),
    effect: async (res, { world, state }) => {
      expect(res.json()).toEqual({ roundId: state.round.id, publishedAt: world.t.clock.now().toISOString(), entries: 1 });
      expect(await publishedAtOf(world, state.round.id)).toEqual(world.t.clock.now());
    },
    unchanged: async ({ world, state }) => expect(await publishedAtOf(world, state.round.id)).toBeNull(),
  }),
  row({
    route: 'GET /api/entries/:entryId/judging-results',
    expect: only(['owner', 'colleague', ...STAFF], 200, 404),
    writes: false,
    setup: published,
    call: (client, { state }) => client.get(`/api/entries/${state.entry.id}/judging-results`),
    effect: (res, { state }) => {
      const mine = res.json().rounds.filter((r: { roundId: string }) => r.roundId === state.round.id);
      expect(mine.map((r: { score: number; rank: number; advanced: boolean }) => [r.score, r.rank, r.advanced])).toEqual([
        [88, 1, true],
      ]);
    },
  }),
  row({
    route: 'GET /api/judging/rounds/:roundId/sheets.xlsx',
    expect: staffRead,
    writes: false,
    setup: scored,
    call: (client, { state }) => client.get(`${state.base}/sheets.xlsx`),
    effect: async (res) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = book.getWorksheet('评分表 Score sheets');
      expect([ws?.rowCount, ws?.getRow(2).getCell(5).value, ws?.getRow(2).getCell(8).value]).toEqual([2, 88, '已提交']);
    },
  }),
  row({
    route: 'GET /api/judging/rounds/:roundId/ranking.xlsx',
    expect: staffRead,
    writes: false,
    setup: scored,
    call: (client, { state }) => client.get(`${state.base}/ranking.xlsx`),
    effect: async (res) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = book.getWorksheet('排名 Ranking');
      expect([ws?.rowCount, ws?.getRow(2).getCell(3).value, ws?.getRow(2).getCell(7).value]).toEqual([2, 1, 88]);
    },
  }),
];
