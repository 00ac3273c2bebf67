import { ERROR_STATUS, type RoundStatus, type TRoundView } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/app.ts';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { codeOf, freezeWith, preliminary, type RoundCall, roundCall } from './rounds.fixtures.ts';

/**
 * docs/module-shape.md, abilities: each round's `abilities` (edit, open, close) in GET …/judging/rounds are what the
 * routes answer, for every round status × the organizer's screener, manager and a platform admin. Each allowed
 * ability is run on a round of its own (its own theme), so one success changes nothing another cell reads.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

const IN_PRELIMINARY = '2022-03-25T02:00:00.000Z';
const ACTIONS = ['edit', 'open', 'close'] as const;
type Action = (typeof ACTIONS)[number];
const KINDS = ['manager', 'admin'] as const;

/** Round `key` of the call's set, read back. */
async function roundsOf(client: Client, call: RoundCall): Promise<TRoundView[]> {
  return (await client.get(`/api/campaigns/${call.id}/judging/rounds`)).json().rounds;
}

/** Runs the action on round `key` as the client: for edit, the whole set again with that round relabelled. */
async function run(client: Client, call: RoundCall, key: string, action: Action) {
  const rounds = await roundsOf(call.manager, call);
  const round = rounds.find((r) => r.key === key) as TRoundView;
  if (action !== 'edit') return client.post(`/api/judging/rounds/${round.id}/${action}`);
  const set = rounds.map(({ status: _s, campaignId: _c, entryCount: _e, abilities: _a, ...input }) =>
    input.key === key ? { ...input, label: `${input.label}（改）` } : input,
  );
  return client.put(`/api/campaigns/${call.id}/judging/rounds`, { rounds: set });
}

/** A call whose rounds (one per action × kind, each on its own theme) are all brought into `status`. */
async function callWith(status: RoundStatus) {
  const call = await roundCall(t, IN_PRELIMINARY);
  const keys = ACTIONS.flatMap((a) => KINDS.map((k) => `${a}_${k}`));
  const saved = await call.manager.put(`/api/campaigns/${call.id}/judging/rounds`, {
    rounds: keys.map((key, i) => preliminary([call.themes[i]?.id as string], { key, ordinal: i + 1 })),
  });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  for (const round of saved.json().rounds as TRoundView[]) {
    if (status === 'draft') continue;
    if ((await call.manager.post(`/api/judging/rounds/${round.id}/open`)).statusCode !== 200) throw new Error('open');
    if (status === 'open') continue;
    if ((await call.manager.post(`/api/judging/rounds/${round.id}/close`)).statusCode !== 200) throw new Error('close');
    if (status === 'frozen') await freezeWith(t, round.id, call.id, {});
  }
  return call;
}

/** What the route answered, as an ability: true (2xx) or the refusal's code, which must carry its own status. */
const asAbility = (res: { statusCode: number; json(): { error?: { code: string } } }) => {
  if (res.statusCode < 300) return true;
  const code = codeOf(res) as keyof typeof ERROR_STATUS;
  return ERROR_STATUS[code] === res.statusCode ? code : `${code} answered ${res.statusCode}`;
};

describe('round abilities agree with the routes (issue 10 item 2)', () => {
  for (const status of ['draft', 'open', 'closed', 'frozen'] as const) {
    it(`S0-13 round status ${status}, in 专家初评: every reported ability is what edit / open / close answer`, async () => {
      const call = await callWith(status);
      const reported: Record<string, unknown> = {};
      const answered: Record<string, unknown> = {};
      // The screener first: refusals change nothing, so the screener asks on the same rounds the others then change.
      const screener = await roundsOf(call.callers.screener, call);
      for (const action of ACTIONS) {
        const key = `${action}_manager`;
        reported[`screener ${action}`] = screener.find((r) => r.key === key)?.abilities[action];
        answered[`screener ${action}`] = asAbility(await run(call.callers.screener, call, key, action));
      }
      for (const kind of KINDS) {
        const client = call.callers[kind];
        const mine = await roundsOf(client, call);
        for (const action of ACTIONS) {
          const key = `${action}_${kind}`;
          reported[`${kind} ${action}`] = mine.find((r) => r.key === key)?.abilities[action];
          answered[`${kind} ${action}`] = asAbility(await run(client, call, key, action));
        }
      }
      expect(answered).toEqual(reported);
      // And what they are, per status (managers and the platform alike; the screener only reads).
      const managerRow = ACTIONS.map((a) => reported[`manager ${a}`]);
      expect(managerRow).toEqual(
        {
          draft: [true, true, 'WRONG_STATUS'],
          open: [true, 'WRONG_STATUS', true],
          closed: [true, true, 'WRONG_STATUS'],
          frozen: ['ROUNDS_INVALID', 'WRONG_STATUS', 'WRONG_STATUS'],
        }[status],
      );
      expect(ACTIONS.map((a) => reported[`admin ${a}`])).toEqual(managerRow);
      expect(ACTIONS.map((a) => reported[`screener ${a}`])).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    }, 180_000);
  }
});
