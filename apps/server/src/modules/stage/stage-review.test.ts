import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import {
  createdStage,
  runFinal,
  STAGE_SHEET,
  type StageWorld,
  scoreKey,
  scoresFor,
  stageAudit,
  stageInput,
  stageWorld,
  step,
  stepOk,
} from '../../../test/stage.ts';
import { stageScores, stages } from './stage.tables.ts';

/**
 * The stage module tried as an attacker and as a careless client would (issue 11's bad input, X-3): each odd request
 * gets a clear code and changes nothing, a resend is never counted twice, another organizer's host learns nothing,
 * two consoles clicking at once give one step and one audit event.
 */
let t: TestApp;
let w: StageWorld;
/** Another organizer's campaign with its own stage, host and judges. */
let other: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await stageWorld(t, { finalists: 2, judges: 3 });
  other = await stageWorld(t, { finalists: 2, judges: 3 });
}, 180_000);
afterAll(() => t.close());

const codeOf = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
const scoreRows = async (stageId: string) => t.app.ctx.db.select().from(stageScores).where(eq(stageScores.stageId, stageId));

/** A stage of `world` drawn and started, its first finalist being scored; returns its id and the finalist. */
async function scoring(world: StageWorld) {
  const id = await createdStage(world);
  let view: { current: { entryId: string } } = await stepOk(world.manager, id, 'draw');
  for (const a of ['start', 'present', 'qa', 'score']) view = await stepOk(world.manager, id, a);
  return { id, entryId: view.current.entryId };
}

/** A score as raw JSON text, for what JSON.stringify never writes (-0, 1e999, NaN, a __proto__ key). */
const rawScore = (stageId: string, judge: StageWorld['judges'][number], json: string) =>
  judge.client.request({
    method: 'POST',
    url: `/api/stages/${stageId}/scores`,
    payload: json,
    headers: { 'content-type': 'application/json' },
  });

