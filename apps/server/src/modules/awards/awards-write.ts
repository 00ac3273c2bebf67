import type { TAwardAdjustmentInput, TAwardRule, TAwardRulesInput } from '@casearena/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { WriterActor } from '../../platform/audit/system-actor.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type AfterCommit, inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { assertAwardsAccess, whyNotAdjust, whyNotCompute, whyNotEditRules, whyNotFreeze } from './awards.policy.ts';
import { type AwardSetRow, lockAwardSet } from './awards.repo.ts';
import { awards } from './awards.tables.ts';
import { type ComputedAward, computeAwardsOf, levelsOf, problemsOf, type RuleProblem } from './awards-engine.ts';
import { loadSourceFacts, loadSourceRows } from './awards-sources.ts';
import { transitionAwardSet } from './transition-award-set.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'> & Partial<AppContext>;

/** Rows per INSERT: each chunk goes as one array parameter per column (unnest), so no bind-parameter limit applies. */
const CHUNK = 10_000;

const reasonRequired = () => new AppError('VALIDATION_FAILED', undefined, [{ path: 'reason', code: 'REASON_REQUIRED' }]);

/** A PostgreSQL array literal of text values (null as NULL), one bind parameter for a whole column. */
function textArray(values: readonly (string | number | null)[]): string {
  const quoted = values.map((v) => (v === null ? 'NULL' : `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`));
  return `{${quoted.join(',')}}`;
}

/**
 * Replaces every award row of the set by the computed ones, in chunked multi-row inserts: each chunk is one
 * INSERT … SELECT FROM unnest($1::text[], $2::int[], …) — a parameter per column however many rows (100,000
 * entries' awards in a few statements; a bind parameter per value is several times slower, on PGlite most of all).
 */
async function replaceAwards(tx: Tx, campaignId: string, computed: readonly ComputedAward[], at: Date) {
  await tx.delete(awards).where(eq(awards.campaignId, campaignId));
  for (let i = 0; i < computed.length; i += CHUNK) {
    const part = computed.slice(i, i + CHUNK);
    const col = (pick: (a: ComputedAward) => string | number | null) => textArray(part.map(pick));
    await tx.execute(sql`
      insert into ${awards} (campaign_id, rule_key, kind, level, level_order, label_zh, label_en, theme_id, track_key,
        entry_id, organization_id, position, figures, honour_zh, honour_en, origin, created_at)
      select ${campaignId}::uuid, x.rule_key, x.kind, x.level, x.level_order, x.label_zh, x.label_en, x.theme_id,
        x.track_key, x.entry_id, x.organization_id, x.position, x.figures, x.honour_zh, x.honour_en, 'computed',
        ${at.toISOString()}::timestamptz
      from unnest(${col((a) => a.ruleKey)}::text[], ${col((a) => a.kind)}::text[], ${col((a) => a.level)}::text[],
        ${col((a) => a.levelOrder)}::int[], ${col((a) => a.labelZh)}::text[], ${col((a) => a.labelEn)}::text[],
        ${col((a) => a.themeId)}::uuid[], ${col((a) => a.trackKey)}::text[], ${col((a) => a.entryId)}::uuid[],
        ${col((a) => a.organizationId)}::uuid[], ${col((a) => a.position)}::int[],
        ${col((a) => JSON.stringify(a.figures))}::jsonb[], ${col((a) => a.honourZh)}::text[], ${col((a) => a.honourEn)}::text[])
        as x(rule_key, kind, level, level_order, label_zh, label_en, theme_id, track_key, entry_id, organization_id,
          position, figures, honour_zh, honour_en)`);
  }
  await assertRowsOfCampaign(tx, campaignId);
}

/**
 * What the awards table's missing foreign keys would have checked, once for the whole set and stricter (awards.tables.ts):
 * every theme is the campaign's, every entry the campaign's and of the award's hospital, every campaign-wide
 * award's hospital one with an entry in the campaign. The rows come from reads in the same transaction, so a
 * failure is a bug: the transaction is rolled back and nothing is written.
 */
