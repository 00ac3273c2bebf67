import type { TMyAssignments, TSheetProgress } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import { type CampaignPhases, loadCampaignPhases } from '../campaigns/index.ts';
import { sheetAbilities } from './sheet-policy.ts';
import { type FormCache, judgeEntry, listJudgeAssignments, presentRound, presentSheet } from './sheet-repo.ts';
import { question } from './sheet-write.ts';

/**
 * "My entries" of the signed-in judge (issue 10 item 4): every assignment in an open round, grouped by round (the
 * nearest deadline first), each with its progress — never saved, draft, submitted, abstained — and each entry's
 * number, title and theme as the round lets the judge see them (a blind round's titles masked like the entry view).
 */
export async function myAssignments(ctx: AppContext, actor: Actor): Promise<TMyAssignments> {
  const now = ctx.clock.now();
  const rows = await listJudgeAssignments(ctx.db, actor);
  const phases = new Map<string, CampaignPhases | null>();
  const forms: FormCache = new Map();
  const rounds = new Map<string, TMyAssignments['rounds'][number]>();
  for (const state of rows) {
    const { round } = state;
    if (!phases.has(round.campaignId)) phases.set(round.campaignId, await loadCampaignPhases(ctx.db, round.campaignId));
    let group = rounds.get(round.id);
    if (!group) {
      const progress: TSheetProgress = { total: 0, notStarted: 0, draft: 0, submitted: 0, abstained: 0 };
      group = { round: presentRound(round), progress, items: [] };
      rounds.set(round.id, group);
    }
    const sheet = presentSheet(state.sheet, round.sheet);
    const status = state.assignment.status === 'abstained' ? 'abstained' : sheet.status;
    group.progress.total += 1;
    if (status === 'draft' && sheet.version === 0) group.progress.notStarted += 1;
    else group.progress[status] += 1;
    const entry = await judgeEntry(ctx.db, round, state.assignment.entryId, forms);
    group.items.push({
      assignmentId: state.assignment.id,
      entry: { id: entry.id, number: entry.number, title: entry.title, theme: entry.theme, track: entry.track },
      sheet: { status, version: sheet.version, savedAt: sheet.savedAt, submittedAt: sheet.submittedAt, total: sheet.total },
      abilities: sheetAbilities(question(state, phases.get(round.campaignId) ?? null, now)),
    });
  }
  return { rounds: [...rounds.values()] };
}
