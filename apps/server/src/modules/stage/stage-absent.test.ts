import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { createdStage, type StageWorld, scoreKey, scoresFor, stageAudit, stageWorld, step, stepOk } from '../../../test/stage.ts';
import { stageFinalists, stageScores } from './stage.tables.ts';

/**
 * A judge whose phone dies or who leaves the hall must not block the reveal for good: the host reveals with a
 * reason, the missing judges shown absent (total null, not recused) and counted as a recused judge is — not at all;
 * the audit event carries the reason and the absent seats. Without a reason the reveal still waits for
 * everyone (WRONG_STATUS), and the console's `revealAbsent` says when the reason-backed reveal is open.
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  // Five judges, none recused: seats 1..5 in this order.
  w = await stageWorld(t, { finalists: 2, judges: 5 });
}, 180_000);
afterAll(() => t.close());

const codeOf = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
const REASON = '3 号评委手机没电，已离场';

/** A stage drawn and started, its first presenter being scored. */
async function scoringStage() {
  const id = await createdStage(w);
  for (const a of ['draw', 'start', 'present', 'qa', 'score']) await stepOk(w.manager, id, a);
  const view = (await w.manager.get(`/api/stages/${id}`)).json();
  return { id, entryId: view.current.entryId as string, names: view.judges.map((j: { name: string }) => j.name) as string[] };
}

/** Judge at `index` (seat index + 1) scores the finalist on stage; returns the raw response. */
const scoreAs = (id: string, entryId: string, index: number, total: number) =>
  (w.judges[index] as StageWorld['judges'][number]).client.post(`/api/stages/${id}/scores`, {
    entryId,
    scores: scoresFor(total),
    idempotencyKey: scoreKey(),
  });

async function scoreAll(id: string, entryId: string, totals: Array<number | null>) {
  for (const [i, total] of totals.entries()) {
    if (total === null) continue;
    const res = await scoreAs(id, entryId, i, total);
    if (res.statusCode !== 200) throw new Error(`judge ${i + 1}: ${res.body}`);
  }
}

const hostView = async (id: string) => (await w.manager.get(`/api/stages/${id}`)).json();
const storedReveal = async (id: string, entryId: string) =>
  (
    await t.app.ctx.db
      .select({ reveal: stageFinalists.reveal, final: stageFinalists.final })
      .from(stageFinalists)
      .where(and(eq(stageFinalists.stageId, id), eq(stageFinalists.entryId, entryId)))
  )[0];

