import { MEDALS_S0_10, SEED_001_SHEET, type TStageReveal, type TStageState } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/app.ts';
import { activeJudge, judgingCampaign, type PassedEntry, passedEntry } from '../../../test/judging.ts';
import { drawOrder } from './draw.ts';
import { stageFinalists, stageJudges, stageRecusals, stageScores, stages } from './stage.tables.ts';

/**
 * Stages for the screen and stream tests, written straight into the stage tables (no create route needed): a
 * seed-000 campaign, passed entries of fresh hospitals as finalists, active pool judges seated 1..n, and the
 * stage's columns as a test wants them. The order is drawn from a fixed seed, so positions are known.
 */
export const FIXTURE_SEED = 'c0ffee'.repeat(10).concat('c0ff');

export interface StageFixture {
  stageId: string;
  campaignId: string;
  themeId: string;
  themeTitle: string;
  /** The organizer's manager who made the stage (the host), to sign in with the test password. */
  hostEmail: string;
  /** The finalists in presenting order (position 1 first). */
  finalists: PassedEntry[];
  judges: Array<{ judgeId: string; seat: number; name: string }>;
}

export async function stageFixture(
  t: TestApp,
  options: { finalists?: number; judges?: number; state?: TStageState; currentIndex?: number } = {},
): Promise<StageFixture> {
  const setup = await judgingCampaign(t);
  const made: PassedEntry[] = [];
  for (let i = 0; i < (options.finalists ?? 3); i += 1) made.push(await passedEntry(t, setup, { title: `决赛案例${i + 1}` }));
  const judges: Array<Awaited<ReturnType<typeof activeJudge>>['judge']> = [];
  for (let i = 0; i < (options.judges ?? 3); i += 1) judges.push((await activeJudge(t, setup.organizer.id)).judge);
  const state = options.state ?? 'waiting';
  const drawn = state !== 'draft';
  const now = t.clock.now();
  const theme = setup.campaign.themes[0] as { id: string; title: string };
  const [stage] = await t.app.ctx.db
    .insert(stages)
    .values({
      campaignId: setup.campaign.id,
      themeId: theme.id,
      label: '全国总决赛 · 第一场',
      state,
      currentIndex: options.currentIndex ?? 0,
      sheet: SEED_001_SHEET,
      awards: MEDALS_S0_10,
      drawSeed: drawn ? FIXTURE_SEED : null,
      drawnAt: drawn ? now : null,
      createdBy: setup.managerUser.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: stages.id });
  const stageId = (stage as { id: string }).id;
  const order = drawOrder(
    FIXTURE_SEED,
    made.map((e) => e.id),
  );
  await t.app.ctx.db
    .insert(stageFinalists)
    .values(made.map((e) => ({ stageId, entryId: e.id, position: drawn ? order.indexOf(e.id) + 1 : null })));
  const seated = judges.map((j, i) => ({ judgeId: j.id, seat: i + 1, name: `评委${i + 1}` }));
  await t.app.ctx.db.insert(stageJudges).values(seated.map((j, i) => ({ stageId, ...j, userId: judges[i]?.userId ?? null })));
  return {
    stageId,
    campaignId: setup.campaign.id,
    themeId: theme.id,
    themeTitle: theme.title,
    hostEmail: setup.managerUser.email,
    finalists: drawn ? order.map((id) => made.find((e) => e.id === id) as PassedEntry) : made,
    judges: seated,
  };
}

/** Sets stage columns the way the host's steps would (the writer is not under test here). */
export async function setStage(t: Pick<TestApp, 'app'>, stageId: string, patch: Partial<typeof stages.$inferInsert>) {
  await t.app.ctx.db.update(stages).set(patch).where(eq(stages.id, stageId));
}

export async function setFinalist(
  t: TestApp,
  stageId: string,
  entryId: string,
  patch: { reveal?: TStageReveal | null; final?: number | null; rank?: number | null; award?: string | null },
) {
  await t.app.ctx.db
    .update(stageFinalists)
    .set(patch)
    .where(and(eq(stageFinalists.stageId, stageId), eq(stageFinalists.entryId, entryId)));
}

export async function submittedScore(t: TestApp, stageId: string, entryId: string, judgeId: string, total: number) {
  await t.app.ctx.db.insert(stageScores).values({
    stageId,
    entryId,
    judgeId,
    scores: { demonstration: total },
    total,
    idempotencyKey: `key-${entryId}-${judgeId}`,
    submittedAt: t.clock.now(),
  });
}

export async function recusal(t: TestApp, stageId: string, entryId: string, judgeId: string) {
  await t.app.ctx.db.insert(stageRecusals).values({ stageId, entryId, judgeId, reason: 'own_unit' });
}
