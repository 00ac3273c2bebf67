import { randomBytes } from 'node:crypto';
import {
  MEDALS_S0_10,
  SEED_000_SHEET,
  type TCreateStageInput,
  type TScoreSheetSpec,
  type TStageAward,
} from '@casearena/contract';
import { and, asc, eq, like } from 'drizzle-orm';
import { auditEvents, judges, roundEntries, roundResults } from '../src/db/schema.ts';
import type { Client, TestApp } from './app.ts';
import { activeJudge, judgingCampaign, judgingRound, passedEntry } from './judging.ts';

/** Two criteria (60 + 40 points, weights 60 and 40 of 100, one decimal): every total is a plain sum. */
export const STAGE_SHEET: TScoreSheetSpec = {
  criteria: [
    { key: 'content', label: { 'zh-CN': '案例内容', en: 'Content' }, weight: 60, max: 60, decimals: 1, commentRequired: false },
    { key: 'delivery', label: { 'zh-CN': '现场表现', en: 'Delivery' }, weight: 40, max: 40, decimals: 1, commentRequired: false },
  ],
  weightTotal: 100,
  commentRequired: false,
};

export interface StageJudge {
  judgeId: string;
  client: Client;
  userId: string;
}

export interface StageWorld {
  campaignId: string;
  themeId: string;
  organizerId: string;
  manager: Client;
  roundId: string;
  /** The finalists' entries (tier `outstanding` in the frozen round), in creation order. */
  finalists: Array<{ id: string; title: string; hospitalId: string }>;
  /** An entry of the same theme and round with another tier: never a finalist. */
  other: string;
  judges: StageJudge[];
}

/**
 * A campaign of a fresh organizer (seed 000) with `finalists` passed entries in its first theme, all in a frozen
 * round whose results give them the tier `outstanding` (and one more entry `excellent`), and `judges` active experts
 * of the organizer's pool, each signed in. `recuse` lists [judge, finalist] pairs: that judge's own unit is set to
 * that finalist's hospital, so judging's rule recuses them (own_unit, X-4).
 */
export async function stageWorld(
  t: TestApp,
  options: { finalists: number; judges: number; recuse?: Array<[number, number]>; advanced?: boolean },
): Promise<StageWorld> {
  const setup = await judgingCampaign(t);
  const themeId = setup.campaign.themes[0]?.id as string;
  const made = [];
  for (let i = 0; i <= options.finalists; i += 1)
    made.push(await passedEntry(t, setup, { title: `决赛案例${i + 1}号${randomBytes(2).toString('hex')}` }));
  const round = await judgingRound(t, setup.campaign.id, { status: 'frozen', sheet: SEED_000_SHEET });
  const now = t.clock.now();
  const db = t.app.ctx.db;
  await db.insert(roundEntries).values(made.map((e) => ({ roundId: round.id, entryId: e.id, themeId: e.themeId, addedAt: now })));
  await db.insert(roundResults).values(
    made.map((e, i) => ({
      roundId: round.id,
      entryId: e.id,
      score: 90 - i,
      rank: i + 1,
      // Seed 002: the finalists are the advanced ones (no tiers); seed 000: the Outstanding ones.
      tier: options.advanced ? null : i < options.finalists ? 'outstanding' : 'excellent',
      advanced: options.advanced === true && i < options.finalists,
      breakdown: {},
      frozenAt: now,
    })),
  );
  const pool: StageJudge[] = [];
  for (let j = 0; j < options.judges; j += 1) {
    const { judge, user, client } = await activeJudge(t, setup.organizer.id);
    pool.push({ judgeId: judge.id, client, userId: user.id });
  }
  for (const [j, f] of options.recuse ?? [])
    await db
      .update(judges)
      .set({ organizationId: made[f]?.hospital.id })
      .where(eq(judges.id, pool[j]?.judgeId as string));
  return {
    campaignId: setup.campaign.id,
    themeId,
    organizerId: setup.organizer.id,
    manager: setup.manager,
    roundId: round.id,
    finalists: made.slice(0, options.finalists).map((e) => ({ id: e.id, title: e.title, hospitalId: e.hospital.id })),
    other: (made[options.finalists] as { id: string }).id,
    judges: pool,
  };
}

