import type { TProgressCounts, TRoundProgress } from '@casearena/contract';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { assignments, judges, roundEntries, scoreSheets } from './judging.tables.ts';
import type { ResultCaller, RoundRow } from './result-facts.ts';

type State = 'draft' | 'submitted' | 'abstained' | 'none';

const zero = (): TProgressCounts => ({ assigned: 0, draft: 0, submitted: 0, abstained: 0, missing: 0 });

function add(c: TProgressCounts, state: State): void {
  c.assigned++;
  if (state === 'draft') c.draft++;
  if (state === 'submitted') c.submitted++;
  if (state === 'abstained') c.abstained++;
  if (state !== 'submitted' && state !== 'abstained') c.missing++;
}

/**
 * Whose progress the caller sees: organizer staff every theme; a lead judge (组长) only the themes they lead; another
 * judge of the panel FORBIDDEN; anyone else NOT_FOUND.
 */
function progressScope(caller: ResultCaller): { scope: 'organizer' | 'lead'; themes: ReadonlySet<string> | null } {
  if (caller.access !== null) return { scope: 'organizer', themes: null };
  if (!caller.panel) throw new AppError('NOT_FOUND');
  if (caller.panel.leadThemeIds.length === 0) throw new AppError('FORBIDDEN');
  return { scope: 'lead', themes: new Set(caller.panel.leadThemeIds) };
}

/**
 * GET …/progress (issue 10 items 1 and 7): per theme and per judge, the standing assignments (removed ones left
 * out) and their sheets: draft, submitted, abstained (the sheet or the assignment), and missing — assigned without a
 * submitted sheet or an abstention (drafts and sheets never opened). Themes in their campaign order, judges by name.
 */
export async function roundProgress(db: Queryable, caller: ResultCaller, round: RoundRow): Promise<TRoundProgress> {
  const { scope, themes } = progressScope(caller);
  const rows = await db
    .select({
      judgeId: assignments.judgeId,
      name: judges.name,
      themeId: roundEntries.themeId,
      assignment: assignments.status,
      sheet: scoreSheets.status,
    })
    .from(assignments)
    .innerJoin(judges, eq(judges.id, assignments.judgeId))
    .innerJoin(roundEntries, and(eq(roundEntries.roundId, assignments.roundId), eq(roundEntries.entryId, assignments.entryId)))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, assignments.id))
    .where(and(eq(assignments.roundId, round.id), ne(assignments.status, 'removed')));
  const entryThemes = await db
    .select({ themeId: roundEntries.themeId, entryId: roundEntries.entryId })
    .from(roundEntries)
    .where(eq(roundEntries.roundId, round.id));
  const themeIds = new Set([
    ...(round.scope.kind === 'themes' ? round.scope.themeIds : []),
    ...entryThemes.map((e) => e.themeId),
  ]);
  const visible = [...themeIds].filter((id) => themes === null || themes.has(id));
  const themeRows =
    visible.length === 0
      ? []
      : await db
          .select({ id: campaignThemes.id, code: campaignThemes.code, title: campaignThemes.title })
          .from(campaignThemes)
          .where(inArray(campaignThemes.id, visible))
          .orderBy(asc(campaignThemes.position));

  const byTheme = new Map(themeRows.map((t) => [t.id, { ...zero(), themeId: t.id, code: t.code, title: t.title, entries: 0 }]));
  for (const e of entryThemes) {
    const t = byTheme.get(e.themeId);
    if (t) t.entries++;
  }
  const byJudge = new Map<string, TRoundProgress['judges'][number]>();
  const totals = zero();
  for (const r of rows) {
    const theme = byTheme.get(r.themeId);
    if (!theme) continue;
    const state: State = r.assignment === 'abstained' || r.sheet === 'abstained' ? 'abstained' : (r.sheet ?? 'none');
    const judge = byJudge.get(r.judgeId) ?? { ...zero(), judgeId: r.judgeId, name: r.name };
    byJudge.set(r.judgeId, judge);
    add(theme, state);
    add(judge, state);
    add(totals, state);
  }
  return {
    roundId: round.id,
    status: round.status,
    scope,
    themes: [...byTheme.values()],
    judges: [...byJudge.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.judgeId < b.judgeId ? -1 : 1)),
    totals,
  };
}
