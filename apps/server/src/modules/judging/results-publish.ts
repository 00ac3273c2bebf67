import { and, eq, isNull, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { roundResults } from './judging.tables.ts';
import { frozenRows, loadRound, resultCaller } from './result-facts.ts';
import { assertManages, whyNotPublish } from './result-policy.ts';

/**
 * Publishes a frozen round's results to the entries' applicants (issue 10 item 6: "an applicant sees only what the
 * organizer publishes"). Managers and the platform; once (WRONG_STATUS after, and for a round not frozen or without
 * results). The round's row is locked (FOR UPDATE) so two publications serialize; the publication time is written
 * into every frozen row's breakdown with compare-and-set on "not published yet" (round_results has no column for
 * it), audited in the same transaction (X-3).
 */
export async function publishResults(input: { ctx: AppContext; actor: Actor; roundId: string }) {
  const { ctx, actor } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const round = await loadRound(tx, input.roundId, true);
    const caller = await resultCaller(tx, actor, round);
    assertManages(caller);
    const rows = await frozenRows(tx, round.id);
    const refusal =
      whyNotPublish(caller.access, round, rows[0]?.breakdown.publishedAt ?? null) ?? (rows.length === 0 ? 'WRONG_STATUS' : null);
    if (refusal) throw new AppError(refusal);
    const publishedAt = at.toISOString();
    const marked = await tx
      .update(roundResults)
      .set({ breakdown: sql`jsonb_set(${roundResults.breakdown}, '{publishedAt}', to_jsonb(${publishedAt}::text))` })
      .where(and(eq(roundResults.roundId, round.id), isNull(sql`${roundResults.breakdown}->>'publishedAt'`)))
      .returning({ entryId: roundResults.entryId });
    if (marked.length !== rows.length) throw new AppError('WRONG_STATUS');
    await appendAudit(tx, {
      kind: 'judging.results_published',
      actorId: actor.id,
      subjectType: 'judging_round',
      subjectId: round.id,
      campaignId: round.campaignId,
      data: { entries: rows.length },
      at,
    });
    return { roundId: round.id, publishedAt, entries: rows.length };
  });
}
