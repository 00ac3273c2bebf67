import { type TCreateStageInput, weightSum } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import {
  conflictOf,
  judgeConflicts,
  judges,
  judgingRounds,
  orgTreeOf,
  type RecusalJudge,
  roundEntries,
  roundResults,
} from '../judging/index.ts';
import { organizations } from '../orgs/index.ts';
import { assertHost } from './stage.policy.ts';
import { stageFinalists, stageJudges, stageRecusals, stages } from './stage.tables.ts';
import { announceStage } from './stage-live.ts';
import { stageAuditKind } from './transition-stage.ts';

const invalid = (path: string, code: 'INVALID' | 'REQUIRED' | 'DUPLICATE' | 'INVALID_CHOICE') =>
  new AppError('VALIDATION_FAILED', undefined, [{ path, code }]);

/**
 * The finalists: the frozen source round's result rows of the theme (and track) whose tier is one of `tiers` (seed
 * 000: the theme's Outstanding cases), or the advanced ones when `tiers` is empty (seed 002: the second review's
 * finalists). The round must be this campaign's and frozen: only frozen results are final.
 */
async function finalistIds(tx: Tx, campaignId: string, input: TCreateStageInput): Promise<string[]> {
  const [round] = await tx
    .select({ status: judgingRounds.status })
    .from(judgingRounds)
    .where(and(eq(judgingRounds.id, input.sourceRoundId), eq(judgingRounds.campaignId, campaignId)));
  if (!round) throw invalid('sourceRoundId', 'INVALID');
  if (round.status !== 'frozen') throw new AppError('WRONG_STATUS');
  const rows = await tx
    .select({ entryId: roundResults.entryId })
    .from(roundResults)
    .innerJoin(roundEntries, and(eq(roundEntries.roundId, roundResults.roundId), eq(roundEntries.entryId, roundResults.entryId)))
    .where(
      and(
        eq(roundResults.roundId, input.sourceRoundId),
        eq(roundEntries.themeId, input.themeId),
        input.trackKey === null ? undefined : eq(roundEntries.trackKey, input.trackKey),
        input.tiers.length > 0 ? inArray(roundResults.tier, input.tiers) : eq(roundResults.advanced, true),
      ),
    );
  return rows.map((r) => r.entryId).sort();
}

/** Recusal rows from judging's rule: each judge against each finalist, by their units and declared conflicts. */
async function recusals(tx: Tx, picked: { id: string; organizationId: string | null }[], entryIds: string[]) {
  if (entryIds.length === 0) return [];
  const declared = await tx
    .select({ judgeId: judgeConflicts.judgeId, organizationId: judgeConflicts.organizationId })
    .from(judgeConflicts)
    .where(
      inArray(
        judgeConflicts.judgeId,
        picked.map((j) => j.id),
      ),
    );
  const pool: RecusalJudge[] = picked.map((j) => ({
    id: j.id,
    organizationId: j.organizationId,
    declared: declared.filter((d) => d.judgeId === j.id).map((d) => d.organizationId),
  }));
  const finalists = await tx
    .select({ id: entries.id, organizationId: entries.organizationId, partnerIds: entries.partnerIds })
    .from(entries)
    .where(inArray(entries.id, entryIds));
  // The rule goes one step up the tree, so the parents of the units involved are all it reads.
  const units = new Set<string>();
  for (const j of pool) for (const u of [j.organizationId, ...j.declared]) if (u) units.add(u);
  for (const e of finalists) for (const u of [e.organizationId, ...e.partnerIds]) if (u) units.add(u);
  const tree = orgTreeOf(
    units.size === 0
      ? []
      : await tx
          .select({ id: organizations.id, parentId: organizations.parentId })
          .from(organizations)
          .where(inArray(organizations.id, [...units])),
  );
  const rows: (typeof stageRecusals.$inferInsert)[] = [];
  for (const e of finalists)
    for (const j of pool) {
      const conflict = conflictOf(j, e, tree);
      if (conflict) rows.push({ stageId: '', entryId: e.id, judgeId: j.id, reason: conflict.reason });
    }
  return rows;
}

