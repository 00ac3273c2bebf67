import { SEED_002_SECOND_REVIEW_SLOTS } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { judgingRounds, roundEntries, roundMaterials } from '../../src/db/schema.ts';
import { judgingRound } from '../judging.ts';
import { multipart } from '../multipart.ts';
import { buildDeck, GOOD_DECK } from '../pptx.ts';
import { only, type Row, row } from './table.ts';
import type { Campaign, Scene, World } from './world.ts';

/**
 * A round's own materials (issue 10 item 2): a round of the organizer's call asks the scene's passed entry for seed
 * 002's 汇报 PPT and video. The entering hospital's people (owner, colleague, and the screener who works there) read
 * what is asked and upload while the round is a draft; once it has begun, ROUND_MATERIALS_LOCKED. Everyone else —
 * the organizer's staff included, who are not the entry's applicants — gets 404; anonymous 401.
 */
const HOSPITAL = ['owner', 'colleague', 'recusedScreener'] as const;
const perWorld = new WeakMap<World, Promise<Campaign>>();

function callOf(world: World): Promise<Campaign> {
  let made = perWorld.get(world);
  if (!made) {
    made = (async () => {
      const manager = world.managerClient;
      const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id })).json();
      const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
      if (published.statusCode !== 200) throw new Error(`could not publish the materials call: ${published.body}`);
      return published.json() as Campaign;
    })();
    perWorld.set(world, made);
  }
  return made;
}

/** A passed entry of the scene's hospital and a round (draft unless `status`) whose scope takes it. */
const asking =
  (status: 'draft' | 'open' = 'draft') =>
  async (world: World, scene: Scene) => {
    const campaign = await callOf(world);
    const entry = await scene.entry('passed', { campaign });
    const round = await judgingRound(world.t, campaign.id, {
      status,
      materials: { fieldKeys: [], attachmentKeys: [], extraSlots: SEED_002_SECOND_REVIEW_SLOTS },
    });
    await world.t.app.ctx.db
      .update(judgingRounds)
      .set({ scope: { kind: 'themes', themeIds: [entry.themeId] } })
      .where(eq(judgingRounds.id, round.id));
    return { entry, round, url: `/api/judging/rounds/${round.id}/entries/${entry.id}/materials/presentationPpt` };
  };

const materialsOf = async (world: World, roundId: string, entryId: string) =>
  world.t.app.ctx.db
    .select()
    .from(roundMaterials)
    .where(and(eq(roundMaterials.roundId, roundId), eq(roundMaterials.entryId, entryId)));

let deck: Buffer | null = null;
const upload = async () => {
  deck ??= await buildDeck(GOOD_DECK);
  return multipart({}, [{ name: 'file', filename: '汇报.pptx', content: deck }]);
};

export const judgingMaterialRows: Row[] = [
  row({
    route: 'GET /api/entries/:entryId/round-materials',
    expect: only([...HOSPITAL], 200, 404),
    writes: false,
    setup: asking(),
    call: (client, { state }) => client.get(`/api/entries/${state.entry.id}/round-materials`),
    effect: (res, { state }) => {
      const body = res.json();
      const mine = body.rounds.find((r: { roundId: string }) => r.roundId === state.round.id);
      expect([mine?.slots.map((s: { key: string }) => s.key), mine?.abilities]).toEqual([
        ['presentationPpt', 'presentationVideo'],
        { upload: true },
      ]);
    },
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/entries/:entryId/materials/:slotKey',
    variant: 'draft round',
    expect: only([...HOSPITAL], 201, 404),
    writes: true,
    setup: asking(),
    call: async (client, { state }) => client.request({ method: 'POST', url: state.url, ...(await upload()) }),
    effect: async (res, { world, state }) => {
      const rows = await materialsOf(world, state.round.id, state.entry.id);
      expect(rows.map((r) => [r.slotKey, r.fileId, r.version])).toEqual([['presentationPpt', res.json().fileId, 1]]);
    },
    unchanged: async ({ world, state }) => expect(await materialsOf(world, state.round.id, state.entry.id)).toEqual([]),
  }),
  row({
    route: 'POST /api/judging/rounds/:roundId/entries/:entryId/materials/:slotKey',
    variant: 'round begun',
    expect: only([...HOSPITAL], 409, 404),
    writes: false,
    setup: async (world: World, scene: Scene) => {
      const s = await asking('open')(world, scene);
      // An open round asks the entries it holds.
      await world.t.app.ctx.db
        .insert(roundEntries)
        .values({ roundId: s.round.id, entryId: s.entry.id, themeId: s.entry.themeId, addedAt: world.t.clock.now() });
      return s;
    },
    call: async (client, { state }) => client.request({ method: 'POST', url: state.url, ...(await upload()) }),
    effect: (res) => expect(res.json().error.code).toBe('ROUND_MATERIALS_LOCKED'),
    unchanged: async ({ world, state }) => expect(await materialsOf(world, state.round.id, state.entry.id)).toEqual([]),
  }),
];
