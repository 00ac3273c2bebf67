import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { activeJudge } from '../../../test/judging.ts';
import { createdStage, type StageWorld, scoreKey, scoresFor, stageWorld, stepOk } from '../../../test/stage.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { stageRecusals, stageScores } from './stage.tables.ts';

/**
 * Issue 11 item 3 and its bad input: a judge's score is checked in the design's order, stored once under its
 * idempotency key (a resend never counts twice, also when resends race), refused with an exact code for each bad
 * input; a recused judge cannot score and the reveal leaves them out.
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  // Judge 3 (index 2) belongs to the first finalist's hospital: recused from it (own_unit).
  w = await stageWorld(t, { finalists: 2, judges: 4, recuse: [[2, 0]] });
}, 180_000);
afterAll(() => t.close());

const codeOf = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;

/** A stage drawn and started, its first presenter in `state` (scoring by default); the entry on stage and who is recused from it. */
async function stageAt(state: 'waiting' | 'scoring' = 'scoring') {
  const id = await createdStage(w);
  for (const a of ['draw', 'start', ...(state === 'scoring' ? ['present', 'qa', 'score'] : [])]) await stepOk(w.manager, id, a);
  const view = (await w.manager.get(`/api/stages/${id}`)).json();
  const entryId = view.current.entryId as string;
  const recused = new Set(
    (
      await t.app.ctx.db
        .select()
        .from(stageRecusals)
        .where(and(eq(stageRecusals.stageId, id), eq(stageRecusals.entryId, entryId)))
    ).map((r) => r.judgeId),
  );
  const other = view.finalists.find((f: { entryId: string }) => f.entryId !== entryId).entryId as string;
  return { id, entryId, other, recused, scorer: w.judges.find((j) => !recused.has(j.judgeId)) as StageWorld['judges'][number] };
}

const scoreRows = async (stageId: string) => t.app.ctx.db.select().from(stageScores).where(eq(stageScores.stageId, stageId));

