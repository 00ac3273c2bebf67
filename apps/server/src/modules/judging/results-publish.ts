import { and, eq, isNull, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { judgingRounds } from './judging.tables.ts';
import { frozenRows, loadRound, resultCaller } from './result-facts.ts';
import { assertManages, whyNotPublish } from './result-policy.ts';

/**
 * Publishes a frozen round's results to the entries' applicants (issue 10 item 6: "an applicant sees only what the
 * organizer publishes"). Managers and the platform; once (WRONG_STATUS after, and for a round not frozen or without
 * results). The one writer of `judging_rounds.results_published_at`: the round's row is locked (FOR UPDATE) so two
 * publications serialize, the column is set with compare-and-set on frozen, unpublished and the version read (the
 * version raised, as every change of the round), and audited in the same transaction (X-3).
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
      whyNotPublish(caller.access, round, round.resultsPublishedAt?.toISOString() ?? null) ??
      (rows.length === 0 ? 'WRONG_STATUS' : null);
    if (refusal) throw new AppError(refusal);
    const [marked] = await tx
      .update(judgingRounds)
      .set({ resultsPublishedAt: at, version: sql`${judgingRounds.version} + 1`, updatedAt: at })
      .where(
        and(
          eq(judgingRounds.id, round.id),
          eq(judgingRounds.status, 'frozen'),
          isNull(judgingRounds.resultsPublishedAt),
          eq(judgingRounds.version, round.version),
        ),
      )
      .returning({ id: judgingRounds.id });
    if (!marked) throw new AppError('WRONG_STATUS');
    await appendAudit(tx, {
      kind: 'judging.results_published',
      actorId: actor.id,
      subjectType: 'judging_round',
      subjectId: round.id,
      campaignId: round.campaignId,
      data: { entries: rows.length },
      at,
    });
    return { roundId: round.id, publishedAt: at.toISOString(), entries: rows.length };
  });
}