export async function assertRowsOfCampaign(tx: Tx, campaignId: string) {
  const result = (await tx.execute(sql`
    select count(*)::int as n from ${awards} a
    where a.campaign_id = ${campaignId} and (
      (a.theme_id is not null and not exists
        (select 1 from ${campaignThemes} t where t.id = a.theme_id and t.campaign_id = ${campaignId}))
      or (a.entry_id is not null and not exists (select 1 from ${entries} e
        where e.id = a.entry_id and e.campaign_id = ${campaignId} and e.organization_id = a.organization_id))
      or (a.entry_id is null and not exists (select 1 from ${entries} e
        where e.campaign_id = ${campaignId} and e.organization_id = a.organization_id)))`)) as unknown as {
    rows: Array<{ n: number }>;
  };
  const n = Number(result.rows[0]?.n ?? 0);
  if (n > 0) throw new Error(`awards: ${n} computed rows name a theme, entry or hospital outside campaign ${campaignId}`);
}

/**
 * Computes the set from the rules' frozen sources (awards-engine.ts) and replaces the previous rows — computed,
 * added and removed alike: an adjustment answered the previous computation, and the audit keeps it. Refused only
 * when no rule can be computed (whyNotCompute); the rules with a problem are listed in the audit event and the
 * preview. Returns the problems.
 */
async function compute(
  ctx: Ctx,
  tx: Tx,
  actor: WriterActor,
  set: AwardSetRow,
  version: number,
  at: Date,
  step: 'compute' | 'rules_updated',
  rules: TAwardRule[],
) {
  const facts = await loadSourceFacts(tx, set.campaignId, at);
  const problems: RuleProblem[] = problemsOf(rules, facts);
  const refusal = whyNotCompute(true, { state: set.state, problems, rules: rules.length });
  if (refusal && step === 'compute') throw new AppError(refusal);
  const blocked = new Set(problems.map((p) => p.ruleKey));
  const rows = await loadSourceRows(ctx, tx, set.campaignId, rules, facts, blocked);
  // Voting ended without a ranking (voting off for the campaign): the popularity rule has nothing to read.
  for (const r of rules)
    if (r.kind === 'popularity' && !blocked.has(r.key) && rows.popularity.length === 0) {
      problems.push({ ruleKey: r.key, code: 'AWARD_SOURCE_MISSING' });
      blocked.add(r.key);
    }
  if (step === 'compute' && blocked.size >= rules.length) throw new AppError('AWARD_SOURCE_MISSING');
  const result = computeAwardsOf(
    rules.filter((r) => !blocked.has(r.key)),
    facts,
    rows,
  );
  await replaceAwards(tx, set.campaignId, result.awards, at);
  const perRule: Record<string, number> = {};
  for (const a of result.awards) perRule[a.ruleKey] = (perRule[a.ruleKey] ?? 0) + 1;
  const newVersion = await transitionAwardSet({
    tx,
    actor,
    campaignId: set.campaignId,
    step,
    from: set.state,
    version,
    at,
    patch: { computedAt: at, ...(step === 'rules_updated' ? { rules } : {}) },
    data: { awards: result.awards.length, perRule, problems, ...(step === 'rules_updated' ? { rules } : {}) },
  });
  return { version: newVersion, problems };
}

/**
 * POST …/awards/actions (and the benchmark, the demo seed): compute or freeze, in its own transaction. The set's
 * row is locked (written first for a campaign without one), the caller's access and the step's policy decided on
 * it, the rows written and the state by transitionAwardSet with compare-and-set on the version shown and the audit
 * event in the same transaction.
 */
export async function awardSetAction(input: {
  ctx: Ctx;
  actor: Actor | null;
  campaignId: string;
  action: 'compute' | 'freeze';
  version: number;
}): Promise<{ version: number; problems: RuleProblem[] }> {
  const { ctx, campaignId, action } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const actor = await assertAwardsAccess(tx, input.actor, campaignId);
    const set = await lockAwardSet(tx, campaignId, at);
    if (action === 'compute') return compute(ctx, tx, actor, set, input.version, at, 'compute', set.rules);
    const refusal = whyNotFreeze(true, set.state);
    if (refusal) throw new AppError(refusal);
    const [live] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(awards)
      .where(and(eq(awards.campaignId, campaignId), isNull(awards.removedAt)));
    const version = await transitionAwardSet({
      tx,
      actor,
      campaignId,
      step: 'freeze',
      from: set.state,
      version: input.version,
      at,
      patch: { frozenAt: at },
      data: { awards: Number(live?.n ?? 0) },
    });
    return { version, problems: [] };
  });
}

