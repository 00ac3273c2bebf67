import type { TSaveSheetInput } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { assertSheet } from './sheet-rules.ts';
import { storeDraft, writeSheet } from './sheet-write.ts';

/**
 * A judge saves their sheet as a draft (autosave, issue 10 item 4). Locked and asked in writeSheet; each score is
 * checked for range and decimals (X-4: SCORE_OUT_OF_RANGE, SCORE_TOO_PRECISE), missing ones are fine. The version
 * is compare-and-set: a stale save answers the server's copy instead of overwriting it. Audited as a save.
 */
export async function saveSheet(input: { ctx: AppContext; actor: Actor; assignmentId: string; sheet: TSaveSheetInput }) {
  return writeSheet(input.ctx, input.actor, input.assignmentId, async (w) => {
    assertSheet(w.state.round.sheet, input.sheet, 'draft', input.actor.locale);
    return storeDraft(w, input.sheet);
  });
}