describe('issue 11: the stage under odd and hostile requests', () => {
  it('a resend of -0 is the replay of the score stored as 0 (JSON writes -0 as 0), never IDEMPOTENCY_KEY_REUSED', async () => {
    const s = await scoring(w);
    const judge = w.judges[0] as StageWorld['judges'][number];
    const key = scoreKey();
    const body = `{"entryId":"${s.entryId}","scores":{"content":-0,"delivery":30},"idempotencyKey":"${key}"}`;
    const first = await rawScore(s.id, judge, body);
    expect([first.statusCode, first.json().total, first.json().replayed]).toEqual([200, 30, false]);
    const again = await rawScore(s.id, judge, body);
    expect([again.statusCode, again.json().replayed, again.json().total]).toEqual([200, true, 30]);
    expect((await scoreRows(s.id)).map((r) => [r.scores, r.total])).toEqual([[{ content: 0, delivery: 30 }, 30]]);
  });

  it('scores JSON cannot carry — Infinity, NaN, a string, a __proto__ key — and huge or empty ones: a clear 4xx, nothing stored', async () => {
    const s = await scoring(w);
    const judge = w.judges[0] as StageWorld['judges'][number];
    const send = (scores: string) =>
      rawScore(s.id, judge, `{"entryId":"${s.entryId}","scores":${scores},"idempotencyKey":"${scoreKey()}"}`);
    const answers = [
      await send('{"content":1e999,"delivery":30}'),
      await send('{"content":NaN,"delivery":30}'),
      await send('{"content":"50","delivery":30}'),
      await send('{"content":50,"delivery":30,"__proto__":{"content":1}}'),
      await send('{"content":1e308,"delivery":30}'),
      await send('{"content":50,"delivery":-1e-300}'),
      await send('{}'),
    ];
    expect(answers.map((a) => [a.statusCode, codeOf(a)])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [422, 'SCORE_OUT_OF_RANGE'],
      [422, 'SCORE_OUT_OF_RANGE'],
      [422, 'SCORE_MISSING'],
    ]);
    expect(await scoreRows(s.id)).toEqual([]);
  });

  it('another judge sending a judge’s key with the very same body is IDEMPOTENCY_KEY_REUSED: never a replay of someone else’s score', async () => {
    const s = await scoring(w);
    const [a, b] = w.judges as [StageWorld['judges'][number], StageWorld['judges'][number]];
    const body = { entryId: s.entryId, scores: scoresFor(77), idempotencyKey: scoreKey() };
    expect((await a.client.post(`/api/stages/${s.id}/scores`, body)).statusCode).toBe(200);
    const theirs = await b.client.post(`/api/stages/${s.id}/scores`, body);
    expect([theirs.statusCode, codeOf(theirs)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await scoreRows(s.id)).map((r) => [r.judgeId, r.total])).toEqual([[a.judgeId, 77]]);
    expect((await b.client.get(`/api/stages/${s.id}/judge`)).json().mine.status).toBe('none');
  });

  it('a resend under a key whose score the host reopened is answered from that row and never counts again; the judge scores anew under a new key', async () => {
    const s = await scoring(w);
    const [a, b, c] = w.judges as [StageWorld['judges'][number], StageWorld['judges'][number], StageWorld['judges'][number]];
    const url = `/api/stages/${s.id}/scores`;
    const old = { entryId: s.entryId, scores: scoresFor(55), idempotencyKey: scoreKey() };
    expect((await a.client.post(url, old)).statusCode).toBe(200);
    for (const j of [b, c])
      expect(
        (await j.client.post(url, { entryId: s.entryId, scores: scoresFor(80), idempotencyKey: scoreKey() })).statusCode,
      ).toBe(200);
    await stepOk(w.manager, s.id, 'reopen', { judgeId: a.judgeId, reason: '评委误将 85 输成 55' });

    // The phone's late resend of the old attempt: the key was taken once, so it is answered as that replay …
    const late = await a.client.post(url, old);
    expect([late.statusCode, late.json().replayed, late.json().total]).toEqual([200, true, 55]);
    // … but nothing counts it: the judge is still missing, the reveal waits, the server holds no score of theirs.
    const view = (await w.manager.get(`/api/stages/${s.id}`)).json();
    expect(view.progress.map((p: { seat: number; status: string }) => [p.seat, p.status])).toEqual([
      [1, 'waiting'],
      [2, 'scored'],
      [3, 'scored'],
    ]);
    expect(view.abilities.reveal).toBe('WRONG_STATUS');
    expect((await a.client.get(`/api/stages/${s.id}/judge`)).json().mine).toEqual({ status: 'none', scores: null, total: null });
    // The old key with changed values is still refused; a new key is the judge's new score.
    const changed = await a.client.post(url, { ...old, scores: scoresFor(85) });
    expect([changed.statusCode, codeOf(changed)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const fresh = await a.client.post(url, { entryId: s.entryId, scores: scoresFor(85), idempotencyKey: scoreKey() });
    expect([fresh.statusCode, fresh.json().total, fresh.json().replayed]).toEqual([200, 85, false]);
    const rows = (await scoreRows(s.id)).filter((r) => r.judgeId === a.judgeId);
    expect(rows.map((r) => [r.total, r.status]).sort()).toEqual([
      [55, 'reopened'],
      [85, 'submitted'],
    ]);
    const revealed = await stepOk(w.manager, s.id, 'reveal');
    // Seat 1 counts with the new 85 (dropped as the highest of 85, 80, 80), never with the reopened 55.
    expect(revealed.current.reveal.scores.map((r: { total: number; dropped: boolean }) => [r.total, r.dropped])).toEqual([
      [85, true],
      [80, true],
      [80, false],
    ]);
  });

  it('creating a stage with a criterion key given twice is VALIDATION_FAILED (DUPLICATE), as judging’s rounds refuse it; no stage', async () => {
    const before = (await t.app.ctx.db.select().from(stages).where(eq(stages.campaignId, w.campaignId))).length;
    const [content, delivery] = STAGE_SHEET.criteria as [
      (typeof STAGE_SHEET.criteria)[number],
      (typeof STAGE_SHEET.criteria)[number],
    ];
    const sheet = { ...STAGE_SHEET, criteria: [content, { ...delivery, key: 'content' }] };
    const res = await w.manager.post(`/api/campaigns/${w.campaignId}/stages`, stageInput(w, { sheet }));
    expect([
      res.statusCode,
      codeOf(res),
      res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]),
    ]).toEqual([400, 'VALIDATION_FAILED', [['sheet.criteria.1.key', 'DUPLICATE']]]);
    expect((await t.app.ctx.db.select().from(stages).where(eq(stages.campaignId, w.campaignId))).length).toBe(before);
  });

  it('X-3: stage.created records the settings the finals are computed by (method, sheet, awards, clock), the finalists, the judges and the recusals', async () => {
    const input = stageInput(w, { method: 'mean', presentSeconds: 600, qaSeconds: 300, warnSeconds: 45 });
    const id = await createdStage(w, input);
    const [created] = await stageAudit(t, id);
    expect(created?.kind).toBe('stage.created');
    expect(created?.data).toMatchObject({
      label: input.label,
      themeId: w.themeId,
      trackKey: null,
      tiers: ['outstanding'],
      method: 'mean',
      sheet: STAGE_SHEET,
      awards: input.awards,
      presentSeconds: 600,
      qaSeconds: 300,
      warnSeconds: 45,
      sourceRoundId: w.roundId,
      finalists: w.finalists.map((f) => f.id).sort(),
      judges: w.judges.map((j) => j.judgeId),
      recusals: [],
    });
  });

  it('another organizer’s host and judges: every host route answers exactly as for a stage that does not exist; a judge is NOT_STAGE_JUDGE', async () => {
    const mine = await createdStage(w);
    const missing = '00000000-0000-4000-8000-000000000000';
    const stranger = other.manager;
    const body = { action: 'draw', version: 1 };
    const pairs = [
      [await stranger.get(`/api/stages/${mine}`), await stranger.get(`/api/stages/${missing}`)],
      [await stranger.post(`/api/stages/${mine}/actions`, body), await stranger.post(`/api/stages/${missing}/actions`, body)],
      // A body that would fail validation: the stranger still learns nothing from field errors.
      [
        await stranger.post(`/api/stages/${mine}/actions`, { action: 'x' }),
        await stranger.post(`/api/stages/${missing}/actions`, { action: 'x' }),
      ],
      [await stranger.get(`/api/stages/${mine}/results`), await stranger.get(`/api/stages/${missing}/results`)],
      [await stranger.get(`/api/campaigns/${w.campaignId}/stages`), await stranger.get(`/api/campaigns/${missing}/stages`)],
      [
        await stranger.post(`/api/campaigns/${w.campaignId}/stages`, stageInput(w)),
        await stranger.post(`/api/campaigns/${missing}/stages`, stageInput(w)),
      ],
    ];
    for (const [real, none] of pairs) {
      expect([real?.statusCode, codeOf(real as never)]).toEqual([404, 'NOT_FOUND']);
      expect(real?.body).toBe(none?.body);
    }
    const judge = other.judges[0] as StageWorld['judges'][number];
    const score = await judge.client.post(`/api/stages/${mine}/scores`, {
      entryId: w.finalists[0]?.id,
      scores: {},
      idempotencyKey: scoreKey(),
    });
    expect([score.statusCode, codeOf(score)]).toEqual([403, 'NOT_STAGE_JUDGE']);
    expect(codeOf(await judge.client.get(`/api/stages/${mine}/judge`))).toBe('NOT_STAGE_JUDGE');
    expect((await stageAudit(t, mine)).map((e) => e.kind)).toEqual(['stage.created']);
  });

  it('a judge of one stage scoring another stage’s finalist on their own stage is NOT_PRESENTING; nothing stored', async () => {
    const a = await scoring(w);
    const b = await scoring(other);
    const judge = w.judges[0] as StageWorld['judges'][number];
    const res = await judge.client.post(`/api/stages/${a.id}/scores`, {
      entryId: b.entryId,
      scores: scoresFor(80),
      idempotencyKey: scoreKey(),
    });
    expect([res.statusCode, codeOf(res)]).toEqual([409, 'NOT_PRESENTING']);
    expect(await scoreRows(a.id)).toEqual([]);
    expect(await scoreRows(b.id)).toEqual([]);
  });

  it('S0-10: finalists tied on both the final and the mean share the rank, and the results list them in presenting order, as the big screen does', async () => {
    const id = await createdStage(w);
    let view = await stepOk(w.manager, id, 'draw');
    const order = () => view.finalists.map((f: { entryId: string }) => f.entryId) as string[];
    // A presenting order other than the ids' own, so that the test tells the two apart.
    while (order()[0] === [...order()].sort()[0]) view = await stepOk(w.manager, id, 'redraw', { reason: '换一个抽签顺序' });
    await runFinal(w, id, new Map(order().map((entryId) => [entryId, [80, 80, 80]])));
    await stepOk(w.manager, id, 'freeze');
    const results = (await w.manager.get(`/api/stages/${id}/results`)).json();
    expect(results.rows.map((r: { entryId: string; rank: number; award: string }) => [r.entryId, r.rank, r.award])).toEqual(
      order().map((entryId) => [entryId, 1, 'gold']),
    );
    const screen = (await w.manager.get(`/api/stages/${id}/screen`)).json();
    expect(screen.finalists.map((f: { entryId: string; rank: number }) => [f.entryId, f.rank])).toEqual(
      order().map((entryId) => [entryId, 1]),
    );
  });

  it('X-3: the clock — pause twice and resume without a pause are WRONG_STATUS and change nothing; two pauses add up; Q&A starts afresh', async () => {
    const id = await createdStage(w);
    for (const a of ['draw', 'start']) await stepOk(w.manager, id, a);
    const notRunning = await step(w.manager, id, 'pause');
    expect([notRunning.statusCode, codeOf(notRunning)]).toEqual([409, 'WRONG_STATUS']);
    const presenting = await stepOk(w.manager, id, 'present');
    const idle = await step(w.manager, id, 'resume');
    expect([idle.statusCode, codeOf(idle)]).toEqual([409, 'WRONG_STATUS']);
    t.clock.advance(60_000);
    await stepOk(w.manager, id, 'pause');
    const twice = await step(w.manager, id, 'pause');
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'WRONG_STATUS']);
    t.clock.advance(30_000);
    const first = await stepOk(w.manager, id, 'resume');
    expect([first.paused, first.clock.pausedMs]).toEqual([false, 30_000]);
    t.clock.advance(5_000);
    const paused = await stepOk(w.manager, id, 'pause');
    expect([paused.paused, paused.clock.pausedAt, paused.clock.phaseStartedAt]).toEqual([
      true,
      t.clock.now().toISOString(),
      presenting.clock.phaseStartedAt,
    ]);
    t.clock.advance(10_000);
    const second = await stepOk(w.manager, id, 'resume');
    expect([second.clock.pausedMs, second.clock.pausedAt]).toEqual([40_000, null]);
    // Paused when the Q&A starts: its own clock, not paused, nothing carried over.
    await stepOk(w.manager, id, 'pause');
    const qa = await stepOk(w.manager, id, 'qa');
    expect([qa.paused, qa.clock.limitSeconds, qa.clock.pausedMs, qa.clock.phaseStartedAt]).toEqual([
      false,
      420,
      0,
      t.clock.now().toISOString(),
    ]);
    const kinds = (await stageAudit(t, id)).map((e) => e.kind);
    expect(kinds.slice(3)).toEqual([
      'stage.present',
      'stage.pause',
      'stage.resume',
      'stage.pause',
      'stage.resume',
      'stage.pause',
      'stage.qa',
    ]);
  });

  it('X-3: two consoles pausing at once, and freezing at once: one step, one refusal, one audit event each', async () => {
    const id = await createdStage(w);
    for (const a of ['draw', 'start', 'present']) await stepOk(w.manager, id, a);
    const { version } = (await w.manager.get(`/api/stages/${id}`)).json();
    const pauses = await Promise.all([0, 1].map(() => w.manager.post(`/api/stages/${id}/actions`, { action: 'pause', version })));
    const outcome = (rs: typeof pauses) => rs.map((r) => (r.statusCode === 200 ? 'ok' : codeOf(r))).sort();
    expect(outcome(pauses)[1]).toBe('ok');
    expect(outcome(pauses)[0]).toMatch(/^(STALE_VERSION|WRONG_STATUS)$/);

    await stepOk(w.manager, id, 'resume');
    // Both finalists through to their reveals.
    for (const steps of [
      ['qa', 'score'],
      ['next', 'present', 'qa', 'score'],
    ]) {
      for (const a of steps) await stepOk(w.manager, id, a);
      const { current } = (await w.manager.get(`/api/stages/${id}`)).json();
      for (const j of w.judges)
        await j.client.post(`/api/stages/${id}/scores`, {
          entryId: current.entryId,
          scores: scoresFor(70),
          idempotencyKey: scoreKey(),
        });
      await stepOk(w.manager, id, 'reveal');
    }
    await stepOk(w.manager, id, 'finish');
    const at = (await w.manager.get(`/api/stages/${id}`)).json().version;
    const freezes = await Promise.all(
      [0, 1].map(() => w.manager.post(`/api/stages/${id}/actions`, { action: 'freeze', version: at })),
    );
    expect(outcome(freezes)[1]).toBe('ok');
    expect(outcome(freezes)[0]).toMatch(/^(STALE_VERSION|WRONG_STATUS)$/);
    const kinds = (await stageAudit(t, id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'stage.pause')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'stage.freeze')).toHaveLength(1);
    const [row] = await t.app.ctx.db
      .select()
      .from(stages)
      .where(and(eq(stages.id, id), eq(stages.state, 'frozen')));
    expect(row?.version).toBe(at + 1);
  });
});
