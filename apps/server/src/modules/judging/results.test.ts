import { SEED_000_SHEET } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { signedInAs } from '../../../test/factories.ts';
import { type EntryKey, type JudgeKey, SCORES, type ScoredCall, scoredCall, scoredRound } from '../../../test/judging-results.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { agreement } from './agreement.ts';
import { scoreSheets } from './judging.tables.ts';

/**
 * Issue 10 items 5-7 (S0-10 online tiers, S1-8, X-3, X-4): progress per theme and judge, the ranking with its
 * breakdown and panel quality, the tier rule previewed and frozen, publication to applicants. The call and its
 * scores are in test/judging-results.ts.
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
const judgeKeys = ['A', 'B', 'C', 'D', 'E'] as const;
const keyOfJudge = (judgeId: string) => judgeKeys.find((k) => call.judges[k].id === judgeId) as JudgeKey;

/** An entry's sheet lines as the organizer sees them: by judge id, labelled 1, 2, …; `dropped` for trimmed. */
function lines(entry: EntryKey, dropped: JudgeKey[] = []) {
  const scored = Object.entries(SCORES[entry] ?? {}).filter(([, v]) => typeof v === 'number') as [JudgeKey, number][];
  return scored
    .map(([k, v]) => ({ judgeId: call.judges[k].id, name: call.judges[k].name, raw: v, k }))
    .sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1))
    .map((j, i) => ({
      label: i + 1,
      judgeId: j.judgeId,
      name: j.name,
      self: false,
      raw: j.raw,
      normalized: null,
      dropped: dropped.includes(j.k),
      scores: { overall: j.raw },
    }));
}

function row(entry: EntryKey, score: number | null, rank: number | null, options: { dropped?: JudgeKey[]; mean?: number } = {}) {
  const e = call.entries[entry];
  const perJudge = lines(entry, options.dropped);
  return {
    entryId: e.id,
    number: expect.stringMatching(/^\d{4}-T\d{2}-\d{4}$/),
    title: e.title,
    organization: { id: e.hospital.id, name: e.hospital.name },
    score,
    rank,
    sheets: perJudge.length,
    tooFewSheets: perJudge.length === 0,
    perCriterion: score === null ? {} : { overall: score },
    perJudge,
    tier: null,
    advanced: null,
  };
}

const ranking = async (roundId: string) => call.manager.get(`/api/judging/rounds/${roundId}/ranking`);

