import { STAGE_ACTIONS } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { createdStage, type StageWorld, scoreKey, scoresFor, stageAudit, stageWorld, step, stepOk } from '../../../test/stage.ts';
import { drawOrder } from './draw.ts';
import { stageFinalists, stageRecusals, stageScores } from './stage.tables.ts';

/**
 * Issue 11 item 2: a stage's state moves only through transitionStage along STAGE_TRANSITIONS — draft -> drawn
 * (-> drawn again with a reason) -> waiting -> presenting -> qa -> scoring -> revealed -> waiting … -> finished ->
 * frozen — one host step at a time, compare-and-set on the version the console showed, each step audited in its
 * transaction.
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await stageWorld(t, { finalists: 2, judges: 3 });
}, 180_000);
afterAll(() => t.close());

const codeOf = (res: { json(): { error?: { code: string; fields?: Array<{ path: string; code: string }> } } }) =>
  res.json().error?.code;

/** Every judge scores the current finalist; returns the totals given. */
async function everyoneScores(stageId: string, entryId: string, totals: number[]) {
  for (const [i, judge] of w.judges.entries()) {
    const res = await judge.client.post(`/api/stages/${stageId}/scores`, {
      entryId,
      scores: scoresFor(totals[i] as number),
      idempotencyKey: scoreKey(),
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

describe('issue 11: the stage state machine (X-3)', () => {
  it('X-3: created in draft with the frozen round’s outstanding finalists and the judges seated in order, audited', async () => {
    const id = await createdStage(w);
    const view = (await w.manager.get(`/api/stages/${id}`)).json();
    expect([view.state, view.version, view.draw]).toEqual(['draft', 1, null]);
    expect(view.finalists.map((f: { entryId: string }) => f.entryId).sort()).toEqual(w.finalists.map((f) => f.id).sort());
    expect(view.judges.map((j: { judgeId: string; seat: number }) => [j.judgeId, j.seat])).toEqual(
      w.judges.map((j, i) => [j.judgeId, i + 1]),
    );
    expect(view.abilities).toEqual({
      ...Object.fromEntries(STAGE_ACTIONS.map((a) => [a, 'WRONG_STATUS'])),
      revealAbsent: 'WRONG_STATUS',
      draw: true,
    });
    expect((await stageAudit(t, id)).map((e) => e.kind)).toEqual(['stage.created']);
  });

  it('X-3: every edge in order — draw, redraw (reason), start, present, pause/resume, qa, score, reveal, next, …, finish, freeze', async () => {
    const id = await createdStage(w);
    const host = w.manager;
    // Out of order from draft: each step but the draw is WRONG_STATUS and changes nothing.
    for (const action of ['start', 'present', 'qa', 'score', 'reveal', 'next', 'finish', 'freeze', 'pause', 'resume'] as const) {
      const res = await step(host, id, action);
      expect([action, res.statusCode, codeOf(res)]).toEqual([action, 409, 'WRONG_STATUS']);
    }
    const drawn = await stepOk(host, id, 'draw');
    expect([drawn.state, drawn.version]).toEqual(['drawn', 2]);
    expect(drawn.draw.seed).toMatch(/^[0-9a-f]{64}$/);
    // The order is the pure function of the seed shown: anyone recomputes it.
    const order = drawOrder(
      drawn.draw.seed,
      w.finalists.map((f) => f.id),
    );
    expect(drawn.finalists.map((f: { entryId: string }) => f.entryId)).toEqual(order);
    expect(drawn.finalists.map((f: { position: number }) => f.position)).toEqual([1, 2]);

    // A redraw without a reason is refused as a field error; with one, a new seed and its order.
    const bare = await step(host, id, 'redraw');
    expect([bare.statusCode, codeOf(bare), bare.json().error.fields]).toEqual([
      400,
      'VALIDATION_FAILED',
      [expect.objectContaining({ path: 'reason', code: 'REASON_REQUIRED' })],
    ]);
    const redrawn = await stepOk(host, id, 'redraw', { reason: '抽签时大屏幕未显示，重新抽签' });
    expect(redrawn.draw.seed).not.toBe(drawn.draw.seed);
    expect(redrawn.finalists.map((f: { entryId: string }) => f.entryId)).toEqual(
      drawOrder(
        redrawn.draw.seed,
        w.finalists.map((f) => f.id),
      ),
    );

    const started = await stepOk(host, id, 'start');
    expect([started.state, started.current.entryId, started.current.position]).toEqual([
      'waiting',
      redrawn.finalists[0].entryId,
      1,
    ]);
    const presenting = await stepOk(host, id, 'present');
    expect([presenting.state, presenting.clock.limitSeconds, presenting.clock.phaseStartedAt]).toEqual([
      'presenting',
      480,
      t.clock.now().toISOString(),
    ]);
    t.clock.advance(60_000);
    const paused = await stepOk(host, id, 'pause');
    expect([paused.paused, paused.abilities.pause, paused.abilities.resume]).toEqual([true, 'WRONG_STATUS', true]);
    t.clock.advance(30_000);
    const resumed = await stepOk(host, id, 'resume');
    expect([resumed.paused, resumed.clock.pausedMs, resumed.clock.pausedAt]).toEqual([false, 30_000, null]);
    const qa = await stepOk(host, id, 'qa');
    expect([qa.state, qa.clock.limitSeconds, qa.clock.pausedMs]).toEqual(['qa', 420, 0]);
    const scoring = await stepOk(host, id, 'score');
    expect([scoring.state, scoring.clock.phaseStartedAt]).toEqual(['scoring', null]);

    // The reveal waits for every judge (the console shows who is missing).
    const first = scoring.current.entryId as string;
    const early = await step(host, id, 'reveal');
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'WRONG_STATUS']);
    await everyoneScores(id, first, [80, 70, 90]);
    const revealed = await stepOk(host, id, 'reveal');
    expect([revealed.state, revealed.current.reveal.final]).toEqual(['revealed', 80]);
    expect(revealed.abilities).toMatchObject({ next: true, finish: 'WRONG_STATUS', reopen: true });
    const early2 = await step(host, id, 'finish');
    expect([early2.statusCode, codeOf(early2)]).toEqual([409, 'WRONG_STATUS']);

    const next = await stepOk(host, id, 'next');
    expect([next.state, next.current.position]).toEqual(['waiting', 2]);
    await stepOk(host, id, 'present');
    await stepOk(host, id, 'qa');
    await stepOk(host, id, 'score');
    await everyoneScores(id, next.current.entryId, [60, 65, 70]);
    const last = await stepOk(host, id, 'reveal');
    expect(last.abilities).toMatchObject({ next: 'WRONG_STATUS', finish: true });
    const finished = await stepOk(host, id, 'finish');
    expect(finished.state).toBe('finished');
    const frozen = await stepOk(host, id, 'freeze');
    expect([frozen.state, frozen.version]).toEqual(['frozen', 17]);
    for (const action of STAGE_ACTIONS) {
      const res = await step(host, id, action, { reason: '再来一次', judgeId: w.judges[0]?.judgeId });
      expect([action, res.statusCode, codeOf(res)]).toEqual([action, 409, 'WRONG_STATUS']);
    }

    const audit = await stageAudit(t, id);
    expect(audit.map((e) => e.kind)).toEqual([
      'stage.created',
      'stage.draw',
      'stage.redraw',
      'stage.start',
      'stage.present',
      'stage.pause',
      'stage.resume',
      'stage.qa',
      'stage.score',
      'stage.reveal',
      'stage.next',
      'stage.present',
      'stage.qa',
      'stage.score',
      'stage.reveal',
      'stage.finish',
      'stage.freeze',
    ]);
    expect(audit[2]?.data).toMatchObject({
      from: 'drawn',
      to: 'drawn',
      reason: '抽签时大屏幕未显示，重新抽签',
      previousSeed: drawn.draw.seed,
      seed: redrawn.draw.seed,
    });
    expect(audit[1]?.data).toMatchObject({ seed: drawn.draw.seed, order });
  });

  it('X-3: a step at a version the console no longer shows is STALE_VERSION; nothing changes', async () => {
    const id = await createdStage(w);
    const drawn = await stepOk(w.manager, id, 'draw');
    const stale = await w.manager.post(`/api/stages/${id}/actions`, { action: 'redraw', version: 1, reason: '重新抽签一次' });
    expect([stale.statusCode, codeOf(stale)]).toEqual([409, 'STALE_VERSION']);
    const after = (await w.manager.get(`/api/stages/${id}`)).json();
    expect([after.version, after.draw.seed]).toEqual([2, drawn.draw.seed]);
    // Two consoles at the same version: the first wins, the second is STALE_VERSION (never a double step).
    const [a, b] = await Promise.all([
      w.manager.post(`/api/stages/${id}/actions`, { action: 'start', version: 2 }),
      w.manager.post(`/api/stages/${id}/actions`, { action: 'redraw', version: 2, reason: '重新抽签一次' }),
    ]);
    const codes = [a, b].map((r) => (r.statusCode === 200 ? 'ok' : codeOf(r))).sort();
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'ok')[0]).toMatch(/^(STALE_VERSION|WRONG_STATUS)$/);
    expect((await stageAudit(t, id)).map((e) => e.kind)).toHaveLength(3);
  });

  it('X-3: STAGE_INCOMPLETE — a stage without finalists can neither be drawn nor started', async () => {
    const id = await createdStage(w, { tiers: ['gold-only'] });
    const view = (await w.manager.get(`/api/stages/${id}`)).json();
    expect([view.finalists, view.abilities.draw]).toEqual([[], 'STAGE_INCOMPLETE']);
    const res = await step(w.manager, id, 'draw');
    expect([res.statusCode, codeOf(res)]).toEqual([409, 'STAGE_INCOMPLETE']);
  });

  it('X-3: reopen needs a reason and a judge; in scoring the score is reopened in place, after the reveal the stage returns to scoring', async () => {
    const id = await createdStage(w);
    for (const a of ['draw', 'start', 'present', 'qa', 'score']) await stepOk(w.manager, id, a);
    const entryId = (await w.manager.get(`/api/stages/${id}`)).json().current.entryId as string;
    await everyoneScores(id, entryId, [80, 70, 90]);
    const judgeId = w.judges[1]?.judgeId as string;
    const noReason = await step(w.manager, id, 'reopen', { judgeId });
    expect([noReason.statusCode, noReason.json().error.fields[0].code]).toEqual([400, 'REASON_REQUIRED']);
    const noJudge = await step(w.manager, id, 'reopen', { reason: '评委误触提交' });
    expect([noJudge.statusCode, noJudge.json().error.fields[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'judgeId', code: 'REQUIRED' }),
    ]);

    const inScoring = await stepOk(w.manager, id, 'reopen', { judgeId, reason: '评委误触提交' });
    expect([inScoring.state, inScoring.progress.map((p: { status: string }) => p.status)]).toEqual([
      'scoring',
      ['scored', 'waiting', 'scored'],
    ]);
    const again = await w.judges[1]?.client.post(`/api/stages/${id}/scores`, {
      entryId,
      scores: scoresFor(75),
      idempotencyKey: scoreKey(),
    });
    expect(again?.statusCode).toBe(200);
    const revealed = await stepOk(w.manager, id, 'reveal');
    expect(revealed.current.reveal.final).toBe(80);

    const afterReveal = await stepOk(w.manager, id, 'reopen', { judgeId, reason: '复核后需重新打分' });
    expect([afterReveal.state, afterReveal.current.reveal]).toEqual(['scoring', null]);
    const [finalist] = await t.app.ctx.db.select().from(stageFinalists).where(eq(stageFinalists.entryId, entryId));
    expect([finalist?.reveal, finalist?.final]).toEqual([null, null]);
    const rows = await t.app.ctx.db.select().from(stageScores).where(eq(stageScores.judgeId, judgeId));
    expect(
      rows
        .filter((r) => r.stageId === id)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['reopened', 'reopened']);
    // The judge has nothing submitted now: reopening them again is WRONG_STATUS.
    const twice = await step(w.manager, id, 'reopen', { judgeId, reason: '复核后需重新打分' });
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'WRONG_STATUS']);
    const audit = await stageAudit(t, id);
    expect(audit.filter((e) => e.kind === 'stage.reopen').map((e) => [e.data.from, e.data.to, e.data.reason])).toEqual([
      ['scoring', 'scoring', '评委误触提交'],
      ['revealed', 'scoring', '复核后需重新打分'],
    ]);
  });

  it('X-4: recusal rows are stored at creation; the host and other callers are told apart (NOT_FOUND for non-hosts)', async () => {
    const id = await createdStage(w);
    expect(await t.app.ctx.db.select().from(stageRecusals).where(eq(stageRecusals.stageId, id))).toEqual([]);
    const judge = w.judges[0]?.client;
    const asJudge = await judge?.get(`/api/stages/${id}`);
    expect([asJudge?.statusCode, asJudge?.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const act = await judge?.post(`/api/stages/${id}/actions`, { action: 'draw', version: 1 });
    expect([act?.statusCode, act?.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