/**
 * POST /api/campaigns/:campaignId/stages (issue 11 item 1): the host sets up a stage in `draft`. The theme must be
 * the campaign's; the finalists come from a frozen round (finalistIds); the judges are active experts of the
 * organizer's pool, seated in the order given, their names and accounts copied (the phone signs in as the
 * account); who is recused from which finalist is computed now with judging's rule and stored, so the
 * phones, the formula and the screen all read the same rows. Audited (stage.created); the screen is announced after
 * commit like every write. Returns the stage's id.
 */
export async function createStage(input: { ctx: AppContext; actor: Actor | null; campaignId: string; body: TCreateStageInput }) {
  const { ctx, campaignId, body } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const actor = await assertHost(tx, input.actor, campaignId);
    const [campaign] = await tx
      .select({ organizerId: campaigns.organizerId })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for('share');
    if (!campaign) throw new AppError('NOT_FOUND');
    const [theme] = await tx
      .select({ id: campaignThemes.id })
      .from(campaignThemes)
      .where(and(eq(campaignThemes.id, body.themeId), eq(campaignThemes.campaignId, campaignId)));
    if (!theme) throw invalid('themeId', 'INVALID');
    // One score per criterion key on the phone and in the total: a key given twice would count one score twice
    // (judging's rounds refuse it the same way).
    const keys = body.sheet.criteria.map((c) => c.key);
    const twice = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (twice >= 0) throw invalid(`sheet.criteria.${twice}.key`, 'DUPLICATE');
    const sum = weightSum(body.sheet);
    if (sum !== body.sheet.weightTotal) throw new AppError('WEIGHTS_MISMATCH', { sum, declared: body.sheet.weightTotal });
    if (new Set(body.judgeIds).size !== body.judgeIds.length) throw invalid('judgeIds', 'DUPLICATE');
    if (new Set(body.awards.map((a) => a.key)).size !== body.awards.length) throw invalid('awards', 'DUPLICATE');

    const pool = await tx
      .select({ id: judges.id, userId: judges.userId, name: judges.name, organizationId: judges.organizationId })
      .from(judges)
      .where(and(inArray(judges.id, body.judgeIds), eq(judges.organizerId, campaign.organizerId), eq(judges.status, 'active')));
    const byId = new Map(pool.map((j) => [j.id, j]));
    const missing = body.judgeIds.findIndex((id) => !byId.has(id));
    if (missing >= 0) throw invalid(`judgeIds.${missing}`, 'INVALID');
    const picked = body.judgeIds.map((id) => byId.get(id) as (typeof pool)[number]);

    const entryIds = await finalistIds(tx, campaignId, body);
    const [stage] = await tx
      .insert(stages)
      .values({
        campaignId,
        themeId: body.themeId,
        trackKey: body.trackKey,
        label: body.label,
        sourceRoundId: body.sourceRoundId,
        presentSeconds: body.presentSeconds,
        qaSeconds: body.qaSeconds,
        warnSeconds: body.warnSeconds,
        method: body.method,
        sheet: body.sheet,
        awards: body.awards,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: stages.id });
    const stageId = (stage as { id: string }).id;
    if (entryIds.length > 0) await tx.insert(stageFinalists).values(entryIds.map((entryId) => ({ stageId, entryId })));
    await tx
      .insert(stageJudges)
      .values(picked.map((j, i) => ({ stageId, judgeId: j.id, userId: j.userId, seat: i + 1, name: j.name })));
    const recused = (await recusals(tx, picked, entryIds)).map((r) => ({ ...r, stageId }));
    if (recused.length > 0) await tx.insert(stageRecusals).values(recused);
    await appendAudit(tx, {
      kind: stageAuditKind('created'),
      actorId: actor.id,
      subjectType: 'stage',
      subjectId: stageId,
      campaignId,
      data: {
        // The settings the finals are computed by, as set: the stage has no route that changes them afterwards.
        label: body.label,
        themeId: body.themeId,
        trackKey: body.trackKey,
        tiers: body.tiers,
        method: body.method,
        sheet: body.sheet,
        awards: body.awards,
        presentSeconds: body.presentSeconds,
        qaSeconds: body.qaSeconds,
        warnSeconds: body.warnSeconds,
        sourceRoundId: body.sourceRoundId,
        finalists: entryIds,
        judges: picked.map((j) => j.id),
        recusals: recused.map((r) => ({ entryId: r.entryId, judgeId: r.judgeId, reason: r.reason })),
      },
      at,
    });
    afterCommit(() => announceStage(ctx, stageId));
    return stageId;
  });
}
