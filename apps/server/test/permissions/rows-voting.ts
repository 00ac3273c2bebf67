import { DEFAULT_VOTE_RULES, ZVoteChallenge } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { votes } from '../../src/db/schema.ts';
import type { Client } from '../app.ts';
import { castVotes, countOf, voter } from '../fraud-votes.ts';
import { openSse } from '../sse.ts';
import { voteKey } from '../votes.ts';
import { everyone, only, type Res, type Row, row, signedIn } from './table.ts';
import type { Kind, Scene, World } from './world.ts';

/** The organizer's own people and the platform see the counts behind the scenes (the `screen` ability). */
const ORGANIZER: Kind[] = ['screener', 'recusedScreener', 'manager', 'admin'];
/** Voiding votes and editing the rules: managers and the platform. */
const MANAGERS: Kind[] = ['manager', 'admin'];

/** A passed entry of the scene's hospital in the world's voting call (网络投票 open). */
const votable = async (world: World, scene: Scene) => scene.entry('passed', { campaign: world.votingCampaign });

/** The passed entry with one vote (+1, an uncertified voter) written as a vote row with its count. */
async function withOneVote(world: World, scene: Scene) {
  const e = await votable(world, scene);
  const [voteId] = await castVotes(world.t, world.votingCampaign.id, [
    {
      entry: e,
      voterId: await voter(world.t, new Date('2021-06-01T00:00:00Z')),
      at: world.t.clock.now(),
      ip: '10.9.0.1',
      deviceId: null,
      level: 'none',
    },
  ]);
  return { ...e, voteId: voteId as string };
}

/** The stored count's figures. */
const figures = async (world: World, entryId: string) => {
  const c = await countOf(world.t, entryId);
  return c ? { weight: c.weight, votes: c.votes, voidedWeight: c.voidedWeight, voidedVotes: c.voidedVotes } : null;
};
const ONE = { weight: 1, votes: 1, voidedWeight: 0, voidedVotes: 0 };

/** A void of the entry's one vote, planned by the organizer's manager. */
async function plannedVoid(world: World, scene: Scene) {
  const e = await withOneVote(world, scene);
  const planned = await world.managerClient.post(`/api/campaigns/${world.votingCampaign.id}/voting/voids`, {
    reason: '刷票嫌疑',
    voteIds: [e.voteId],
  });
  if (planned.statusCode !== 201) throw new Error(`could not plan a void: ${planned.body}`);
  return { ...e, voidId: planned.json().id as string };
}
const voidAs = async (world: World, s: { voidId: string }) =>
  (await world.managerClient.get(`/api/campaigns/${world.votingCampaign.id}/voting/voids/${s.voidId}`)).json();

/** What a void answers a manager (apply, revert) and the screeners (who see it but may not). */
const voidAbilities = (kind: Kind, status: 'planned' | 'applied') =>
  !MANAGERS.includes(kind)
    ? { apply: 'FORBIDDEN', revert: 'FORBIDDEN' }
    : status === 'planned'
      ? { apply: true, revert: 'WRONG_STATUS' }
      : { apply: 'WRONG_STATUS', revert: true };

/**
 * The live stream over real HTTP (the app listens once, on a free port): the head and the first `status` event, then
 * the stream is closed; a refusal's JSON as its body. Answers like an injected response for the table.
 */
const listening = new WeakMap<World, Promise<string>>();
async function streamOnce(world: World, client: Client, url: string): Promise<Res> {
  // The cells run at once: one listen for them all (closed with the app).
  if (!listening.has(world)) listening.set(world, world.t.app.listen({ port: 0, host: '127.0.0.1' }));
  await listening.get(world);
  const address = world.t.app.server.address() as { port: number };
  const session = client.cookie('ca_session');
  const s = await openSse(`http://127.0.0.1:${address.port}${url}`, session ? { cookie: `ca_session=${session}` } : {});
  try {
    // A refusal is a whole JSON body: read until the server ends it.
    const first = s.status === 200 ? await s.next((e) => e.event === 'status') : await s.next(() => false).catch(() => null);
    const body = first ? first.data : s.text();
    return { statusCode: s.status, headers: s.headers, body, json: () => JSON.parse(body) } as unknown as Res;
  } finally {
    s.close();
  }
}

