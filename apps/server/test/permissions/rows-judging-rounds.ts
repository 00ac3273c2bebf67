import { SEED_000_SHEET } from '@casearena/contract';
import { expect } from 'vitest';
import { only, type Row, row } from './table.ts';
import type { Campaign, Kind, Scene, World } from './world.ts';

/** The organizer's people read the rounds; managers and the platform save, open and close them. */
const STAFF: Kind[] = ['screener', 'recusedScreener', 'manager', 'admin'];
const MANAGERS: Kind[] = ['manager', 'admin'];
const SCREENERS: Partial<Record<Kind, number>> = { screener: 403, recusedScreener: 403 };

/**
 * A seed-000 call of the world's organizer whose submission (1–31 January 2022) and 专家初评 (canScore, 5–31 January)
 * phases both run on the world's clock (10 January), set up and published by its manager.
 */
async function scoringCall(world: World): Promise<Campaign> {
  const manager = world.managerClient;
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, {
    phases: [
      { key: 'submission', label: '案例申报', start: '2022-01-01', end: '2022-01-31', capabilities: ['canSubmit', 'canScreen'] },
      { key: 'preliminary', label: '专家初评', start: '2022-01-05', end: '2022-01-31', capabilities: ['canScore'] },
    ],
  });
  if (saved.statusCode !== 200) throw new Error(`could not set the scoring call's phases: ${saved.body}`);
  const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
  if (published.statusCode !== 200) throw new Error(`could not publish the scoring call: ${published.body}`);
  return published.json() as Campaign;
}

/** One round of the call over its first theme, within 专家初评 (or the world's March phase for `march`). */
const roundInput = (campaign: Campaign, key = 'preliminary', march = false) => ({
  key,
  label: '专家初评',
  ordinal: 1,
  opensAt: march ? '2022-03-21T00:00:00+08:00' : '2022-01-05T00:00:00+08:00',
  closesAt: march ? '2022-04-30T20:00:00+08:00' : '2022-01-31T20:00:00+08:00',
  scope: { kind: 'themes', themeIds: [campaign.themes[0]?.id] },
  sheet: SEED_000_SHEET,
  materials: { fieldKeys: ['title'], attachmentKeys: [], extraSlots: [] },
  blind: true,
  seeOthers: false,
  judgesPerEntry: 3,
  maxLoad: 50,
  method: 'mean',
  tieBreak: [],
});

/** A scoring call with a passed entry of the scene's hospital in its first theme and one draft round over it. */
async function draftRound(world: World, scene: Scene, options: { march?: boolean } = {}) {
  const campaign = options.march ? world.campaign : await scoringCall(world);
  const entry = options.march ? null : await scene.entry('passed', { campaign });
  const saved = await world.managerClient.put(`/api/campaigns/${campaign.id}/judging/rounds`, {
    rounds: [roundInput(campaign, 'preliminary', options.march)],
  });
  if (saved.statusCode !== 200) throw new Error(`could not save the round: ${saved.body}`);
  return { campaign, entryId: entry?.id ?? null, roundId: saved.json().rounds[0].id as string };
}

async function openRound(world: World, scene: Scene) {
  const state = await draftRound(world, scene);
  const opened = await world.managerClient.post(`/api/judging/rounds/${state.roundId}/open`);
  if (opened.statusCode !== 200) throw new Error(`could not open the round: ${opened.body}`);
  return state;
}

/** The round as the organizer's manager reads it. */
const roundOf = async (world: World, s: { campaign: Campaign; roundId: string }) =>
  (await world.managerClient.get(`/api/campaigns/${s.campaign.id}/judging/rounds`))
    .json()
    .rounds.find((r: { id: string }) => r.id === s.roundId);

/** Rounds (issue 10 item 2): outsiders are refused the list (403) and do not see a round by its id (404). */
export const judgingRoundRows: Row[] = [
  row({
    route: 'GET /api/campaigns/:campaignId/judging/rounds',
    expect: only(STAFF, 200, 403),
    writes: false,
    setup: draftRound,
    call: (c, { state }) => c.get(`/api/campaigns/${state.campaign.id}/judging/rounds`),
    effect: (res, { caller, state }) => {
      const manages = MANAGERS.includes(caller.kind);
      expect(
        res.json().rounds.map((r: { id: string; status: string; abilities: unknown }) => [r.id, r.status, r.abilities]),
      ).toEqual([
        [
          state.roundId,
          'draft',
          manages
            ? { edit: true, open: true, close: 'WRONG_STATUS' }
            : { edit: 'FORBIDDEN', open: 'FORBIDDEN', close: 'FORBIDDEN' },
        ],
      ]);
      expect(res.json().abilities).toEqual({ edit: manages ? true : 'FORBIDDEN' });
    },
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/judging/rounds',
    expect: only(MANAGERS, 200, 403),
    writes: true,
    setup: draftRound,
    call: (c, { state }) =>
      c.put(`/api/campaigns/${state.campaign.id}/judging/rounds`, { rounds: [roundInput(state.campaign, 'renamed')] }),
    effect: async (res, { world, state }) => {
      expect(res.json().rounds.map((r: { key: string }) => r.key)).toEqual(['renamed']);
      expect(await roundOf(world, state)).toBeUndefined();
    },
    unchanged: async ({ world, state }) => expect((await roundOf(world, state))?.key).toBe('preliminary'),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/open',
    expect: only(MANAGERS, 200, 404, SCREENERS),
    writes: true,
    setup: draftRound,
    call: (c, { state }) => c.post(`/api/judging/rounds/${state.roundId}/open`),
    effect: async (res, { world, state }) => {
      expect([res.json().status, res.json().entryCount, res.json().version]).toEqual(['open', 1, 2]);
      expect(await roundOf(world, state)).toMatchObject({ status: 'open', entryCount: 1 });
    },
    unchanged: async ({ world, state }) => expect(await roundOf(world, state)).toMatchObject({ status: 'draft', entryCount: 0 }),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/open',
    variant: 'S0-13: the world’s call, whose 专家初评 starts on 21 March, WRONG_PHASE',
    expect: only(MANAGERS, 409, 404, SCREENERS),
    writes: true,
    setup: (world, scene) => draftRound(world, scene, { march: true }),
    call: (c, { state }) => c.post(`/api/judging/rounds/${state.roundId}/open`),
    effect: () => {},
    unchanged: async ({ world, state }) => expect(await roundOf(world, state)).toMatchObject({ status: 'draft', entryCount: 0 }),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/close',
    expect: only(MANAGERS, 200, 404, SCREENERS),
    writes: true,
    setup: openRound,
    call: (c, { state }) => c.post(`/api/judging/rounds/${state.roundId}/close`),
    effect: async (res, { world, state }) => {
      expect([res.json().status, res.json().version, res.json().abilities.open]).toEqual(['closed', 3, true]);
      expect((await roundOf(world, state)).status).toBe('closed');
    },
    unchanged: async ({ world, state }) => expect((await roundOf(world, state)).status).toBe('open'),
  }),
];
