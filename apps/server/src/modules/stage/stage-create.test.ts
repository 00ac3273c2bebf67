import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { activeJudge, judgingCampaign, judgingRound } from '../../../test/judging.ts';
import { STAGE_SHEET, type StageWorld, stageInput, stageWorld } from '../../../test/stage.ts';
import { stages } from './stage.tables.ts';

/**
 * Issue 11 item 1: a stage is set up from a frozen round's finalists and the organizer's own experts; each wrong
 * setting is refused with its code and no stage is made.
 */
let t: TestApp;
let w: StageWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await stageWorld(t, { finalists: 2, judges: 2 });
}, 180_000);
afterAll(() => t.close());

const create = (body: object) => w.manager.post(`/api/campaigns/${w.campaignId}/stages`, body);
const errorOf = (res: { json(): { error: { code: string; fields?: Array<{ path: string; code: string }> } } }) => {
  const { code, fields } = res.json().error;
  return fields ? [code, fields.map((f) => [f.path, f.code])] : [code];
};
const stageCount = async () => (await t.app.ctx.db.select().from(stages).where(eq(stages.campaignId, w.campaignId))).length;

describe('issue 11: creating a stage', () => {
  it('the finalists come only from a frozen round of this campaign; the judges only from the organizer’s active pool', async () => {
    const before = await stageCount();
    const open = await judgingRound(t, w.campaignId, { status: 'closed' });
    const notFrozen = await create(stageInput(w, { sourceRoundId: open.id }));
    expect([notFrozen.statusCode, ...errorOf(notFrozen)]).toEqual([409, 'WRONG_STATUS']);

    const elsewhere = await judgingCampaign(t);
    const foreignRound = await judgingRound(t, elsewhere.campaign.id, { status: 'frozen' });
    const foreign = await create(stageInput(w, { sourceRoundId: foreignRound.id }));
    expect([foreign.statusCode, ...errorOf(foreign)]).toEqual([400, 'VALIDATION_FAILED', [['sourceRoundId', 'INVALID']]]);
    const theme = await create(stageInput(w, { themeId: elsewhere.campaign.themes[0]?.id as string }));
    expect(errorOf(theme)).toEqual(['VALIDATION_FAILED', [['themeId', 'INVALID']]]);

    // An expert of another organizer's pool, a judge twice.
    const stranger = await activeJudge(t, elsewhere.organizer.id);
    const ids = w.judges.map((j) => j.judgeId);
    const outsider = await create(stageInput(w, { judgeIds: [...ids, stranger.judge.id] }));
    expect(errorOf(outsider)).toEqual(['VALIDATION_FAILED', [['judgeIds.2', 'INVALID']]]);
    const twice = await create(stageInput(w, { judgeIds: [ids[0] as string, ids[0] as string] }));
    expect(errorOf(twice)).toEqual(['VALIDATION_FAILED', [['judgeIds', 'DUPLICATE']]]);

    const weights = await create(stageInput(w, { sheet: { ...STAGE_SHEET, weightTotal: 90 } }));
    expect([weights.statusCode, ...errorOf(weights), weights.json().error.params]).toEqual([
      422,
      'WEIGHTS_MISMATCH',
      { sum: 100, declared: 90 },
    ]);
    expect(await stageCount()).toBe(before);
  });

  it('a created stage answers the host view: draft, the finalists unordered until the draw, the settings as given', async () => {
    const res = await create(stageInput(w, { presentSeconds: 600, qaSeconds: 300, warnSeconds: 30, method: 'mean' }));
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect([view.state, view.presentSeconds, view.qaSeconds, view.clock.warnSeconds, view.method, view.sourceRoundId]).toEqual([
      'draft',
      600,
      300,
      30,
      'mean',
      w.roundId,
    ]);
    expect(view.finalists.map((f: { position: number | null }) => f.position)).toEqual([null, null]);
    expect(view.finalists.map((f: { title: string }) => f.title).sort()).toEqual(w.finalists.map((f) => f.title).sort());
    // The judges' list (the organizer's view) names this stage as the host's.
    const list = (await w.manager.get(`/api/campaigns/${w.campaignId}/stages`)).json();
    expect(list.canCreate).toBe(true);
    expect(list.stages.find((s: { id: string }) => s.id === view.id)).toMatchObject({ role: 'host', finalists: 2, judges: 2 });
    const asJudge = (await w.judges[0]?.client.get(`/api/campaigns/${w.campaignId}/stages`))?.json();
    expect([asJudge.canCreate, asJudge.stages.find((s: { id: string }) => s.id === view.id)?.role]).toEqual([false, 'judge']);
  });
});
