import { and, eq, inArray, sql } from 'drizzle-orm';
import { formatShanghai } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadCampaignPhases } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { assertSeesRound, judgingAccess, whyNotCloseRound, whyNotOpenRound } from './judging.policy.ts';
import { judgingRounds, roundEntries, roundResults } from './judging.tables.ts';
import { loadRounds, openRival, type RoundRow, sourceOf } from './rounds.repo.ts';
import { transitionRound } from './transition-round.ts';

/**
 * Puts the round's entries in: the passed entries of its themes (and tracks, when it names some), or the entries a
 * frozen earlier round advanced (the policy has checked that it is frozen, on the locked rounds). Read through the entries module's exported
 * table (read only). Returns how many were added.
 */
async function fillEntries(tx: Tx, round: RoundRow, at: Date): Promise<number> {
  const { scope } = round;
  if (scope.kind === 'themes') {
    const tracks = scope.trackKeys ?? [];
    const picked = tx
      .select({
        roundId: sql<string>`${round.id}::uuid`.as('round_id'),
        entryId: entries.id,
        themeId: entries.themeId,
        trackKey: entries.trackKey,
        addedAt: sql<Date>`${at.toISOString()}::timestamptz`.as('added_at'),
      })
      .from(entries)
      .where(
        and(
          eq(entries.campaignId, round.campaignId),
          eq(entries.status, 'passed'),
          inArray(entries.themeId, scope.themeIds),
          tracks.length > 0 ? inArray(entries.trackKey, tracks) : undefined,
        ),
      );
    const added = await tx.insert(roundEntries).select(picked).onConflictDoNothing().returning({ id: roundEntries.entryId });
    return added.length;
  }
  const picked = tx
    .select({
      roundId: sql<string>`${round.id}::uuid`.as('round_id'),
      entryId: roundEntries.entryId,
      themeId: roundEntries.themeId,
      trackKey: roundEntries.trackKey,
      addedAt: sql<Date>`${at.toISOString()}::timestamptz`.as('added_at'),
    })
    .from(roundResults)
    .innerJoin(roundEntries, and(eq(roundEntries.roundId, roundResults.roundId), eq(roundEntries.entryId, roundResults.entryId)))
    .where(and(eq(roundResults.roundId, scope.fromRoundId), eq(roundResults.advanced, true)));
  const added = await tx.insert(roundEntries).select(picked).onConflictDoNothing().returning({ id: roundEntries.entryId });
  return added.length;
}

/**
 * An organizer's manager opens or closes a round (issue 10 item 2). In one transaction the round's row is loaded and
 * locked (FOR UPDATE, with the campaign's other rounds) and the caller's access decided on it: to anyone but the
 * organizer's people the round does not exist (NOT_FOUND). Opening asks the policy (managers, a canScore phase
 * running by ctx.clock, before the round's deadline) and refuses while another open round reaches the same themes
 * (ROUNDS_INVALID: one current round per theme); a draft round's entries are filled from its scope as it opens.
 * The status is written by transitionRound, audited in the same transaction. Returns the campaign's access and
 * status for the answer.
 */
export async function changeRoundStatus(input: { ctx: AppContext; actor: Actor | null; roundId: string; to: 'open' | 'closed' }) {
  const { ctx, roundId, to } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const [head] = await tx
      .select({ campaignId: judgingRounds.campaignId })
      .from(judgingRounds)
      .where(eq(judgingRounds.id, roundId));
    if (!head) throw new AppError(input.actor ? 'NOT_FOUND' : 'UNAUTHENTICATED');
    const { campaign, access } = await judgingAccess(tx, input.actor, head.campaignId);
    const actor = input.actor;
    assertSeesRound(actor, access);
    const rounds = await loadRounds(tx, head.campaignId, true);
    const round = rounds.find((r) => r.id === roundId);
    if (!round) throw new AppError('NOT_FOUND');
    let data: Record<string, unknown> = {};
    if (to === 'open') {
      const phases = await loadCampaignPhases(tx, round.campaignId);
      const refusal = phases ? whyNotOpenRound(access, round, phases, at, sourceOf(round, rounds)) : 'WRONG_PHASE';
      if (refusal === 'ROUND_CLOSED') throw new AppError(refusal, { deadline: formatShanghai(round.closesAt) });
      if (refusal) throw new AppError(refusal);
      const rival = openRival(round, rounds);
      if (rival)
        throw new AppError('ROUNDS_INVALID', { count: 1 }, [
          { path: 'status', code: 'ROUND_THEME_OVERLAP', params: { label: rival.label } },
        ]);
      if (round.status === 'draft') data = { entriesAdded: await fillEntries(tx, round, at) };
    } else {
      const refusal = whyNotCloseRound(access, round);
      if (refusal) throw new AppError(refusal);
    }
    await transitionRound({
      tx,
      afterCommit,
      actor,
      id: round.id,
      campaignId: round.campaignId,
      from: round.status,
      to,
      version: round.version,
      at,
      data,
    });
    return { access, campaign };
  });
}