describe('issue 10 items 5 and 7: the ranking', () => {
  it('S0-10, S1-8: the mean ranks each theme with every entry’s breakdown, panel quality and per-judge distributions', async () => {
    const round = await scoredRound(t, call, { method: 'mean' });
    const res = await ranking(round.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.groups).toEqual([
      {
        groupKey: themeA(),
        themeId: themeA(),
        themeCode: call.campaign.themes[0]?.code,
        themeTitle: call.campaign.themes[0]?.title,
        trackKey: null,
        rows: [row('a2', 83.5, 1), row('a3', 78.75, 2), row('a1', 73.25, 3), row('a4', 62.5, 4)],
      },
      {
        groupKey: themeB(),
        themeId: themeB(),
        themeCode: call.campaign.themes[1]?.code,
        themeTitle: call.campaign.themes[1]?.title,
        trackKey: null,
        rows: [row('b1', 88, 1), row('b2', null, null)],
      },
    ]);
    expect([body.view, body.status, body.rule, body.frozenAt, body.publishedAt]).toEqual([
      'organizer',
      'closed',
      null,
      null,
      null,
    ]);
    expect(body.formula).toEqual({ method: 'mean', sheet: SEED_000_SHEET, tieBreak: [] });
    expect(body.abilities).toEqual({ freeze: true, publish: 'WRONG_STATUS' });

    // Agreement: exactly the engine's answer on these sheets; the missing sheets and entries short of 3 sheets.
    const sheets = Object.entries(SCORES).flatMap(([e, byJudge]) =>
      Object.entries(byJudge)
        .filter(([, v]) => typeof v === 'number')
        .map(([j, v]) => ({
          judgeId: call.judges[j as JudgeKey].id,
          entryId: id(e as EntryKey),
          scores: { overall: v as number },
        })),
    );
    const groupOf = (e: EntryKey) => (e.startsWith('a') ? themeA() : themeB());
    const keys: EntryKey[] = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2'];
    const expected = agreement({
      spec: SEED_000_SHEET,
      sheets,
      entries: keys.map((e) => ({ entryId: id(e), groupKey: groupOf(e) })),
    });
    expect(body.agreement.byGroup).toEqual(expected.byGroup);
    expect(body.agreement.byGroup.map((g: { iccForm: string; judges: number }) => [g.iccForm, g.judges])).toEqual(
      [themeA(), themeB()].sort().map((g) => (g === themeA() ? ['ICC(1,1)', 4] : [null, 1])),
    );
    const missing = (k: JudgeKey, assigned: number, submitted: number, entries: EntryKey[]) => ({
      judgeId: call.judges[k].id,
      name: call.judges[k].name,
      assigned,
      submitted,
      missing: entries.map(id),
    });
    expect(body.agreement.missing).toEqual(
      [missing('A', 5, 4, ['b1']), missing('D', 4, 3, ['a4']), missing('E', 2, 1, ['b2'])].sort((a, b) =>
        a.judgeId < b.judgeId ? -1 : 1,
      ),
    );
    expect(body.agreement.tooFew).toEqual([id('a4'), id('b1'), id('b2')].sort());
    expect(body.agreement.outliers).toEqual([]);

    // Judge A's totals 95, 85, 70, 60: mean 77.5, population sd √181.25.
    expect(body.binEdges).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(body.distributions.find((d: { judgeId: string }) => d.judgeId === call.judges.A.id)).toEqual({
      judgeId: call.judges.A.id,
      name: 'A 专家',
      sheets: 4,
      mean: 77.5,
      sd: 13.462912,
      min: 60,
      max: 95,
      bins: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
    });
    expect(body.distributions.map((d: { judgeId: string; sheets: number }) => [keyOfJudge(d.judgeId), d.sheets]).sort()).toEqual([
      ['A', 4],
      ['B', 4],
      ['C', 3],
      ['D', 3],
      ['E', 1],
    ]);
  }, 120_000);

  it('S0-10: the trimmed mean drops each entry’s highest and lowest sheet (a1 79, a3 73), so a1 and a3 swap places', async () => {
    const round = await scoredRound(t, call, { method: 'trimmed' });
    const body = (await ranking(round.id)).json();
    expect(body.formula.method).toBe('trimmed');
    expect(body.groups[0].rows).toEqual([
      row('a2', 83.5, 1, { dropped: ['A', 'D'] }),
      row('a1', 79, 2, { dropped: ['A', 'D'] }),
      row('a3', 73, 3, { dropped: ['A', 'D'] }),
      row('a4', 62.5, 4),
    ]);
  }, 120_000);

  it('X-4: a judge of a see-others blind round gets only their entries, the others anonymous; without see-others 403; strangers 404', async () => {
    const open = await scoredRound(t, call, { status: 'open', seeOthers: true });
    const res = await call.judges.E.client.get(`/api/judging/rounds/${open.id}/ranking`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect([body.view, body.agreement, body.distributions, body.binEdges]).toEqual(['judge', null, null, null]);
    expect(body.groups.map((g: { rows: { entryId: string }[] }) => g.rows.map((r) => r.entryId))).toEqual([[id('b1'), id('b2')]]);
    expect(body.groups[0].rows[0]).toEqual({
      entryId: id('b1'),
      number: expect.stringMatching(/^\d{4}-T\d{2}-\d{4}$/),
      title: null,
      organization: null,
      score: 88,
      rank: 1,
      sheets: 1,
      tooFewSheets: false,
      perCriterion: { overall: 88 },
      perJudge: [
        {
          label: 1,
          judgeId: call.judges.E.id,
          name: 'E 专家',
          self: true,
          raw: 88,
          normalized: null,
          dropped: false,
          scores: { overall: 88 },
        },
      ],
      tier: null,
      advanced: null,
    });
    expect(res.body.includes(call.entries.b1.hospital.name)).toBe(false);
    // Judge A sees theme A's entries and b1; on a1 the three other judges are anonymous.
    const a = (await call.judges.A.client.get(`/api/judging/rounds/${open.id}/ranking`)).json();
    const a1 = a.groups[0].rows.find((r: { entryId: string }) => r.entryId === id('a1'));
    expect(
      a1.perJudge.map((j: { judgeId: string | null; name: string | null; self: boolean }) => [j.judgeId, j.name, j.self]),
    ).toEqual(lines('a1').map((j) => (j.judgeId === call.judges.A.id ? [j.judgeId, 'A 专家', true] : [null, null, false])));
    expect(a.abilities).toEqual({ freeze: 'FORBIDDEN', publish: 'FORBIDDEN' });

    const closed = await scoredRound(t, call, { status: 'open', seeOthers: false });
    expect((await call.judges.E.client.get(`/api/judging/rounds/${closed.id}/ranking`)).json().error.code).toBe('FORBIDDEN');
    const stranger = (await signedInAs(t)).client;
    const refused = await stranger.get(`/api/judging/rounds/${open.id}/ranking`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([404, 'NOT_FOUND']);
  }, 120_000);
});

describe('issue 10 item 7: progress per theme and per judge', () => {
  const counts = (assigned: number, draft: number, submitted: number, abstained: number, missing: number) => ({
    assigned,
    draft,
    submitted,
    abstained,
    missing,
  });

  it('progress counts assigned, draft, submitted, abstained and missing sheets for organizer staff', async () => {
    const round = await scoredRound(t, call);
    const res = await call.manager.get(`/api/judging/rounds/${round.id}/progress`);
    expect(res.statusCode).toBe(200);
    const [a, b] = call.campaign.themes;
    expect(res.json()).toEqual({
      roundId: round.id,
      status: 'closed',
      scope: 'organizer',
      themes: [
        { themeId: a?.id, code: a?.code, title: a?.title, entries: 4, ...counts(16, 1, 14, 1, 1) },
        { themeId: b?.id, code: b?.code, title: b?.title, entries: 2, ...counts(3, 1, 1, 0, 2) },
      ],
      judges: [
        { judgeId: call.judges.A.id, name: 'A 专家', ...counts(5, 1, 4, 0, 1) },
        { judgeId: call.judges.B.id, name: 'B 专家', ...counts(4, 0, 4, 0, 0) },
        { judgeId: call.judges.C.id, name: 'C 专家', ...counts(4, 0, 3, 1, 0) },
        { judgeId: call.judges.D.id, name: 'D 专家', ...counts(4, 1, 3, 0, 1) },
        { judgeId: call.judges.E.id, name: 'E 专家', ...counts(2, 0, 1, 0, 1) },
      ],
      totals: counts(19, 2, 15, 1, 3),
    });
  }, 120_000);

  it('a lead judge (组长) sees only the theme they lead; another judge 403, a stranger 404, signed out 401', async () => {
    const round = await scoredRound(t, call, { status: 'open' });
    const res = await call.judges.A.client.get(`/api/judging/rounds/${round.id}/progress`);
    expect(res.statusCode).toBe(200);
    const a = call.campaign.themes[0];
    expect(res.json()).toEqual({
      roundId: round.id,
      status: 'open',
      scope: 'lead',
      themes: [{ themeId: a?.id, code: a?.code, title: a?.title, entries: 4, ...counts(16, 1, 14, 1, 1) }],
      judges: [
        { judgeId: call.judges.A.id, name: 'A 专家', ...counts(4, 0, 4, 0, 0) },
        { judgeId: call.judges.B.id, name: 'B 专家', ...counts(4, 0, 4, 0, 0) },
        { judgeId: call.judges.C.id, name: 'C 专家', ...counts(4, 0, 3, 1, 0) },
        { judgeId: call.judges.D.id, name: 'D 专家', ...counts(4, 1, 3, 0, 1) },
      ],
      totals: counts(16, 1, 14, 1, 1),
    });
    const url = `/api/judging/rounds/${round.id}/progress`;
    const judgeE = await call.judges.E.client.get(url);
    const stranger = await (await signedInAs(t)).client.get(url);
    const anonymous = await t.app.inject({ method: 'GET', url });
    expect([judgeE.statusCode, stranger.statusCode, anonymous.statusCode]).toEqual([403, 404, 401]);
  }, 120_000);
});

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
      [...OUTCOME]
        .sort(([a], [b]) => ((a.startsWith('a') ? themeA() : themeB()) < (b.startsWith('a') ? themeA() : themeB()) ? -1 : 1))
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
      publishedAt: null,
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

  it('X-3: a frozen ranking is read from round_results, never recomputed — a sheet changed afterwards moves nothing', async () => {
    const round = await scoredRound(t, call);
    expect((await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, TIERS)).statusCode).toBe(200);
    await t.app.ctx.db
      .update(scoreSheets)
      .set({ scores: { overall: 0 } })
      .where(and(eq(scoreSheets.roundId, round.id), eq(scoreSheets.entryId, id('a2'))));
    const body = (await ranking(round.id)).json();
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

  it('an open round cannot be frozen (WRONG_STATUS); a bad rule is a field error; strangers 404 before validation', async () => {
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

    const published = await call.manager.post(`/api/judging/rounds/${round.id}/results/publish`);
    expect(published.statusCode).toBe(200);
    const at = t.clock.now().toISOString();
    expect(published.json()).toEqual({ roundId: round.id, publishedAt: at, entries: 6 });

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