describe('issue 11: revealing without a judge whose phone died', () => {
  it('without a reason the reveal waits for every judge (WRONG_STATUS, nothing changes); with one the absent judge is shown and not counted, the event says why and who (X-3); their late score is STAGE_NOT_SCORING', async () => {
    const s = await scoringStage();
    // Nobody has scored: neither reveal is offered, and a reason does not open it (a reveal of nobody says nothing).
    const empty = await hostView(s.id);
    expect([empty.abilities.reveal, empty.abilities.revealAbsent]).toEqual(['WRONG_STATUS', 'WRONG_STATUS']);
    const ofNobody = await step(w.manager, s.id, 'reveal', { reason: REASON });
    expect([ofNobody.statusCode, codeOf(ofNobody)]).toEqual([409, 'WRONG_STATUS']);

    // Seat 3's phone died: seats 1, 2, 4, 5 scored.
    await scoreAll(s.id, s.entryId, [80, 90, null, 70, 85.5]);
    const before = await hostView(s.id);
    expect([before.state, before.abilities.reveal, before.abilities.revealAbsent]).toEqual(['scoring', 'WRONG_STATUS', true]);
    expect(before.progress.map((p: { status: string }) => p.status)).toEqual(['scored', 'scored', 'waiting', 'scored', 'scored']);
    const events = (await stageAudit(t, s.id)).length;

    const bare = await step(w.manager, s.id, 'reveal');
    expect([bare.statusCode, codeOf(bare)]).toEqual([409, 'WRONG_STATUS']);
    const short = await step(w.manager, s.id, 'reveal', { reason: '无' });
    expect([short.statusCode, codeOf(short), short.json().error.fields]).toEqual([
      400,
      'VALIDATION_FAILED',
      [expect.objectContaining({ path: 'reason', code: 'REASON_REQUIRED' })],
    ]);
    const unchanged = await hostView(s.id);
    expect([unchanged.state, unchanged.version, unchanged.current.reveal]).toEqual(['scoring', before.version, null]);
    expect(await storedReveal(s.id, s.entryId)).toEqual({ reveal: null, final: null });
    expect(await stageAudit(t, s.id)).toHaveLength(events);

    const revealed = await stepOk(w.manager, s.id, 'reveal', { reason: REASON });
    // Trimmed over the four who scored: 70 (seat 4) and 90 (seat 2) dropped, (80 + 85.5) / 2 = 82.75. Counting the
    // absent judge as 0 would give (70 + 80 + 85.5) / 3 = 78.5.
    const reveal = {
      method: 'trimmed',
      final: 82.75,
      scores: [
        { seat: 1, name: s.names[0], total: 80, recused: false, dropped: false },
        { seat: 2, name: s.names[1], total: 90, recused: false, dropped: true },
        { seat: 3, name: s.names[2], total: null, recused: false, dropped: false },
        { seat: 4, name: s.names[3], total: 70, recused: false, dropped: true },
        { seat: 5, name: s.names[4], total: 85.5, recused: false, dropped: false },
      ],
    };
    expect([revealed.state, revealed.current.reveal]).toEqual(['revealed', reveal]);
    expect([revealed.abilities.reveal, revealed.abilities.revealAbsent, revealed.abilities.next]).toEqual([
      'WRONG_STATUS',
      'WRONG_STATUS',
      true,
    ]);
    expect(await storedReveal(s.id, s.entryId)).toEqual({ reveal, final: 82.75 });
    // The hall sees the same reveal (the public screen, signed out).
    const screen = (await new Client(t.app).get(`/api/stages/${s.id}/screen`)).json();
    expect(screen.current.reveal).toEqual(reveal);

    const audit = await stageAudit(t, s.id);
    expect(audit).toHaveLength(events + 1);
    expect(audit.at(-1)).toEqual({
      kind: 'stage.reveal',
      data: expect.objectContaining({
        from: 'scoring',
        to: 'revealed',
        entryId: s.entryId,
        final: 82.75,
        scores: reveal.scores,
        reason: REASON,
        absent: [3],
      }),
    });

    // The phone comes back: too late for this finalist, and nothing is stored.
    const late = await scoreAs(s.id, s.entryId, 2, 75);
    expect([late.statusCode, codeOf(late)]).toEqual([409, 'STAGE_NOT_SCORING']);
    const rows = await t.app.ctx.db
      .select()
      .from(stageScores)
      .where(and(eq(stageScores.stageId, s.id), eq(stageScores.judgeId, w.judges[2]?.judgeId as string)));
    expect(rows).toEqual([]);
    // Reopening the absent judge: they have no submitted score (WRONG_STATUS, as for any judge who has not scored).
    const reopenAbsent = await step(w.manager, s.id, 'reopen', { judgeId: w.judges[2]?.judgeId, reason: '补录评分' });
    expect([reopenAbsent.statusCode, codeOf(reopenAbsent)]).toEqual([409, 'WRONG_STATUS']);

    // On the next finalist the judge is back and counted as everyone else; the plain reveal carries no absent seats.
    await stepOk(w.manager, s.id, 'next');
    for (const a of ['present', 'qa', 'score']) await stepOk(w.manager, s.id, a);
    const second = (await hostView(s.id)).current.entryId as string;
    await scoreAll(s.id, second, [70, 72, 74, 76, 78]);
    // Nobody is missing: a reason makes it no reveal without anyone (WRONG_STATUS, as `revealAbsent` says); the
    // plain reveal is the step.
    const full = await hostView(s.id);
    expect([full.abilities.reveal, full.abilities.revealAbsent]).toEqual([true, 'WRONG_STATUS']);
    const needless = await step(w.manager, s.id, 'reveal', { reason: REASON });
    expect([needless.statusCode, codeOf(needless)]).toEqual([409, 'WRONG_STATUS']);
    const plain = await stepOk(w.manager, s.id, 'reveal');
    expect([plain.current.reveal.final, plain.current.reveal.scores.map((x: { total: number }) => x.total)]).toEqual([
      74,
      [70, 72, 74, 76, 78],
    ]);
    const last = (await stageAudit(t, s.id)).at(-1);
    expect([last?.kind, 'absent' in (last?.data ?? {}), 'reason' in (last?.data ?? {})]).toEqual(['stage.reveal', false, false]);
  });

  it('a reopen of another judge after such a reveal works as before; the re-reveal needs the reason again while the judge is still missing', async () => {
    const s = await scoringStage();
    await scoreAll(s.id, s.entryId, [80, 90, null, 70, 85.5]);
    await stepOk(w.manager, s.id, 'reveal', { reason: REASON });
    const reopened = await stepOk(w.manager, s.id, 'reopen', { judgeId: w.judges[0]?.judgeId, reason: '1 号评委误触提交' });
    expect([reopened.state, reopened.current.reveal]).toEqual(['scoring', null]);
    expect(reopened.progress.map((p: { status: string }) => p.status)).toEqual([
      'waiting',
      'scored',
      'waiting',
      'scored',
      'scored',
    ]);
    expect(await storedReveal(s.id, s.entryId)).toEqual({ reveal: null, final: null });
    expect([reopened.abilities.reveal, reopened.abilities.revealAbsent]).toEqual(['WRONG_STATUS', true]);

    expect((await scoreAs(s.id, s.entryId, 0, 88)).statusCode).toBe(200);
    const bare = await step(w.manager, s.id, 'reveal');
    expect([bare.statusCode, codeOf(bare)]).toEqual([409, 'WRONG_STATUS']);
    const again = await stepOk(w.manager, s.id, 'reveal', { reason: REASON });
    // 70 and 90 dropped again, (88 + 85.5) / 2 = 86.75.
    expect([again.current.reveal.final, again.current.reveal.scores.map((x: { total: number | null }) => x.total)]).toEqual([
      86.75,
      [88, 90, null, 70, 85.5],
    ]);
    const reveals = (await stageAudit(t, s.id)).filter((e) => e.kind === 'stage.reveal');
    expect(reveals.map((e) => [e.data.reason, e.data.absent, e.data.final])).toEqual([
      [REASON, [3], 82.75],
      [REASON, [3], 86.75],
    ]);
  });

  it('the last missing score racing the reveal with a reason: either it is counted or it is refused and the judge shown absent, never lost', async () => {
    const s = await scoringStage();
    await scoreAll(s.id, s.entryId, [80, 90, null, 70, null]);
    const version = (await hostView(s.id)).version as number;
    const [late, revealed] = await Promise.all([
      scoreAs(s.id, s.entryId, 4, 85.5),
      w.manager.post(`/api/stages/${s.id}/actions`, { action: 'reveal', version, reason: REASON }),
    ]);
    expect(revealed.statusCode).toBe(200);
    const fifth = revealed.json().current.reveal.scores[4];
    const absent = (await stageAudit(t, s.id)).at(-1)?.data.absent;
    if (late.statusCode === 200) expect([fifth.total, absent]).toEqual([85.5, [3]]);
    else expect([codeOf(late), fifth.total, absent]).toEqual(['STAGE_NOT_SCORING', null, [3, 5]]);
  });
});
