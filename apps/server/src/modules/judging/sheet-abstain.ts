import type { Actor, AppContext } from '../../platform/context.ts';
import { storeDraft, writeSheet } from './sheet-write.ts';
import { transitionSheet } from './transition-sheet.ts';

/**
 * A judge abstains from an entry with a reason (a conflict the recusal rules did not know, say): the sheet becomes
 * 'abstained' and the assignment too, so the organizer sees the entry short of a judge and reassigns it (issue 10
 * item 4). Not after submitting (SHEET_SUBMITTED) or the deadline (ROUND_CLOSED). A judge who never saved gets an
 * empty draft first, so the abstention has its sheet row and audit event like any other.
 */
export async function abstainSheet(input: { ctx: AppContext; actor: Actor; assignmentId: string; reason: string }) {
  return writeSheet(input.ctx, input.actor, input.assignmentId, async (w) => {
    let sheet = w.state.sheet;
    if (!sheet) {
      const created = await storeDraft(w, { version: 0, scores: {}, comment: '', recommendation: null });
      if ('stale' in created) return created;
      sheet = created.sheet;
    }
    const row = await transitionSheet({
      tx: w.tx,
      afterCommit: w.afterCommit,
      actor: input.actor,
      sheet,
      campaignId: w.state.round.campaignId,
      from: sheet.status,
      to: 'abstained',
      version: sheet.version,
      at: w.at,
      reason: input.reason,
    });
    return { sheet: row };
  });
}
