import { STAGE_ACTIONS, type TStageAction } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { createdStage, type StageWorld, scoreKey, scoresFor, stageWorld, stepOk } from '../../../test/stage.ts';
import { stageJudges } from './stage.tables.ts';

/**
 * The host view's abilities (docs/module-shape.md): at every state of a stage's day, each action the console is told
 * it may not take is refused with exactly the reported code and changes nothing; each one reported `true` is taken
 * somewhere in the walk (stage-transitions.test.ts takes every one of them in order; stage-absent.test.ts the
 * reveal with a reason that `revealAbsent` offers).
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await stageWorld(t, { finalists: 2, judges: 3 });
}, 180_000);
afterAll(() => t.close());

/** Every ability the host view carries: each action's, and `revealAbsent` (the reveal asked with a reason). */
type Ability = TStageAction | 'revealAbsent';
const ABILITIES: Ability[] = [...STAGE_ACTIONS, 'revealAbsent'];

/**
 * What the console posts for an ability: the plain reveal button sends no reason (a reason is `revealAbsent`'s),
 * every other action one (redraw and reopen need it).
 */
const askFor = (ability: Ability) =>
  ability === 'revealAbsent'
    ? { action: 'reveal', reason: '核对能力表' }
    : { action: ability, ...(ability === 'reveal' ? {} : { reason: '核对能力表' }) };

/** Posts every action the view refuses and expects its code; returns the abilities it allows. */
async function refusalsHold(stageId: string): Promise<Ability[]> {
  const view = (await w.manager.get(`/api/stages/${stageId}`)).json();
  expect(Object.keys(view.abilities).sort()).toEqual([...ABILITIES].sort());
  const allowed: Ability[] = [];
  for (const action of ABILITIES) {
    const ability = view.abilities[action];
    if (ability === true) {
      allowed.push(action);
      continue;
    }
    const res = await w.manager.post(`/api/stages/${stageId}/actions`, {
      ...askFor(action),
      version: view.version,
      judgeId: w.judges[0]?.judgeId,
    });
    expect([view.state, action, res.statusCode, res.json().error?.code]).toEqual([view.state, action, 409, ability]);
  }
  const after = (await w.manager.get(`/api/stages/${stageId}`)).json();
  expect([after.state, after.version]).toEqual([view.state, view.version]);
  return allowed;
}

describe('issue 11: the console’s abilities agree with the actions', () => {
  it('X-3: at each state every refused ability is the action’s exact refusal; the allowed ones are the walk’s next steps', async () => {
    const id = await createdStage(w);
    const seen: Array<[string, Ability[]]> = [];
    const at = async (label: string) => seen.push([label, await refusalsHold(id)]);
    await at('draft');
    await stepOk(w.manager, id, 'draw');
    await at('drawn');
    await stepOk(w.manager, id, 'start');
    await at('waiting');
    await stepOk(w.manager, id, 'present');
    await at('presenting');
    await stepOk(w.manager, id, 'pause');
    await at('presenting, paused');
    await stepOk(w.manager, id, 'resume');
    await stepOk(w.manager, id, 'qa');
    await at('qa');
    await stepOk(w.manager, id, 'score');
    await at('scoring, nobody scored');
    const entryId = (await w.manager.get(`/api/stages/${id}`)).json().current.entryId as string;
    const [first, ...rest] = w.judges;
    await first?.client.post(`/api/stages/${id}/scores`, { entryId, scores: scoresFor(80), idempotencyKey: scoreKey() });
    await at('scoring, one scored');
    for (const j of rest)
      await j.client.post(`/api/stages/${id}/scores`, { entryId, scores: scoresFor(80), idempotencyKey: scoreKey() });
    await at('scoring, all scored');
    await stepOk(w.manager, id, 'reveal');
    await at('revealed, first');
    await stepOk(w.manager, id, 'next');
    for (const a of ['present', 'qa', 'score']) await stepOk(w.manager, id, a);
    const second = (await w.manager.get(`/api/stages/${id}`)).json().current.entryId as string;
    for (const j of w.judges)
      await j.client.post(`/api/stages/${id}/scores`, { entryId: second, scores: scoresFor(70), idempotencyKey: scoreKey() });
    await stepOk(w.manager, id, 'reveal');
    await at('revealed, last');
    await stepOk(w.manager, id, 'finish');
    await at('finished');
    await stepOk(w.manager, id, 'freeze');
    await at('frozen');
    expect(seen).toEqual([
      ['draft', ['draw']],
      ['drawn', ['redraw', 'start']],
      ['waiting', ['present']],
      ['presenting', ['qa', 'pause']],
      ['presenting, paused', ['qa', 'resume']],
      ['qa', ['score', 'pause']],
      ['scoring, nobody scored', ['reopen']],
      ['scoring, one scored', ['reopen', 'revealAbsent']],
      ['scoring, all scored', ['reveal', 'reopen']],
      ['revealed, first', ['next', 'reopen']],
      ['revealed, last', ['finish', 'reopen']],
      ['finished', ['freeze']],
      ['frozen', []],
    ]);
  });

  it('a stage without judges can be drawn but not started: STAGE_INCOMPLETE, as its ability says', async () => {
    const id = await createdStage(w);
    await stepOk(w.manager, id, 'draw');
    // The judges' rows go (an expert deleted from the pool cascades): the start is refused.
    await t.app.ctx.db.delete(stageJudges).where(eq(stageJudges.stageId, id));
    expect(await refusalsHold(id)).toEqual(['redraw']);
    expect((await w.manager.get(`/api/stages/${id}`)).json().abilities.start).toBe('STAGE_INCOMPLETE');
  });
});
