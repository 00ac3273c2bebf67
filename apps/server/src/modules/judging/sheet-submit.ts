import type { TSubmitSheetInput } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { presentSheet } from './sheet-repo.ts';
import { assertSheet } from './sheet-rules.ts';
import { storeDraft, writeSheet } from './sheet-write.ts';
import { transitionSheet } from './transition-sheet.ts';

/**
 * A judge submits their sheet: checked in full (every criterion scored within range and decimals, required comments
 * and the recommendation, X-4), then locked for good (SHEET_SUBMITTED afterwards). Refused before the round opens
 * (ROUND_NOT_OPEN) and after its deadline (ROUND_CLOSED), by ctx.clock. When the request carries the sheet's content
 * it is first saved as a draft in a transaction of its own, so a submission refused for a missing score still keeps
 * everything the judge typed; the submission then names the version that save produced.
 */
export async function submitSheet(input: { ctx: AppContext; actor: Actor; assignmentId: string; body: TSubmitSheetInput }) {
  const { ctx, actor, assignmentId, body } = input;
  let version = body.version;
  if (body.scores !== undefined || body.comment !== undefined || body.recommendation !== undefined) {
    const saved = await writeSheet(ctx, actor, assignmentId, async (w) => {
      const draft = {
        version: body.version,
        scores: body.scores ?? w.state.sheet?.scores ?? {},
        comment: body.comment ?? w.state.sheet?.comment ?? '',
        recommendation: body.recommendation === undefined ? (w.state.sheet?.recommendation ?? null) : body.recommendation,
      };
      assertSheet(w.state.round.sheet, draft, 'draft', actor.locale);
      return storeDraft(w, draft);
    });
    if ('stale' in saved) return saved;
    version = saved.sheet.version;
  }
  return writeSheet(ctx, actor, assignmentId, async (w) => {
    const sheet = w.state.sheet;
    if ((sheet?.version ?? 0) !== version) return { stale: presentSheet(sheet, w.state.round.sheet), yours: version };
    const content = sheet ?? { scores: {}, comment: '', recommendation: null };
    assertSheet(w.state.round.sheet, content, 'submit', actor.locale);
    if (!sheet) throw new AppError('SCORE_MISSING');
    const row = await transitionSheet({
      tx: w.tx,
      afterCommit: w.afterCommit,
      actor,
      sheet,
      campaignId: w.state.round.campaignId,
      from: sheet.status,
      to: 'submitted',
      version: sheet.version,
      at: w.at,
    });
    return { sheet: row };
  });
}