/** The create body for the world's stage (seed 000's gold/silver/bronze, a trimmed mean, the two-criterion sheet). */
export function stageInput(w: StageWorld, overrides: Partial<TCreateStageInput> = {}): TCreateStageInput {
  return {
    label: '全国总决赛 · 第一场',
    themeId: w.themeId,
    trackKey: null,
    sourceRoundId: w.roundId,
    tiers: ['outstanding'],
    judgeIds: w.judges.map((j) => j.judgeId),
    presentSeconds: 480,
    qaSeconds: 420,
    warnSeconds: 60,
    method: 'trimmed',
    sheet: STAGE_SHEET,
    awards: MEDALS_S0_10 as TStageAward[],
    ...overrides,
  };
}

/** Creates the stage as the host; returns its id. */
export async function createdStage(w: StageWorld, overrides: Partial<TCreateStageInput> = {}): Promise<string> {
  const res = await w.manager.post(`/api/campaigns/${w.campaignId}/stages`, stageInput(w, overrides));
  if (res.statusCode !== 201) throw new Error(`could not create the stage: ${res.body}`);
  return res.json().id as string;
}

/** The host's console: one step at the version the console shows (read just before), answering the raw response. */
export async function step(host: Client, stageId: string, action: string, extra: object = {}) {
  const view = await host.get(`/api/stages/${stageId}`);
  if (view.statusCode !== 200) throw new Error(`could not read the stage: ${view.body}`);
  return host.post(`/api/stages/${stageId}/actions`, { action, version: view.json().version, ...extra });
}

/** As step, failing unless the step is taken; returns the host view after it. */
export async function stepOk(host: Client, stageId: string, action: string, extra: object = {}) {
  const res = await step(host, stageId, action, extra);
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
  return res.json();
}

/** A judge's score of the current finalist: two criteria making `total` (content 60% of it, delivery the rest). */
export function scoresFor(total: number): Record<string, number> {
  const content = Math.round(total * 6) / 10;
  return { content, delivery: Math.round((total - content) * 10) / 10 };
}

export const scoreKey = () => `k${randomBytes(8).toString('hex')}`;

/**
 * Runs the day as the host and the judges do: for each finalist in the drawn order present, Q&A, scoring — each judge
 * not recused submits `totals[entryId][seat - 1]` — reveal, then next; finish after the last. Returns the reveals by
 * entry id.
 */
export async function runFinal(w: StageWorld, stageId: string, totals: Map<string, Array<number | null>>) {
  const reveals = new Map<string, { final: number; scores: Array<{ seat: number; dropped: boolean; recused: boolean }> }>();
  let view = await stepOk(w.manager, stageId, 'start');
  for (;;) {
    for (const a of ['present', 'qa', 'score']) view = await stepOk(w.manager, stageId, a);
    const entryId = view.current.entryId as string;
    for (const [i, judge] of w.judges.entries()) {
      const total = totals.get(entryId)?.[i];
      if (total === null || total === undefined) continue;
      const res = await judge.client.post(`/api/stages/${stageId}/scores`, {
        entryId,
        scores: scoresFor(total),
        idempotencyKey: scoreKey(),
      });
      if (res.statusCode !== 200) throw new Error(`judge ${i + 1} on ${entryId}: ${res.body}`);
    }
    view = await stepOk(w.manager, stageId, 'reveal');
    reveals.set(entryId, view.current.reveal);
    if (view.abilities.finish === true) break;
    view = await stepOk(w.manager, stageId, 'next');
  }
  await stepOk(w.manager, stageId, 'finish');
  return reveals;
}

/** The stage's audit kinds in order. */
export async function stageAudit(t: TestApp, stageId: string) {
  return (
    await t.app.ctx.db
      .select({ kind: auditEvents.kind, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, stageId), like(auditEvents.kind, 'stage.%')))
      .orderBy(asc(auditEvents.seq))
  ).map((e) => ({ kind: e.kind, data: e.data as Record<string, unknown> }));
}