/**
 * PUT …/awards/rules: the rules, compare-and-set on the version shown, while draft or computed (WRONG_STATUS after
 * the freeze). Rule keys are unique (DUPLICATE on the second). On a computed set the awards are recomputed from the
 * new rules in the same transaction, so the preview never shows awards of rules that are gone.
 */
export async function updateRules(input: { ctx: Ctx; actor: Actor | null; campaignId: string; body: TAwardRulesInput }) {
  const { ctx, campaignId, body } = input;
  const dup = body.rules.findIndex((r, i) => body.rules.findIndex((o) => o.key === r.key) < i);
  if (dup >= 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: `rules.${dup}.key`, code: 'DUPLICATE' }]);
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const actor = await assertAwardsAccess(tx, input.actor, campaignId);
    const set = await lockAwardSet(tx, campaignId, at);
    const refusal = whyNotEditRules(true, set.state);
    if (refusal) throw new AppError(refusal);
    if (set.state === 'computed')
      return (await compute(ctx, tx, actor, set, body.version, at, 'rules_updated', body.rules)).version;
    return transitionAwardSet({
      tx,
      actor,
      campaignId,
      step: 'rules_updated',
      from: set.state,
      version: body.version,
      at,
      patch: { rules: body.rules },
      data: { rules: body.rules },
    });
  });
}

export type AwardChange =
  | { op: 'remove'; awardId: string }
  | { op: 'add'; ruleKey: string; level: string; entryId: string }
  | { op: 'none' };

/**
 * One change to the set's rows (an adjustment of the computed set, or an upheld objection's amendment of the
 * frozen one): removing marks a live award removed with the reason; adding gives an entry (for a campaign-wide rule:
 * its hospital) a level of a rule, labelled as the rule labels it. The award, the rule, the level and the entry
 * must belong to the campaign (NOT_FOUND); a second live award of the same rule, level and recipient is DUPLICATE.
 * Returns what the audit event records.
 */
async function applyChange(tx: Tx, set: AwardSetRow, change: AwardChange, reason: string, at: Date) {
  const { campaignId } = set;
  if (change.op === 'none') return { op: 'none' as const };
  if (change.op === 'remove') {
    const [row] = await tx
      .update(awards)
      .set({ removedAt: at, removedReason: reason })
      .where(and(eq(awards.id, change.awardId), eq(awards.campaignId, campaignId), isNull(awards.removedAt)))
      .returning({
        id: awards.id,
        ruleKey: awards.ruleKey,
        level: awards.level,
        entryId: awards.entryId,
        organizationId: awards.organizationId,
      });
    if (!row) throw new AppError('NOT_FOUND');
    return {
      op: 'remove' as const,
      awardId: row.id,
      ruleKey: row.ruleKey,
      level: row.level,
      entryId: row.entryId,
      organizationId: row.organizationId,
    };
  }
  const rule = set.rules.find((r) => r.key === change.ruleKey);
  if (!rule) throw new AppError('NOT_FOUND');
  const [entry] = await tx
    .select({ id: entries.id, themeId: entries.themeId, trackKey: entries.trackKey, organizationId: entries.organizationId })
    .from(entries)
    .where(and(eq(entries.id, change.entryId), eq(entries.campaignId, campaignId)));
  if (!entry) throw new AppError('NOT_FOUND');
  const facts = await loadSourceFacts(tx, campaignId, at);
  const level = levelsOf(rule, facts, []).find((l) => l.level === change.level);
  if (!level) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'level', code: 'INVALID_CHOICE' }]);
  const campaignWide = rule.kind === 'most_entries' || rule.kind === 'most_tier';
  const entryId = campaignWide ? null : entry.id;
  const themeId = campaignWide || rule.kind === 'quota' ? null : entry.themeId;
  const live = await tx
    .select({
      id: awards.id,
      entryId: awards.entryId,
      organizationId: awards.organizationId,
      themeId: awards.themeId,
      level: awards.level,
      position: awards.position,
    })
    .from(awards)
    .where(and(eq(awards.campaignId, campaignId), eq(awards.ruleKey, rule.key), isNull(awards.removedAt)));
  if (live.some((a) => a.level === level.level && (entryId ? a.entryId === entryId : a.organizationId === entry.organizationId)))
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'entryId', code: 'DUPLICATE' }]);
  const position = live
    .filter((a) => a.level === level.level && a.themeId === themeId)
    .reduce((m, a) => Math.max(m, a.position + 1), 0);
  const [row] = await tx
    .insert(awards)
    .values({
      campaignId,
      ruleKey: rule.key,
      kind: rule.kind,
      level: level.level,
      levelOrder: level.levelOrder,
      labelZh: level.label['zh-CN'],
      labelEn: level.label.en,
      themeId,
      trackKey: entry.trackKey,
      entryId,
      organizationId: entry.organizationId,
      position,
      figures: {
        value: null,
        rank: null,
        base: null,
        cut: null,
        tied: false,
        why: { 'zh-CN': `主办方增补：${reason}`, en: `Added by the organizer: ${reason}` },
      },
      origin: 'added',
      reason,
      createdAt: at,
    })
    .returning({ id: awards.id });
  return {
    op: 'add' as const,
    awardId: row?.id,
    ruleKey: rule.key,
    level: level.level,
    entryId: entry.id,
    organizationId: entry.organizationId,
  };
}

