import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { type ScoredCall, scoredCall, scoredRound } from '../../../test/judging-results.ts';
import { campaignThemes } from '../campaigns/index.ts';

/**
 * Issue 10 item 6: the result preview lists its themes in the ranking's order — by theme code (then title, then
 * track) — not by the themes' ids. The call's two themes get codes in the opposite order of their ids, so an order
 * by id and an order by code differ.
 */
let t: TestApp;
let call: ScoredCall;
/** The call's two themes: `first` by code (Z1), `second` (Z2); `first` has the larger id. */
let first: string;
let second: string;

beforeAll(async () => {
  t = await startTestApp();
  call = await scoredCall(t);
  const [low, high] = call.campaign.themes
    .slice(0, 2)
    .map((th) => th.id)
    .sort() as [string, string];
  [first, second] = [high, low];
  await t.app.ctx.db.update(campaignThemes).set({ code: 'Z1' }).where(eq(campaignThemes.id, first));
  await t.app.ctx.db.update(campaignThemes).set({ code: 'Z2' }).where(eq(campaignThemes.id, second));
}, 300_000);
afterAll(() => t.close());

const RULE = { advance: { n: 1 } };

describe('issue 10 item 6: the result preview in the ranking’s order', () => {
  it('the preview’s groups come by theme code (Z1 before Z2, against the ids’ order), as the ranking’s, live and frozen', async () => {
    const round = await scoredRound(t, call);
    const url = `/api/judging/rounds/${round.id}`;
    const keys = (body: { groups: { groupKey: string }[] }) => body.groups.map((g) => g.groupKey);
    const preview = await call.manager.post(`${url}/results/preview`, RULE);
    expect(preview.statusCode).toBe(200);
    expect(keys(preview.json())).toEqual([first, second]);
    expect(keys((await call.manager.get(`${url}/ranking`)).json())).toEqual([first, second]);

    expect((await call.manager.post(`${url}/results/freeze`, RULE)).statusCode).toBe(200);
    const frozen = await call.manager.post(`${url}/results/preview`, RULE);
    expect([frozen.statusCode, keys(frozen.json())]).toEqual([200, [first, second]]);
    expect(keys((await call.manager.get(`${url}/ranking`)).json())).toEqual([first, second]);
  }, 120_000);
});