/** Voting (issue 9, S0-14): casting a vote, the rules, the card, rankings, the live stream, fraud tools. */
export const votingRows: Row[] = [
  row({
    route: 'POST /api/entries/:entryId/votes',
    // S0-14: anyone signed in votes, the entry's own applicant too; every kind here is uncertified (+1).
    expect: signedIn(200),
    writes: true,
    setup: votable,
    call: (c, { state }) => c.post(`/api/entries/${state.id}/votes`, { idempotencyKey: voteKey() }),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({ entryId: state.id, weight: 1, level: 'none', replayed: false });
      expect(res.json().count).toEqual({ entryId: state.id, weight: 1, votes: 1, voidedVotes: 0 });
      expect(await figures(world, state.id)).toEqual(ONE);
    },
    unchanged: async ({ world, state }) => expect(await figures(world, state.id)).toBeNull(),
  }),
  row({
    route: 'POST /api/entries/:entryId/votes',
    variant: 'S0-14: the call before its 网络投票 phase, VOTING_NOT_OPEN',
    expect: everyone(409),
    writes: true,
    setup: (_world, scene) => scene.entry('passed'),
    call: (c, { state }) => c.post(`/api/entries/${state.id}/votes`, { idempotencyKey: voteKey() }),
    effect: () => {},
    unchanged: async ({ world, state }) => expect(await figures(world, state.id)).toBeNull(),
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/vote-rules',
    expect: everyone(200),
    writes: false,
    call: (c, { world }) => c.get(`/api/campaigns/${world.votingCampaign.id}/vote-rules`),
    effect: (res, { world, caller }) =>
      expect(res.json()).toEqual({
        campaignId: world.votingCampaign.id,
        rules: DEFAULT_VOTE_RULES,
        // 5–31 January 2022 in Beijing time.
        windows: [{ label: '网络投票', startsAt: '2022-01-04T16:00:00.000Z', endsAt: '2022-01-31T15:59:59.999Z' }],
        abilities: { edit: MANAGERS.includes(caller.kind) ? 'WRONG_STATUS' : 'FORBIDDEN' },
      }),
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/vote-rules',
    // A draft's rules: screeners are refused, strangers cannot tell the draft exists.
    expect: only(MANAGERS, 200, 404, { screener: 403, recusedScreener: 403 }),
    writes: true,
    setup: async (world) => {
      const res = await world.managerClient.post('/api/campaigns', { templateKey: 'seed-000', organizerId: world.organizer.id });
      if (res.statusCode !== 201) throw new Error(`could not create a draft: ${res.body}`);
      return { id: res.json().id as string };
    },
    call: (c, { state }) =>
      c.put(`/api/campaigns/${state.id}/vote-rules`, {
        ...DEFAULT_VOTE_RULES,
        dailyCapPerVoter: 3,
        showCountsDuringPhase: false,
      }),
    effect: async (_res, { world, state }) =>
      expect((await world.managerClient.get(`/api/campaigns/${state.id}/vote-rules`)).json().rules).toEqual({
        ...DEFAULT_VOTE_RULES,
        dailyCapPerVoter: 3,
        showCountsDuringPhase: false,
      }),
    unchanged: async ({ world, state }) =>
      expect((await world.managerClient.get(`/api/campaigns/${state.id}/vote-rules`)).json().rules).toEqual(DEFAULT_VOTE_RULES),
  }),
  row({
    route: 'GET /api/entries/:entryId/vote-card',
    expect: everyone(200),
    writes: false,
    setup: withOneVote,
    call: (c, { state }) => c.get(`/api/entries/${state.id}/vote-card`),
    effect: (res, { caller, state }) => {
      const anonymous = caller.kind === 'anonymous';
      expect(res.json().count).toEqual({ entryId: state.id, weight: 1, votes: 1, voidedVotes: 0 });
      expect([res.json().abilities.vote, res.json().votedToday, res.json().myWeight]).toEqual(
        anonymous ? ['UNAUTHENTICATED', false, null] : [true, false, 1],
      );
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/themes/:themeId/leaderboard',
    expect: everyone(200),
    writes: false,
    setup: withOneVote,
    call: (c, { world, state }) =>
      c.get(`/api/campaigns/${world.votingCampaign.id}/themes/${state.themeId}/leaderboard?limit=200`),
    effect: (res, { state }) => {
      const mine = res.json().rows.find((r: { entryId: string }) => r.entryId === state.id);
      expect([res.json().countsShown, mine?.weight, mine?.votes]).toEqual([true, 1, 1]);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/popularity',
    expect: only(ORGANIZER, 200, 403),
    writes: false,
    setup: withOneVote,
    call: (c, { world }) => c.get(`/api/campaigns/${world.votingCampaign.id}/popularity`),
    effect: (res, { state }) => {
      const rows = res.json().groups.flatMap((g: { rows: unknown[] }) => g.rows) as Array<Record<string, unknown>>;
      const mine = rows.find((r) => r.entryId === state.id);
      expect([mine?.weight, mine?.votes]).toEqual([1, 1]);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/votes/stream',
    // Counts are shown while voting runs (seed-000's rules): everyone's first event says figures come.
    expect: everyone(200),
    writes: false,
    call: (c, { world }) => streamOnce(world, c, `/api/campaigns/${world.votingCampaign.id}/votes/stream`),
    effect: (res) => expect(res.json()).toEqual({ live: true, figures: true }),
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/votes/stream',
    variant: 'without Accept: text/event-stream',
    expect: everyone(400),
    writes: false,
    call: (c, { world }) => c.get(`/api/campaigns/${world.votingCampaign.id}/votes/stream`),
    effect: () => {},
  }),
  row({
    route: 'GET /api/voting/challenge',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/voting/challenge'),
    effect: (res) => {
      expect(ZVoteChallenge.safeParse(res.json()).success).toBe(true);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  }),

  // The organizer's fraud tools
  row({
    route: 'GET /api/campaigns/:campaignId/voting/dashboard',
    expect: only(ORGANIZER, 200, 403),
    writes: false,
    setup: withOneVote,
    call: (c, { world }) => c.get(`/api/campaigns/${world.votingCampaign.id}/voting/dashboard`),
    effect: async (res, { world, caller }) => {
      const rows = await world.t.app.ctx.db.select().from(votes).where(eq(votes.campaignId, world.votingCampaign.id));
      const counted = rows.filter((v) => v.voidId === null);
      expect(res.json().totals).toEqual({
        votes: counted.length,
        weight: counted.reduce((s, v) => s + v.weight, 0),
        voters: new Set(counted.map((v) => v.voterId)).size,
        voidedVotes: rows.length - counted.length,
      });
      expect(res.json().abilities.void).toBe(MANAGERS.includes(caller.kind) ? true : 'FORBIDDEN');
    },
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/voting/voids',
    expect: only(MANAGERS, 201, 403),
    writes: true,
    setup: withOneVote,
    call: (c, { world, state }) =>
      c.post(`/api/campaigns/${world.votingCampaign.id}/voting/voids`, { reason: '刷票嫌疑', voteIds: [state.voteId] }),
    effect: async (res, { world, state }) => {
      expect(res.json()).toMatchObject({
        status: 'planned',
        votes: 1,
        weight: 1,
        selection: { voteIds: [state.voteId], voterIds: [], flagKeys: [] },
      });
      expect(await figures(world, state.id)).toEqual(ONE); // a plan changes nothing yet
    },
    unchanged: async ({ world, state }) => {
      const list = (await world.managerClient.get(`/api/campaigns/${world.votingCampaign.id}/voting/voids`)).json();
      expect(list.voids.filter((v: { selection: { voteIds: string[] } }) => v.selection.voteIds.includes(state.voteId))).toEqual(
        [],
      );
      expect(await figures(world, state.id)).toEqual(ONE);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/voting/voids',
    expect: only(ORGANIZER, 200, 403),
    writes: false,
    setup: plannedVoid,
    call: (c, { world }) => c.get(`/api/campaigns/${world.votingCampaign.id}/voting/voids`),
    effect: (res, { caller, state }) => {
      const mine = res.json().voids.find((v: { id: string }) => v.id === state.voidId);
      expect([mine?.status, mine?.abilities]).toEqual(['planned', voidAbilities(caller.kind, 'planned')]);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/voting/voids/:voidId',
    expect: only(ORGANIZER, 200, 403),
    writes: false,
    setup: plannedVoid,
    call: (c, { world, state }) => c.get(`/api/campaigns/${world.votingCampaign.id}/voting/voids/${state.voidId}`),
    effect: (res, { caller, state }) =>
      expect(res.json()).toMatchObject({
        id: state.voidId,
        status: 'planned',
        votes: 1,
        weight: 1,
        abilities: voidAbilities(caller.kind, 'planned'),
      }),
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/voting/voids/:voidId/apply',
    expect: only(MANAGERS, 200, 403),
    writes: true,
    setup: plannedVoid,
    call: (c, { world, state }) => c.post(`/api/campaigns/${world.votingCampaign.id}/voting/voids/${state.voidId}/apply`),
    effect: async (res, { world, state }) => {
      expect(res.json().status).toBe('applied');
      expect(await figures(world, state.id)).toEqual({ weight: 0, votes: 0, voidedWeight: 1, voidedVotes: 1 });
    },
    unchanged: async ({ world, state }) => {
      expect((await voidAs(world, state)).status).toBe('planned');
      expect(await figures(world, state.id)).toEqual(ONE);
    },
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/voting/voids/:voidId/revert',
    expect: only(MANAGERS, 200, 403),
    writes: true,
    setup: async (world, scene) => {
      const planned = await plannedVoid(world, scene);
      const applied = await world.managerClient.post(
        `/api/campaigns/${world.votingCampaign.id}/voting/voids/${planned.voidId}/apply`,
      );
      if (applied.statusCode !== 200) throw new Error(`could not apply a void: ${applied.body}`);
      return planned;
    },
    call: (c, { world, state }) =>
      c.post(`/api/campaigns/${world.votingCampaign.id}/voting/voids/${state.voidId}/revert`, { reason: '复核后恢复' }),
    effect: async (res, { world, state }) => {
      expect(res.json().status).toBe('reverted');
      expect(await figures(world, state.id)).toEqual(ONE);
    },
    unchanged: async ({ world, state }) => {
      expect((await voidAs(world, state)).status).toBe('applied');
      expect(await figures(world, state.id)).toEqual({ weight: 0, votes: 0, voidedWeight: 1, voidedVotes: 1 });
    },
  }),
];
