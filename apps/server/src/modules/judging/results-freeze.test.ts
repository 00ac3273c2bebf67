import { SEED_000_SHEET } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { signedInAs } from '../../../test/factories.ts';
import {
  type EntryKey,
  type JudgeKey,
  type ScoredCall,
  scoredCall,
  scoredRound,
  sheetLines,
} from '../../../test/judging-results.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { judgingRounds, roundResults, scoreSheets } from './judging.tables.ts';

/**
 * Issue 10 item 6 (S0-10 online tiers, X-3): the tier rule previewed, frozen into round_results with one audit event,
 * read back frozen, published once to the entries' applicants. The call and its scores are in test/judging-results.ts.
 */
let t: TestApp;
let call: ScoredCall;

beforeAll(async () => {
  t = await startTestApp();
  call = await scoredCall(t);
}, 300_000);
afterAll(() => t.close());

const id = (k: EntryKey) => call.entries[k].id;
const themeA = () => call.campaign.themes[0]?.id as string;
const themeB = () => call.campaign.themes[1]?.id as string;
const codeOf = (k: EntryKey) => call.campaign.themes[k.startsWith('a') ? 0 : 1]?.code as string;
const judgeKeys = ['A', 'B', 'C', 'D', 'E'] as const;
const lines = (entry: EntryKey, dropped: JudgeKey[] = []) => sheetLines(call, entry, dropped);
const ranking = async (roundId: string) => call.manager.get(`/api/judging/rounds/${roundId}/ranking`);

const TIERS = {
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: 25 },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: 50 },
  ],
  rounding: 'ceil',
  ties: 'include-ties',
  advance: ['outstanding'],
};

/** The frozen outcome of TIERS over the mean ranking (theme A: 1 卓越 of 4, then 2 优秀; theme B: 1 卓越 of 2). */
const OUTCOME: Array<[EntryKey, number | null, number | null, string | null, boolean]> = [
  ['a2', 83.5, 1, 'outstanding', true],
  ['a3', 78.75, 2, 'excellent', false],
  ['a1', 73.25, 3, 'excellent', false],
  ['a4', 62.5, 4, null, false],
  ['b1', 88, 1, 'outstanding', true],
  ['b2', null, null, null, false],
];

