import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp } from '../../../test/app.ts';
import { CALLERS, type Caller, castVotes, type FraudWorld, fraudWorld, passedEntry, voter } from '../../../test/fraud-votes.ts';

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const OLD = new Date(Date.parse(T0) - 10 * 24 * 3_600_000);

let t: TestApp;
let w: FraudWorld;
const voteIds: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  w = await fraudWorld(t);
  const e1 = await passedEntry(t, w, 0, 0, 'A-0001');
  const e2 = await passedEntry(t, w, 1, 0, 'A-0002');
  const u1 = await voter(t, OLD);
  const u2 = await voter(t, OLD);
  voteIds.push(
    ...(await castVotes(t, w.campaignId, [
      { entry: e1, voterId: u1, at: at(10), ip: '10.0.0.1', deviceId: 'd1', level: 'none' },
      { entry: e2, voterId: u2, at: at(20), ip: '10.0.0.2', deviceId: 'd2', level: 'professional' },
    ])),
  );
});
afterAll(async () => {
  await t.close();
});

const list = () => `/api/campaigns/${w.campaignId}/voting/voids`;

describe('voting voids: the list of a campaign’s voids (issue 9 item 5, the dashboard’s past voids)', () => {
  let applied = '';
  let planned = '';

  it('S0-14 lists the campaign’s voids newest first, each with its status, preview and the caller’s abilities', async () => {
    const first = await w.callers.manager.post(list(), { reason: '同一设备刷票', voteIds: [voteIds[0]] });
    expect(first.statusCode).toBe(201);
    applied = first.json().id;
    expect((await w.callers.manager.post(`${list()}/${applied}/apply`)).statusCode).toBe(200);
    t.clock.advance(60_000);
    const second = await w.callers.manager.post(list(), { reason: '新账号集中投票', voteIds: [voteIds[1]] });
    expect(second.statusCode).toBe(201);
    planned = second.json().id;

    const res = await w.callers.manager.get(list());
    expect(res.statusCode).toBe(200);
    const voids = res.json().voids as Array<{ id: string; status: string; reason: string; votes: number; abilities: unknown }>;
    expect(voids.map((v) => [v.id, v.status, v.reason, v.votes])).toEqual([
      [planned, 'planned', '新账号集中投票', 1],
      [applied, 'applied', '同一设备刷票', 1],
    ]);
    expect(voids.map((v) => v.abilities)).toEqual([
      { apply: true, revert: 'WRONG_STATUS' },
      { apply: 'WRONG_STATUS', revert: true },
    ]);
  });

  const expected: Record<Caller, [number, string | null]> = {
    anonymous: [401, 'UNAUTHENTICATED'],
    registered: [403, 'FORBIDDEN'],
    applicant: [403, 'FORBIDDEN'],
    screener: [200, null],
    manager: [200, null],
    admin: [200, null],
  };
  for (const caller of CALLERS) {
    const [status, code] = expected[caller];
    it(`S0-14 the void list for ${caller}: ${status}${code ? ` ${code}` : ''}`, async () => {
      const res = await w.callers[caller].get(list());
      expect([res.statusCode, res.json().error?.code ?? null]).toEqual([status, code]);
      if (status !== 200) return;
      // A screener sees the plans but may neither apply nor revert (FORBIDDEN, as the routes answer).
      const abilities = (res.json().voids as Array<{ abilities: unknown }>).map((v) => v.abilities);
      expect(abilities).toEqual(
        caller === 'screener'
          ? [
              { apply: 'FORBIDDEN', revert: 'FORBIDDEN' },
              { apply: 'FORBIDDEN', revert: 'FORBIDDEN' },
            ]
          : [
              { apply: true, revert: 'WRONG_STATUS' },
              { apply: 'WRONG_STATUS', revert: true },
            ],
      );
    });
  }

  it('S0-14 another campaign’s voids are not listed, and a malformed campaign id is refused', async () => {
    const other = await fraudWorld(t);
    const res = await other.callers.manager.get(`/api/campaigns/${other.campaignId}/voting/voids`);
    expect([res.statusCode, res.json().voids]).toEqual([200, []]);
    const bad = await w.callers.manager.get('/api/campaigns/not-a-uuid/voting/voids');
    expect([bad.statusCode, bad.json().error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
