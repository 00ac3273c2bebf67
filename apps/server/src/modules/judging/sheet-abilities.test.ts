import { SEED_000_SHEET } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { startTestApp, T0, type TestApp } from '../../../test/app.ts';
import { signIn } from '../../../test/factories.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, passedEntry, type RoundOptions } from '../../../test/judging.ts';

/**
 * The sheet's abilities agree with its routes (docs/module-shape.md): for each state a judge's sheet can be in, each
 * reported ability is run against its route on a fresh assignment — `true` succeeds, a refusal comes back with
 * exactly that code.
 */
let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
});
afterAll(async () => t?.close());

type Action = 'save' | 'submit' | 'abstain';
const ACTIONS: Action[] = ['save', 'submit', 'abstain'];

interface State {
  name: string;
  round?: RoundOptions;
  /** Brings the fresh sheet into the state (as its judge). */
  prepare?: (c: Client, base: string) => Promise<unknown>;
  /** The clock when the abilities are read and the actions run. */
  at?: string;
  expected: Record<Action, true | string>;
}

const STATES: State[] = [
  { name: 'never saved, round open', expected: { save: true, submit: true, abstain: true } },
  {
    name: 'draft, round open',
    prepare: (c, base) => c.put(`${base}/sheet`, { version: 0, scores: { overall: 77 } }),
    expected: { save: true, submit: true, abstain: true },
  },
  {
    name: 'submitted',
    prepare: (c, base) => c.post(`${base}/sheet/submit`, { version: 0, scores: { overall: 91 } }),
    expected: { save: 'SHEET_SUBMITTED', submit: 'SHEET_SUBMITTED', abstain: 'SHEET_SUBMITTED' },
  },
  {
    name: 'abstained',
    prepare: (c, base) => c.post(`${base}/abstain`, { reason: '需回避' }),
    expected: { save: 'WRONG_STATUS', submit: 'WRONG_STATUS', abstain: 'WRONG_STATUS' },
  },
  {
    name: 'round not open yet',
    round: { opensAt: '2026-03-09T16:00:00.000Z' },
    expected: { save: 'ROUND_NOT_OPEN', submit: 'ROUND_NOT_OPEN', abstain: 'ROUND_NOT_OPEN' },
  },
  {
    name: 'round closed by the organizer',
    round: { status: 'closed' },
    expected: { save: 'ROUND_CLOSED', submit: 'ROUND_CLOSED', abstain: 'ROUND_CLOSED' },
  },
  {
    name: 'deadline passed',
    prepare: (c, base) => c.put(`${base}/sheet`, { version: 0, scores: { overall: 60 } }),
    at: '2026-03-21T00:00:00.000Z',
    expected: { save: 'ROUND_CLOSED', submit: 'ROUND_CLOSED', abstain: 'ROUND_CLOSED' },
  },
];

/** A fresh assignment in the state; returns the judge's client (signed in at the state's time) and its url. */
async function inState(state: State) {
  t.clock.set(T0);
  const round = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET, ...state.round });
  const entry = await passedEntry(t, setup);
  const judge = await activeJudge(t, setup.organizer.id);
  const a = await assign(t, round, entry, judge.judge.id);
  const base = `/api/judging/assignments/${a.id}`;
  if (state.prepare) {
    const res = (await state.prepare(judge.client, base)) as { statusCode: number; body: string };
    if (res.statusCode !== 200) throw new Error(`could not prepare ${state.name}: ${res.body}`);
  }
  if (state.at) t.clock.set(state.at);
  const client = state.at ? await signIn(t, judge.user) : judge.client;
  return { client, base };
}

const run = (c: Client, base: string, action: Action, version: number) =>
  action === 'save'
    ? c.put(`${base}/sheet`, { version, scores: { overall: 80 } })
    : action === 'submit'
      ? c.post(`${base}/sheet/submit`, { version, scores: { overall: 80 } })
      : c.post(`${base}/abstain`, { reason: '临时有事回避' });

describe('sheet abilities agree with the routes (issue 10 item 4, X-4)', () => {
  afterAll(() => t.clock.set(T0));
  for (const state of STATES) {
    it(`X-4 ${state.name}: abilities ${JSON.stringify(state.expected)}, and each action answers exactly that`, async () => {
      const first = await inState(state);
      const view = (await first.client.get(first.base)).json();
      expect(view.abilities).toEqual(state.expected);
      for (const action of ACTIONS) {
        const { client, base } = action === 'save' ? first : await inState(state);
        const version = (await client.get(base)).json().sheet.version;
        const res = await run(client, base, action, version);
        const expected = state.expected[action];
        if (expected === true) expect([action, res.statusCode]).toEqual([action, 200]);
        else expect([action, res.statusCode, res.json().error.code]).toEqual([action, 409, expected]);
      }
    });
  }
});