describe('issue 11: a judge’s score on the phone', () => {
  it('X-4: recusal comes from judging’s rule at creation — the judge of the finalist’s own hospital, reason own_unit', async () => {
    const id = await createdStage(w);
    const rows = await t.app.ctx.db.select().from(stageRecusals).where(eq(stageRecusals.stageId, id));
    expect(rows.map((r) => [r.entryId, r.judgeId, r.reason])).toEqual([[w.finalists[0]?.id, w.judges[2]?.judgeId, 'own_unit']]);
  });

  it('X-3: a score is audited once in its own transaction (who, seat, finalist, values); a resend adds no event', async () => {
    const s = await stageAt();
    const body = { entryId: s.entryId, scores: { content: 40, delivery: 25.5 }, idempotencyKey: scoreKey() };
    expect((await s.scorer.client.post(`/api/stages/${s.id}/scores`, body)).statusCode).toBe(200);
    expect((await s.scorer.client.post(`/api/stages/${s.id}/scores`, body)).json().replayed).toBe(true);
    const [row] = await scoreRows(s.id);
    const events = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.kind, 'stage.score_submitted'));
    const mine = events.filter((e) => e.subjectId === row?.id);
    expect(mine.map((e) => [e.actorId, e.subjectType, e.data])).toEqual([
      [
        s.scorer.userId,
        'stage_score',
        {
          stageId: s.id,
          entryId: s.entryId,
          seat: w.judges.indexOf(s.scorer) + 1,
          scores: { content: 40, delivery: 25.5 },
          total: 65.5,
        },
      ],
    ]);
  });

  it('the same key resent answers replayed:true from the stored row and never counts twice (also after the reveal)', async () => {
    const s = await stageAt();
    const body = { entryId: s.entryId, scores: { content: 50.5, delivery: 30 }, idempotencyKey: scoreKey() };
    const first = await s.scorer.client.post(`/api/stages/${s.id}/scores`, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ entryId: s.entryId, total: 80.5, replayed: false, submittedAt: t.clock.now().toISOString() });
    const again = await s.scorer.client.post(`/api/stages/${s.id}/scores`, body);
    expect([again.statusCode, again.json()]).toEqual([200, { ...first.json(), replayed: true }]);
    expect(await scoreRows(s.id)).toHaveLength(1);
    // The other judges score, the host reveals; the phone's late resend is still a replay.
    for (const j of w.judges)
      if (j !== s.scorer && !s.recused.has(j.judgeId))
        await j.client.post(`/api/stages/${s.id}/scores`, {
          entryId: s.entryId,
          scores: scoresFor(70),
          idempotencyKey: scoreKey(),
        });
    await stepOk(w.manager, s.id, 'reveal');
    const late = await s.scorer.client.post(`/api/stages/${s.id}/scores`, body);
    expect([late.statusCode, late.json().replayed]).toEqual([200, true]);
    expect((await scoreRows(s.id)).filter((r) => r.judgeId === s.scorer.judgeId)).toHaveLength(1);
  });

  it('concurrent resends under one key: one row, every answer the same total, all but one replayed', async () => {
    const s = await stageAt();
    const body = { entryId: s.entryId, scores: { content: 40, delivery: 20.5 }, idempotencyKey: scoreKey() };
    const answers = await Promise.all(Array.from({ length: 6 }, () => s.scorer.client.post(`/api/stages/${s.id}/scores`, body)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.json().total)).toEqual([60.5, 60.5, 60.5, 60.5, 60.5, 60.5]);
    expect(answers.filter((a) => a.json().replayed === false)).toHaveLength(1);
    expect(await scoreRows(s.id)).toHaveLength(1);
  });

  it('IDEMPOTENCY_KEY_REUSED: the same key with changed values or for another finalist; the stored score stays', async () => {
    const s = await stageAt();
    const key = scoreKey();
    const url = `/api/stages/${s.id}/scores`;
    expect((await s.scorer.client.post(url, { entryId: s.entryId, scores: scoresFor(80), idempotencyKey: key })).statusCode).toBe(
      200,
    );
    const changed = await s.scorer.client.post(url, { entryId: s.entryId, scores: scoresFor(81), idempotencyKey: key });
    expect([changed.statusCode, codeOf(changed)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const elsewhere = await s.scorer.client.post(url, { entryId: s.other, scores: scoresFor(80), idempotencyKey: key });
    expect([elsewhere.statusCode, codeOf(elsewhere)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const rows = await scoreRows(s.id);
    expect(rows.map((r) => [r.total, r.idempotencyKey])).toEqual([[80, key]]);
  });

  it('each bad input of the issue is refused with its exact code and nothing is stored', async () => {
    const s = await stageAt();
    const url = `/api/stages/${s.id}/scores`;
    const send = (client: typeof s.scorer.client, entryId: string, scores: Record<string, number>) =>
      client.post(url, { entryId, scores, idempotencyKey: scoreKey() });
    // A judge not on the stage (an expert of the same pool) and a host who is no judge.
    const outsider = await activeJudge(t, w.organizerId);
    const notJudge = await send(outsider.client, s.entryId, scoresFor(80));
    expect([notJudge.statusCode, codeOf(notJudge)]).toEqual([403, 'NOT_STAGE_JUDGE']);
    expect(codeOf(await send(w.manager, s.entryId, scoresFor(80)))).toBe('NOT_STAGE_JUDGE');
    // A finalist not presenting.
    const other = await send(s.scorer.client, s.other, scoresFor(80));
    expect([other.statusCode, codeOf(other)]).toEqual([409, 'NOT_PRESENTING']);
    // Outside the sheet's range, too precise, a criterion missing, one unknown.
    const range = await send(s.scorer.client, s.entryId, { content: 61, delivery: 30 });
    expect([range.statusCode, codeOf(range), range.json().error.params]).toEqual([
      422,
      'SCORE_OUT_OF_RANGE',
      { criterion: '案例内容', key: 'content', min: 0, max: 60 },
    ]);
    const negative = await send(s.scorer.client, s.entryId, { content: -1, delivery: 30 });
    expect(codeOf(negative)).toBe('SCORE_OUT_OF_RANGE');
    const precise = await send(s.scorer.client, s.entryId, { content: 50.25, delivery: 30 });
    expect([codeOf(precise), precise.json().error.params.decimals]).toEqual(['SCORE_TOO_PRECISE', 1]);
    const missing = await send(s.scorer.client, s.entryId, { content: 50 });
    expect([codeOf(missing), missing.json().error.params.key]).toEqual(['SCORE_MISSING', 'delivery']);
    const unknown = await send(s.scorer.client, s.entryId, { content: 50, delivery: 30, charisma: 5 });
    expect([unknown.statusCode, codeOf(unknown), unknown.json().error.fields[0].path]).toEqual([
      400,
      'VALIDATION_FAILED',
      'scores.charisma',
    ]);
    expect(await scoreRows(s.id)).toEqual([]);

    // A second score of the same judge under a new key: SHEET_SUBMITTED; the first stays the only one.
    expect((await send(s.scorer.client, s.entryId, scoresFor(80))).statusCode).toBe(200);
    const twice = await send(s.scorer.client, s.entryId, scoresFor(90));
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'SHEET_SUBMITTED']);
    expect((await scoreRows(s.id)).map((r) => r.total)).toEqual([80]);
  });

  it('STAGE_NOT_SCORING before the host opens the scoring and after the reveal; the phone’s ability says the same', async () => {
    const s = await stageAt('waiting');
    const url = `/api/stages/${s.id}/scores`;
    const early = await s.scorer.client.post(url, { entryId: s.entryId, scores: scoresFor(80), idempotencyKey: scoreKey() });
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'STAGE_NOT_SCORING']);
    expect((await s.scorer.client.get(`/api/stages/${s.id}/judge`)).json().abilities.submit).toBe('STAGE_NOT_SCORING');
    for (const a of ['present', 'qa', 'score']) await stepOk(w.manager, s.id, a);
    const phone = (await s.scorer.client.get(`/api/stages/${s.id}/judge`)).json();
    expect([phone.abilities.submit, phone.mine, phone.current.entryId]).toEqual([
      true,
      { status: 'none', scores: null, total: null },
      s.entryId,
    ]);
    for (const j of w.judges)
      if (!s.recused.has(j.judgeId))
        await j.client.post(url, { entryId: s.entryId, scores: scoresFor(70), idempotencyKey: scoreKey() });
    const mine = (await s.scorer.client.get(`/api/stages/${s.id}/judge`)).json();
    expect([mine.abilities.submit, mine.mine]).toEqual([
      'SHEET_SUBMITTED',
      { status: 'submitted', scores: scoresFor(70), total: 70 },
    ]);
    await stepOk(w.manager, s.id, 'reveal');
    const recused = w.judges.find((j) => s.recused.has(j.judgeId));
    const late = await (recused ?? s.scorer).client.post(url, {
      entryId: s.entryId,
      scores: scoresFor(80),
      idempotencyKey: scoreKey(),
    });
    expect([late.statusCode, codeOf(late)]).toEqual([409, 'STAGE_NOT_SCORING']);
  });

  it('the last score and the reveal at once: either the reveal waits (WRONG_STATUS) or it counts the score — never a reveal that misses a stored score', async () => {
    const s = await stageAt();
    const url = `/api/stages/${s.id}/scores`;
    const counted = w.judges.filter((j) => !s.recused.has(j.judgeId));
    const last = counted.at(-1) as StageWorld['judges'][number];
    for (const j of counted)
      if (j !== last) await j.client.post(url, { entryId: s.entryId, scores: scoresFor(70), idempotencyKey: scoreKey() });
    const version = (await w.manager.get(`/api/stages/${s.id}`)).json().version;
    const [scored, revealed] = await Promise.all([
      last.client.post(url, { entryId: s.entryId, scores: scoresFor(90), idempotencyKey: scoreKey() }),
      w.manager.post(`/api/stages/${s.id}/actions`, { action: 'reveal', version }),
    ]);
    const stored = (await scoreRows(s.id)).filter((r) => r.judgeId === last.judgeId);
    if (revealed.statusCode === 200) {
      // The reveal came after the score: the score is in it.
      expect([scored.statusCode, stored.length]).toEqual([200, 1]);
      const seat = revealed.json().judges.find((j: { judgeId: string }) => j.judgeId === last.judgeId).seat;
      expect(revealed.json().current.reveal.scores.find((x: { seat: number }) => x.seat === seat).total).toBe(90);
    } else {
      expect([revealed.statusCode, codeOf(revealed), scored.statusCode, stored.length]).toEqual([409, 'WRONG_STATUS', 200, 1]);
    }
  });

  it('X-4: a recused judge is refused RECUSED, their phone shows 回避, the reveal excludes them and does not wait for them', async () => {
    const s = await stageAt();
    // Which finalist presents first is the draw's; the recused judge is the one of finalist 1.
    const judge = w.judges[2] as StageWorld['judges'][number];
    const url = `/api/stages/${s.id}/scores`;
    const onRecused = s.entryId === w.finalists[0]?.id;
    if (!onRecused) {
      // Finalist 2 first: score and reveal it, then move on to finalist 1.
      for (const j of w.judges)
        await j.client.post(url, { entryId: s.entryId, scores: scoresFor(70), idempotencyKey: scoreKey() });
      for (const a of ['reveal', 'next', 'present', 'qa', 'score']) await stepOk(w.manager, s.id, a);
    }
    const entryId = w.finalists[0]?.id as string;
    const phone = (await judge.client.get(`/api/stages/${s.id}/judge`)).json();
    expect([phone.current.entryId, phone.mine.status, phone.abilities.submit]).toEqual([entryId, 'recused', 'RECUSED']);
    const refused = await judge.client.post(url, { entryId, scores: scoresFor(99), idempotencyKey: scoreKey() });
    expect([refused.statusCode, codeOf(refused)]).toEqual([403, 'RECUSED']);
    const totals = [80, 70, 0, 90];
    for (const [i, j] of w.judges.entries())
      if (i !== 2)
        expect(
          (await j.client.post(url, { entryId, scores: scoresFor(totals[i] as number), idempotencyKey: scoreKey() })).statusCode,
        ).toBe(200);
    const host = (await w.manager.get(`/api/stages/${s.id}`)).json();
    expect(host.progress.map((p: { status: string }) => p.status)).toEqual(['scored', 'scored', 'recused', 'scored']);
    const revealed = await stepOk(w.manager, s.id, 'reveal');
    // Three counted scores, trimmed: 90 and 70 dropped, 80 remains.
    expect(revealed.current.reveal).toEqual({
      method: 'trimmed',
      final: 80,
      scores: [
        { seat: 1, name: expect.any(String), total: 80, recused: false, dropped: false },
        { seat: 2, name: expect.any(String), total: 70, recused: false, dropped: true },
        { seat: 3, name: expect.any(String), total: null, recused: true, dropped: false },
        { seat: 4, name: expect.any(String), total: 90, recused: false, dropped: true },
      ],
    });
  });
});
