import { SEED_000_SHEET, SEED_001_SHEET } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { signedInAs } from '../../../test/factories.ts';
import { assign, judgingRound } from '../../../test/judging.ts';
import {
  type EntryKey,
  type JudgeKey,
  SCORES,
  type ScoredCall,
  scoredCall,
  scoredRound,
  sheetLines,
} from '../../../test/judging-results.ts';
import { rankRound } from './aggregate.ts';
import { agreement } from './agreement.ts';
import { judgingRounds, scoreSheets } from './judging.tables.ts';

/**
 * Issue 10 items 5 and 7 (S0-10, S1-8, X-4): the ranking with each entry's breakdown, panel quality and per-judge
 * distributions for the organizer; a judge's view of a see-others round; the panel's progress per theme and judge.
 * The call and its scores are in test/judging-results.ts.
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

const lines = (entry: EntryKey, dropped: JudgeKey[] = []) => sheetLines(call, entry, dropped);

function row(entry: EntryKey, score: number | null, rank: number | null, options: { dropped?: JudgeKey[] } = {}) {
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

/** SCORES' submitted sheets and the round's entries, as the engines take them. */
function engineInput() {
  const sheets = Object.entries(SCORES).flatMap(([e, byJudge]) =>
    Object.entries(byJudge)
      .filter(([, v]) => typeof v === 'number')
      .map(([j, v]) => ({
        judgeId: call.judges[j as JudgeKey].id,
        entryId: id(e as EntryKey),
        scores: { overall: v as number },
      })),
  );
  const keys: EntryKey[] = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2'];
  const entries = keys.map((e) => ({ entryId: id(e), groupKey: e.startsWith('a') ? themeA() : themeB(), tieBreak: [] }));
  return { spec: SEED_000_SHEET, sheets, entries };
}

describe('issue 10 items 5 and 7: the ranking', () => {
  it('S0-10: the mean ranks each theme with every entry’s breakdown, panel quality and per-judge distributions', async () => {
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
    const expected = agreement(engineInput());
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

  it('S1-8: on seed 001’s five criteria an entry’s score is the weighted total’s mean, with the mean points per criterion', async () => {
    const round = await judgingRound(t, call.campaign.id, { status: 'closed', sheet: SEED_001_SHEET });
    const five = {
      E: { demonstration: 18, deployment: 16, potential: 15, innovation: 19.5, value: 12 },
      A: { demonstration: 20, deployment: 14, potential: 17, innovation: 16, value: 10 },
    } as const;
    for (const [k, scores] of Object.entries(five)) {
      const judgeId = call.judges[k as JudgeKey].id;
      const a = await assign(t, round, call.entries.b1, judgeId);
      const at = t.clock.now();
      await t.app.ctx.db.insert(scoreSheets).values({
        assignmentId: a.id,
        roundId: round.id,
        entryId: id('b1'),
        judgeId,
        status: 'submitted',
        scores,
        version: 2,
        savedAt: at,
        submittedAt: at,
      });
    }
    const body = (await ranking(round.id)).json();
    expect(body.formula.sheet).toEqual(SEED_001_SHEET);
    const [b1] = body.groups[0].rows;
    // 18 + 16 + 15 + 19.5 + 12 = 80.5 and 20 + 14 + 17 + 16 + 10 = 77 (weight 20 of 100 per 20 points).
    expect([b1.entryId, b1.score, b1.rank, b1.sheets]).toEqual([id('b1'), 78.75, 1, 2]);
    expect(b1.perCriterion).toEqual({ demonstration: 19, deployment: 15, potential: 16, innovation: 17.75, value: 11 });
    expect(b1.perJudge.map((j: { judgeId: string; raw: number; scores: object }) => [j.judgeId, j.raw, j.scores]).sort()).toEqual(
      [
        [call.judges.E.id, 80.5, five.E],
        [call.judges.A.id, 77, five.A],
      ].sort(),
    );
  }, 120_000);

  it('S1-8: the round’s stated tie-break decides equal totals — criterion:innovation puts the entry with more innovation points first', async () => {
    const even = { demonstration: 20, deployment: 10, potential: 10, innovation: 10, value: 10 };
    const innovative = { demonstration: 10, deployment: 10, potential: 10, innovation: 20, value: 10 };
    const ranks = async (tieBreak: string[]) => {
      const round = await judgingRound(t, call.campaign.id, { status: 'closed', sheet: SEED_001_SHEET });
      await t.app.ctx.db.update(judgingRounds).set({ tieBreak }).where(eq(judgingRounds.id, round.id));
      for (const [entry, scores] of [
        ['b1', even],
        ['b2', innovative],
      ] as const) {
        const a = await assign(t, round, call.entries[entry], call.judges.E.id);
        const at = t.clock.now();
        await t.app.ctx.db.insert(scoreSheets).values({
          assignmentId: a.id,
          roundId: round.id,
          entryId: id(entry),
          judgeId: call.judges.E.id,
          status: 'submitted',
          scores,
          version: 2,
          savedAt: at,
          submittedAt: at,
        });
      }
      const body = (await ranking(round.id)).json();
      return body.groups[0].rows.map((r: { entryId: string; score: number; rank: number }) => [r.entryId, r.score, r.rank]);
    };
    // Without a stated tie-break the two 60s share first place (listed by entry id).
    expect(await ranks([])).toEqual(
      [
        [id('b1'), 60, 1],
        [id('b2'), 60, 1],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    expect(await ranks(['criterion:innovation'])).toEqual([
      [id('b2'), 60, 1],
      [id('b1'), 60, 2],
    ]);
  }, 120_000);

  it('S0-10: the zscore method gives every sheet its normalised value and each entry exactly the engine’s score and rank', async () => {
    const round = await scoredRound(t, call, { method: 'zscore' });
    const body = (await ranking(round.id)).json();
    const byEntry = (a: unknown[], b: unknown[]) => ((a[0] as string) < (b[0] as string) ? -1 : 1);
    type Row = {
      entryId: string;
      score: number | null;
      rank: number | null;
      perJudge: { judgeId: string; raw: number; normalized: number }[];
    };
    const got = body.groups
      .flatMap((g: { rows: Row[] }) => g.rows)
      .map((r: Row) => [r.entryId, r.score, r.rank, r.perJudge.map((j) => [j.judgeId, j.raw, j.normalized])]);
    const expected = rankRound({ ...engineInput(), method: 'zscore' }).map((r) => [
      r.entryId,
      r.score,
      r.rank,
      r.perJudge.map((j) => [j.judgeId, j.raw, j.normalized]),
    ]);
    expect(got.sort(byEntry)).toEqual(expected.sort(byEntry));
    expect(body.groups[0].rows[0].perJudge.every((j: { normalized: unknown }) => typeof j.normalized === 'number')).toBe(true);
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

  it('S0-10: progress counts assigned, draft, submitted, abstained and missing sheets per theme and judge for organizer staff', async () => {
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

  it('X-4: a lead judge (组长) sees only the theme they lead; another judge 403, a stranger 404, signed out 401', async () => {
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