/** POST …/awards/adjustments: a change to the computed set with the reason (REASON_REQUIRED), audited awards.adjust. */
export async function adjustAwards(input: { ctx: Ctx; actor: Actor | null; campaignId: string; body: TAwardAdjustmentInput }) {
  const { ctx, campaignId, body } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const actor = await assertAwardsAccess(tx, input.actor, campaignId);
    const set = await lockAwardSet(tx, campaignId, at);
    const refusal = whyNotAdjust(true, set.state);
    if (refusal) throw new AppError(refusal);
    const reason = body.reason.trim();
    if (reason.length < 2) throw reasonRequired();
    const change: AwardChange =
      body.op === 'remove'
        ? { op: 'remove', awardId: body.awardId }
        : { op: 'add', ruleKey: body.ruleKey, level: body.level, entryId: body.entryId };
    const done = await applyChange(tx, set, change, reason, at);
    return transitionAwardSet({
      tx,
      actor,
      campaignId,
      step: 'adjust',
      from: set.state,
      version: body.version,
      at,
      data: { ...done, reason },
    });
  });
}

/**
 * The notices module's amendment of a frozen set (an upheld objection during the public notice), inside its
 * transaction: the set must be frozen (WRONG_STATUS), the award or entry the campaign's (NOT_FOUND), the reason
 * given (REASON_REQUIRED); audited awards.amend with the objection's id. `op: 'none'` records an upheld objection
 * that changes no award.
 */
export async function amendAwards(input: {
  ctx: Ctx;
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  campaignId: string;
  reason: string;
  change: AwardChange;
  objectionId?: string;
}): Promise<void> {
  const { tx, campaignId } = input;
  const at = input.ctx.clock.now();
  const set = await lockAwardSet(tx, campaignId, at);
  if (set.state !== 'frozen') throw new AppError('WRONG_STATUS');
  const reason = input.reason.trim();
  if (reason.length < 2) throw reasonRequired();
  const done = await applyChange(tx, set, input.change, reason, at);
  await transitionAwardSet({
    tx,
    actor: input.actor,
    campaignId,
    step: 'amend',
    from: set.state,
    version: set.version,
    at,
    data: { ...done, reason, ...(input.objectionId ? { objectionId: input.objectionId } : {}) },
  });
}

/** The notices module's last step (the notice ended, every objection closed), in its transaction: frozen -> final. */
export async function finalizeAwardSet(input: {
  ctx: Ctx;
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  campaignId: string;
}): Promise<void> {
  const { tx, campaignId } = input;
  const at = input.ctx.clock.now();
  const set = await lockAwardSet(tx, campaignId, at);
  if (set.state !== 'frozen') throw new AppError('WRONG_STATUS');
  await transitionAwardSet({
    tx,
    actor: input.actor,
    campaignId,
    step: 'finalize',
    from: set.state,
    version: set.version,
    at,
    patch: { finalAt: at },
  });
}
