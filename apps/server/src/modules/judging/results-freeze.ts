import type { TFreezeCounts, TResultPreview, TResultRule } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { advanceTop, assignTiers, frozenRowsOf, type RoundPreview } from './advance.ts';
import { roundResults } from './judging.tables.ts';
import { type EntryFact, type FrozenBreakdown, liveFacts, loadRound, type RoundRow, resultCaller } from './result-facts.ts';
import { assertManages, whyNotFreeze } from './result-policy.ts';
import { inGroupOrder, liveLines, type ResultLine } from './results-ranking.ts';
import { transitionRound } from './transition-round.ts';

/** The advancement engine's answer for the rule over the lines (advance.ts; VALIDATION_FAILED for a bad rule). */
export function previewOf(lines: readonly ResultLine[], rule: TResultRule): RoundPreview {
  const ranked = lines.map((l) => ({
    entryId: l.entryId,
    groupKey: l.groupKey,
    score: l.score,
    rank: l.rank,
    tooFewSheets: l.tooFewSheets,
  }));
  if (!('tiers' in rule)) return advanceTop(ranked, rule.advance);
  return assignTiers(ranked, {
    tiers: rule.tiers,
    rounding: rule.rounding,
    ties: rule.ties,
    ...(rule.base ? { base: rule.base } : {}),
    ...(rule.advance ? { advance: rule.advance } : {}),
  });
}

/** The preview's groups in the ranking's order (theme code, then title, then track; byGroupOrder). */
export function presentPreview(roundId: string, p: RoundPreview, facts: readonly EntryFact[]): TResultPreview {
  return { roundId, ...p, groups: inGroupOrder(p.groups, facts) };
}

/** What the audit event and the answer say the freeze did. */
function countsOf(preview: RoundPreview, rule: TResultRule): TFreezeCounts {
  const rows = preview.groups.flatMap((g) => g.rows);
  const tiers: Record<string, number> = {};
  if ('tiers' in rule) for (const t of rule.tiers) tiers[t.key] = rows.filter((r) => r.tier === t.key).length;
  return {
    entries: rows.length,
    ranked: rows.filter((r) => r.rank !== null).length,
    advanced: rows.filter((r) => r.advanced).length,
    tiers,
    tooFewSheets: rows.filter((r) => r.reason === 'too_few_sheets').length,
  };
}

function breakdownOf(
  round: RoundRow,
  line: ResultLine,
  row: RoundPreview['groups'][number]['rows'][number],
  rule: TResultRule,
): FrozenBreakdown {
  return {
    v: 1,
    groupKey: line.groupKey,
    sheets: line.sheets,
    tooFewSheets: line.tooFewSheets,
    perCriterion: line.perCriterion,
    perJudge: line.perJudge,
    missingJudges: line.missingJudges,
    position: row.position,
    reason: row.reason,
    formula: { method: round.method, sheet: round.sheet, tieBreak: round.tieBreak },
    rule,
  };
}

/**
 * Freezes a closed round's results (issue 10 item 6; S0-10, S2-6, X-3). In one transaction: the round's row is locked
 * (FOR UPDATE: no sheet is written meanwhile, a second freeze waits and then meets a frozen round, WRONG_STATUS), the
 * caller must manage the campaign, the ranking is recomputed from the submitted sheets at that moment, the rule
 * applied per group (advance.ts), one round_results row per entry written with its breakdown, and the round moved to
 * 'frozen' by transitionRound, whose one audit event carries the rule and the counts.
 */
export async function freezeResults(input: { ctx: AppContext; actor: Actor; roundId: string; rule: TResultRule }) {
  const { ctx, actor, rule } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const round = await loadRound(tx, input.roundId, true);
    const caller = await resultCaller(tx, actor, round);
    assertManages(caller);
    const refusal = whyNotFreeze(caller.access, round);
    if (refusal) throw new AppError(refusal);
    const lines = liveLines(round, await liveFacts(tx, round));
    const preview = previewOf(lines, rule);
    const lineOf = new Map(lines.map((l) => [l.entryId, l]));
    const previewRow = new Map(preview.groups.flatMap((g) => g.rows.map((r) => [r.entryId, r] as const)));
    const values = frozenRowsOf(preview).map((r) => ({
      roundId: round.id,
      entryId: r.entryId,
      score: r.score,
      rank: r.rank,
      tier: r.tier,
      advanced: r.advanced,
      breakdown: breakdownOf(
        round,
        lineOf.get(r.entryId) as ResultLine,
        previewRow.get(r.entryId) as RoundPreview['groups'][number]['rows'][number],
        rule,
      ),
      frozenAt: at,
    }));
    if (values.length > 0) await tx.insert(roundResults).values(values);
    const counts = countsOf(preview, rule);
    await transitionRound({
      tx,
      afterCommit,
      actor,
      id: round.id,
      campaignId: round.campaignId,
      from: round.status,
      to: 'frozen',
      version: round.version,
      at,
      data: { rule, counts },
    });
    return { roundId: round.id, status: 'frozen' as const, frozenAt: at.toISOString(), counts };
  });
}