describe('issue 10 item 6: preview, freeze, publish (S0-10, X-3)', () => {
  it('S0-10: the preview takes 卓越 first and 优秀 from the rest, per theme', async () => {
    const round = await scoredRound(t, call);
    const res = await call.manager.post(`/api/judging/rounds/${round.id}/results/preview`, TIERS);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('tiers');
    expect(body.groups.flatMap((g: { rows: object[] }) => g.rows)).toEqual(
      // Groups by theme code, as the ranking (results-preview-order.test.ts).
      [...OUTCOME]
        .sort(([a], [b]) => (codeOf(a) < codeOf(b) ? -1 : codeOf(a) > codeOf(b) ? 1 : 0))
        .map(([e, score, rank, tier, advanced]) => ({
          entryId: id(e),
          rank,
          score,
          position: rank,
          tier,
          advanced,
          reason: tier ? null : e === 'b2' ? 'too_few_sheets' : 'below_cut',
        })),
    );
    const cuts = Object.fromEntries(body.groups.map((g: { groupKey: string; cuts: object[] }) => [g.groupKey, g.cuts]));
    expect(cuts[themeA()]).toEqual([
      { key: 'outstanding', label: TIERS.tiers[0]?.label, quota: 1, taken: 1, boundaryScore: 83.5, tiedOut: [] },
      { key: 'excellent', label: TIERS.tiers[1]?.label, quota: 2, taken: 2, boundaryScore: 73.25, tiedOut: [] },
    ]);
    expect(cuts[themeB()]).toEqual([
      { key: 'outstanding', label: TIERS.tiers[0]?.label, quota: 1, taken: 1, boundaryScore: 88, tiedOut: [] },
      { key: 'excellent', label: TIERS.tiers[1]?.label, quota: 1, taken: 0, boundaryScore: null, tiedOut: [] },
    ]);
    const screener = (await organizerMember(t, call.organizerId, 'screener')).client;
    expect((await screener.post(`/api/judging/rounds/${round.id}/results/preview`, { advance: { n: 1 } })).statusCode).toBe(200);
  }, 120_000);

  it('X-3: the freeze writes exactly one row per entry, moves the round to frozen with one audit event, and refuses a second (WRONG_STATUS)', async () => {
    const round = await scoredRound(t, call);
    const screener = (await organizerMember(t, call.organizerId, 'screener')).client;
    const refused = await screener.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);

    const res = await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS);
    expect(res.statusCode).toBe(200);
    const counts = { entries: 6, ranked: 5, advanced: 2, tiers: { outstanding: 2, excellent: 2 }, tooFewSheets: 1 };
    expect(res.json()).toEqual({ roundId: round.id, status: 'frozen', frozenAt: t.clock.now().toISOString(), counts });

    const rows = await t.app.ctx.db.query.roundResults.findMany({ where: (r, { eq: is }) => is(r.roundId, round.id) });
    expect(
      rows
        .map((r) => [r.entryId, r.score, r.rank, r.tier, r.advanced, r.frozenAt.toISOString()])
        .sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    ).toEqual(
      OUTCOME.map(([e, score, rank, tier, advanced]) => [id(e), score, rank, tier, advanced, t.clock.now().toISOString()]).sort(
        (x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1),
      ),
    );
    const a1 = rows.find((r) => r.entryId === id('a1'))?.breakdown;
    expect(a1).toEqual({
      v: 1,
      groupKey: themeA(),
      sheets: 4,
      tooFewSheets: false,
      perCriterion: { overall: 73.25 },
      perJudge: lines('a1').map(({ judgeId, name, raw, normalized, dropped, scores }) => ({
        judgeId,
        name,
        raw,
        normalized,
        dropped,
        scores,
      })),
      missingJudges: [],
      position: 3,
      reason: null,
      formula: { method: 'mean', sheet: SEED_000_SHEET, tieBreak: [] },
      rule: TIERS,
    });
    expect(rows.find((r) => r.entryId === id('a4'))?.breakdown).toMatchObject({
      missingJudges: [{ judgeId: call.judges.D.id, name: 'D 专家' }],
      reason: 'below_cut',
    });

    const audit = await t.app.ctx.db
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'judging_round'), eq(auditEvents.subjectId, round.id)))
      .orderBy(asc(auditEvents.seq));
    expect(audit).toEqual([
      { kind: 'judging.round_frozen', actorId: call.managerId, data: { from: 'closed', to: 'frozen', rule: TIERS, counts } },
    ]);

    const again = await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect(await t.app.ctx.db.query.roundResults.findMany({ where: (r, { eq: is }) => is(r.roundId, round.id) })).toHaveLength(6);
  }, 120_000);

  it('X-3: two freezes of the same round at once — the round row is locked, exactly one writes, the other meets WRONG_STATUS', async () => {
    const round = await scoredRound(t, call);
    const url = `/api/judging/rounds/${round.id}/results/freeze`;
    const [a, b] = await Promise.all([call.manager.post(url, TIERS), call.manager.post(url, { advance: { n: 1 } })]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    expect(loser?.json().error.code).toBe('WRONG_STATUS');
    const rows = await t.app.ctx.db.query.roundResults.findMany({ where: (r, { eq: is }) => is(r.roundId, round.id) });
    expect(rows).toHaveLength(6);
    const audit = await t.app.ctx.db
      .select({ kind: auditEvents.kind })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'judging_round'), eq(auditEvents.subjectId, round.id)));
    expect(audit).toEqual([{ kind: 'judging.round_frozen' }]);
  }, 120_000);

  it('X-3: a frozen ranking is read from round_results, never recomputed — a sheet or the method changed afterwards moves nothing', async () => {
    const round = await scoredRound(t, call);
    expect((await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS)).statusCode).toBe(200);
    await t.app.ctx.db
      .update(scoreSheets)
      .set({ scores: { overall: 0 } })
      .where(and(eq(scoreSheets.roundId, round.id), eq(scoreSheets.entryId, id('a2'))));
    await t.app.ctx.db.update(judgingRounds).set({ method: 'median' }).where(eq(judgingRounds.id, round.id));
    const body = (await ranking(round.id)).json();
    expect(body.formula).toEqual({ method: 'mean', sheet: SEED_000_SHEET, tieBreak: [] });
    expect([body.status, body.rule, body.frozenAt, body.publishedAt]).toEqual([
      'frozen',
      TIERS,
      t.clock.now().toISOString(),
      null,
    ]);
    expect(
      body.groups[0].rows.map((r: { entryId: string; score: number; tier: string | null; advanced: boolean }) => [
        r.entryId,
        r.score,
        r.tier,
        r.advanced,
      ]),
    ).toEqual(OUTCOME.filter(([e]) => e.startsWith('a')).map(([e, score, , tier, advanced]) => [id(e), score, tier, advanced]));
    expect(body.groups[0].rows[0].perJudge.map((j: { raw: number }) => j.raw)).toEqual(lines('a2').map((j) => j.raw));
    expect(body.abilities).toEqual({ freeze: 'WRONG_STATUS', publish: true });
  }, 120_000);

  it('X-3: an open round cannot be frozen (WRONG_STATUS); a bad rule is a field error; strangers 404 before validation', async () => {
    const round = await scoredRound(t, call, { status: 'open' });
    const open = await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS);
    expect([open.statusCode, open.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const bad = await call.manager.post(`/api/judging/rounds/${round.id}/results/preview`, {
      tiers: [{ key: 'outstanding', percent: 20, count: 3 }],
      rounding: 'ceil',
    });
    expect([bad.statusCode, bad.json().error.code, bad.json().error.fields.map((f: { path: string }) => f.path)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['tiers.0'],
    ]);
    const stranger = await (await signedInAs(t)).client.post(`/api/judging/rounds/${round.id}/results/freeze`, { nonsense: 1 });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, 'NOT_FOUND']);
  }, 120_000);

  it('S0-10: an applicant sees nothing before publishing (404), then exactly their own entry’s result without judges’ names', async () => {
    const round = await scoredRound(t, call);
    expect((await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS)).statusCode).toBe(200);
    const owner = call.entries.a3.owner;
    const before = await owner.get(`/api/entries/${id('a3')}/judging-results`);
    expect([before.statusCode, before.json().error.code]).toEqual([404, 'NOT_FOUND']);

    const [frozenRound] = await t.app.ctx.db.select().from(judgingRounds).where(eq(judgingRounds.id, round.id));
    const published = await call.manager.post(`/api/judging/rounds/${round.id}/results/publish`);
    expect(published.statusCode).toBe(200);
    const at = t.clock.now().toISOString();
    expect(published.json()).toEqual({ roundId: round.id, publishedAt: at, entries: 6 });
    // publication is the round's column, set once with its version raised; the frozen rows are not touched.
    const [after] = await t.app.ctx.db.select().from(judgingRounds).where(eq(judgingRounds.id, round.id));
    expect([after?.resultsPublishedAt?.toISOString(), after?.version, after?.status]).toEqual([
      at,
      (frozenRound?.version ?? 0) + 1,
      'frozen',
    ]);
    const rows = await t.app.ctx.db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
    expect(rows.map((r) => 'publishedAt' in (r.breakdown as object))).toEqual([false, false, false, false, false, false]);
    expect((await ranking(round.id)).json().publishedAt).toBe(at);

    const res = await owner.get(`/api/entries/${id('a3')}/judging-results`);
    expect(res.statusCode).toBe(200);
    const mine = res.json().rounds.filter((r: { roundId: string }) => r.roundId === round.id);
    expect(mine).toEqual([
      {
        roundId: round.id,
        label: '专家初评',
        ordinal: 1,
        score: 78.75,
        rank: 2,
        groupSize: 4,
        tier: 'excellent',
        tierLabel: { 'zh-CN': '优秀', en: 'Excellent' },
        advanced: false,
        formula: { method: 'mean', sheet: SEED_000_SHEET, tieBreak: [] },
        sheets: 4,
        perCriterion: { overall: 78.75 },
        perJudge: lines('a3').map((j) => ({ ...j, judgeId: null, name: null })),
        publishedAt: at,
      },
    ]);
    for (const k of judgeKeys) expect(res.body.includes(call.judges[k].name)).toBe(false);
    const other = await owner.get(`/api/entries/${id('a2')}/judging-results`);
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'NOT_FOUND']);

    const again = await call.manager.post(`/api/judging/rounds/${round.id}/results/publish`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const audit = await t.app.ctx.db
      .select({ kind: auditEvents.kind, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'judging_round'), eq(auditEvents.subjectId, round.id)))
      .orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.kind)).toEqual(['judging.round_frozen', 'judging.results_published']);
    expect(audit[1]?.data).toEqual({ entries: 6 });
  }, 120_000);
});
