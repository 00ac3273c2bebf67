import { SEED_000_SHEET } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { scoreSheets } from '../../src/db/schema.ts';
import { assign, judgeRow, judgingRound } from '../judging.ts';
import { only, type Row, row, signedIn } from './table.ts';
import type { Campaign, Scene, World } from './world.ts';

/**
 * The judges' workspace (issue 10 item 8, X-4): the organizer's screener is also an expert of its pool and the one
 * judge assigned the scene's entry, in a blind round of a call whose 专家评审 (canScore) phase runs on the world's
 * clock (10 January 2022). Every other caller — the entering hospital's people, the recused screener, the manager,
 * another organizer, the platform admin — gets NOT_FOUND, never the entry; anonymous 401.
 */
const JUDGE = 'screener' as const;

interface Judging {
  campaign: Campaign;
  round: { id: string };
  judgeId: string;
}
const perWorld = new WeakMap<World, Promise<Judging>>();

/** The world's scoring call, its open blind round, and the screener's judge row, made once per world. */
function judgingOf(world: World): Promise<Judging> {
  let made = perWorld.get(world);
  if (!made) {
    made = (async () => {
      const manager = world.managerClient;
      const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id })).json();
      const saved = await manager.patch(`/api/campaigns/${draft.id}`, {
        phases: [
          {
            key: 'submission',
            label: '案例申报',
            start: '2022-01-01',
            end: '2022-01-31',
            capabilities: ['canSubmit', 'canScreen'],
          },
          { key: 'preliminary', label: '专家评审', start: '2022-01-05', end: '2022-01-31', capabilities: ['canScore'] },
        ],
      });
      if (saved.statusCode !== 200) throw new Error(`could not set the scoring call's phases: ${saved.body}`);
      const campaign = (await manager.post(`/api/campaigns/${draft.id}/publish`)).json() as Campaign;
      const round = await judgingRound(world.t, campaign.id, {
        sheet: SEED_000_SHEET,
        opensAt: '2022-01-04T16:00:00.000Z',
        closesAt: '2022-01-31T15:59:59.999Z',
      });
      const scene = await world.scene();
      const judge = (await scene.caller(JUDGE)).user;
      if (!judge) throw new Error('the screener has no account');
      return { campaign, round, judgeId: (await judgeRow(world.t, world.organizer.id, judge)).id };
    })();
    perWorld.set(world, made);
  }
  return made;
}

/** A passed entry of the scene's hospital in the scoring call, assigned to the screener's judge row. */
async function assigned(world: World, scene: Scene) {
  const j = await judgingOf(world);
  const entry = await scene.entry('passed', { campaign: j.campaign });
  const assignment = await assign(world.t, j.round, entry, j.judgeId);
  return { entry, assignmentId: assignment.id, url: `/api/judging/assignments/${assignment.id}` };
}

/** The sheet row of the assignment, or null: refused calls write none. */
const sheetOf = async (world: World, assignmentId: string) =>
  (await world.t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId)))[0] ?? null;

const judgeOnly = only([JUDGE], 200, 404);

export const judgingSheetRows: Row[] = [
  row({
    route: 'GET /api/judging/me/assignments',
    expect: signedIn(200),
    writes: false,
    setup: assigned,
    call: (client) => client.get('/api/judging/me/assignments'),
    effect: (res, { caller, state }) => {
      const ids = res.json().rounds.flatMap((r: { items: { assignmentId: string }[] }) => r.items.map((i) => i.assignmentId));
      if (caller.kind === JUDGE) expect(ids).toContain(state.assignmentId);
      else expect(res.json()).toEqual({ rounds: [] });
    },
  }),
  row({
    route: 'GET /api/judging/assignments/:assignmentId',
    variant: 'blind round',
    expect: judgeOnly,
    writes: false,
    setup: assigned,
    call: (client, { state }) => client.get(state.url),
    effect: (res, { scene, state }) => {
      const body = res.json();
      expect([body.assignmentId, body.entry.id, body.entry.organization]).toEqual([state.assignmentId, state.entry.id, null]);
      expect(res.body.includes(scene.hospital.name)).toBe(false);
    },
  }),
  row({
    route: 'GET /api/judging/assignments/:assignmentId/files/:fileId',
    variant: 'blind round',
    expect: judgeOnly,
    writes: false,
    setup: async (world: World, scene: Scene) => {
      const s = await assigned(world, scene);
      const judge = await scene.caller(JUDGE);
      const view = (await judge.client.get(s.url)).json();
      return { ...s, fileId: view.entry.attachments[0].fileId as string };
    },
    call: (client, { state }) => client.get(`${state.url}/files/${state.fileId}`),
    effect: (res) => {
      expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('案例PPT.pptx')}`);
    },
  }),
  row({
    route: 'PUT /api/judging/assignments/:assignmentId/sheet',
    expect: judgeOnly,
    writes: true,
    setup: assigned,
    call: (client, { state }) => client.put(`${state.url}/sheet`, { version: 0, scores: { overall: 88.5 } }),
    effect: async (res, { world, state }) => {
      expect(res.json().sheet).toMatchObject({ status: 'draft', version: 1, scores: { overall: 88.5 } });
      expect((await sheetOf(world, state.assignmentId))?.scores).toEqual({ overall: 88.5 });
    },
    unchanged: async ({ world, state }) => expect(await sheetOf(world, state.assignmentId)).toBeNull(),
  }),
  row({
    route: 'POST /api/judging/assignments/:assignmentId/sheet/submit',
    expect: judgeOnly,
    writes: true,
    setup: assigned,
    call: (client, { state }) => client.post(`${state.url}/sheet/submit`, { version: 0, scores: { overall: 90 } }),
    effect: async (res, { world, state }) => {
      expect(res.json().sheet).toMatchObject({ status: 'submitted', version: 2, scores: { overall: 90 } });
      expect((await sheetOf(world, state.assignmentId))?.status).toBe('submitted');
    },
    unchanged: async ({ world, state }) => expect(await sheetOf(world, state.assignmentId)).toBeNull(),
  }),
  row({
    route: 'POST /api/judging/assignments/:assignmentId/abstain',
    expect: judgeOnly,
    writes: true,
    setup: assigned,
    call: (client, { state }) => client.post(`${state.url}/abstain`, { reason: '与申报单位有合作' }),
    effect: async (res, { world, state }) => {
      expect(res.json().sheet).toMatchObject({ status: 'abstained', abstainReason: '与申报单位有合作' });
      expect((await sheetOf(world, state.assignmentId))?.status).toBe('abstained');
    },
    unchanged: async ({ world, state }) => expect(await sheetOf(world, state.assignmentId)).toBeNull(),
  }),
  row({
    // The world's deck is not one LibreOffice can read, so the assigned judge meets PREVIEW_UNAVAILABLE with or
    // without LibreOffice on the machine (sheet-preview.test.ts converts a real deck where it is installed).
    route: 'GET /api/judging/assignments/:assignmentId/files/:fileId/preview.pdf',
    variant: 'blind round',
    expect: only([JUDGE], 503, 404),
    writes: false,
    setup: async (world: World, scene: Scene) => {
      const s = await assigned(world, scene);
      const judge = await scene.caller(JUDGE);
      const view = (await judge.client.get(s.url)).json();
      return { ...s, fileId: view.entry.attachments[0].fileId as string };
    },
    call: (client, { state }) => client.get(`${state.url}/files/${state.fileId}/preview.pdf`),
    effect: () => undefined,
  }),
];
