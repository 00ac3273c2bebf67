import type { TJudgeLine, TRankingRow, TRoundRanking } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { rankRound } from './aggregate.ts';
import { agreement } from './agreement.ts';
import { assignments } from './judging.tables.ts';
import { recusedPairs } from './recusal-now.ts';
import {
  type EntryFact,
  type FrozenBreakdown,
  type FrozenRow,
  frozenRows,
  groupKeyOf,
  liveFacts,
  type ResultCaller,
  type RoundFacts,
  type RoundRow,
  rankInputOf,
  roundEntryFacts,
} from './result-facts.ts';
import { rankingViewOf, whyNotFreeze, whyNotPublish } from './result-policy.ts';

/** One entry's result, live (rankRound now) or frozen (round_results), in the same shape. */
export interface ResultLine {
  entryId: string;
  groupKey: string;
  score: number | null;
  rank: number | null;
  sheets: number;
  tooFewSheets: boolean;
  perCriterion: Record<string, number>;
  perJudge: FrozenBreakdown['perJudge'];
  missingJudges: FrozenBreakdown['missingJudges'];
  tier: string | null;
  advanced: boolean | null;
}

const q6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The round ranked now from its submitted sheets (rankRound with its method, sheet and tie-break). */
export function liveLines(round: RoundRow, facts: RoundFacts): ResultLine[] {
  const sheetOf = new Map(facts.sheets.map((s) => [`${s.entryId}/${s.judgeId}`, s.scores]));
  const missing = new Map<string, FrozenBreakdown['missingJudges']>();
  for (const a of facts.assignments) {
    if (sheetOf.has(`${a.entryId}/${a.judgeId}`)) continue;
    missing.set(a.entryId, [
      ...(missing.get(a.entryId) ?? []),
      { judgeId: a.judgeId, name: facts.judgeNames.get(a.judgeId) ?? '' },
    ]);
  }
  return rankRound(rankInputOf(round, facts)).map((r) => ({
    entryId: r.entryId,
    groupKey: r.groupKey,
    score: r.score,
    rank: r.rank,
    sheets: r.sheets,
    tooFewSheets: r.tooFewSheets,
    perCriterion: r.perCriterion,
    perJudge: r.perJudge.map((j) => ({
      judgeId: j.judgeId,
      name: facts.judgeNames.get(j.judgeId) ?? '',
      raw: j.raw,
      normalized: j.normalized ?? null,
      dropped: j.dropped === true,
      scores: { ...(sheetOf.get(`${r.entryId}/${j.judgeId}`) ?? {}) },
    })),
    missingJudges: (missing.get(r.entryId) ?? []).sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1)),
    tier: null,
    advanced: null,
  }));
}

/** The frozen rows as lines: read, never recomputed. */
export function frozenLines(rows: readonly FrozenRow[]): ResultLine[] {
  return rows.map((r) => ({
    entryId: r.entryId,
    groupKey: r.breakdown.groupKey,
    score: r.score,
    rank: r.rank,
    sheets: r.breakdown.sheets,
    tooFewSheets: r.breakdown.tooFewSheets,
    perCriterion: r.breakdown.perCriterion,
    perJudge: r.breakdown.perJudge,
    missingJudges: r.breakdown.missingJudges,
    tier: r.tier,
    advanced: r.advanced,
  }));
}

/** Agreement (ICC / Kendall's W per group, outliers, missing sheets, too few sheets) over the lines' sheets. */
function panelQuality(round: RoundRow, lines: readonly ResultLine[]): NonNullable<TRoundRanking['agreement']> {
  const names = new Map(lines.flatMap((l) => [...l.perJudge, ...l.missingJudges].map((j) => [j.judgeId, j.name] as const)));
  const a = agreement({
    spec: round.sheet,
    sheets: lines.flatMap((l) => l.perJudge.map((j) => ({ judgeId: j.judgeId, entryId: l.entryId, scores: j.scores }))),
    entries: lines.map((l) => ({ entryId: l.entryId, groupKey: l.groupKey })),
    assignments: lines.flatMap((l) =>
      [...l.perJudge, ...l.missingJudges].map((j) => ({ judgeId: j.judgeId, entryId: l.entryId })),
    ),
    minSheets: round.judgesPerEntry,
  });
  const name = (judgeId: string) => names.get(judgeId) ?? '';
  return {
    byGroup: a.byGroup,
    outliers: a.outliers.map((o) => ({ ...o, name: name(o.judgeId) })),
    missing: a.missing.map((m) => ({ ...m, name: name(m.judgeId) })),
    tooFew: a.tooFew,
  };
}

const BINS = 10;

/** Each judge's submitted totals in ten equal bins over [0, weightTotal] (the last bin holds full marks). */
function distributions(round: RoundRow, lines: readonly ResultLine[]) {
  const range = round.sheet.weightTotal;
  const byJudge = new Map<string, { name: string; raws: number[] }>();
  for (const l of lines)
    for (const j of l.perJudge) {
      const d = byJudge.get(j.judgeId) ?? { name: j.name, raws: [] };
      d.raws.push(j.raw);
      byJudge.set(j.judgeId, d);
    }
  const edges = Array.from({ length: BINS + 1 }, (_, i) => q6((range * i) / BINS));
  const judgesOut = [...byJudge]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([judgeId, { name, raws }]) => {
      const bins = new Array<number>(BINS).fill(0);
      for (const v of raws) {
        const i = Math.min(BINS - 1, Math.max(0, Math.floor((v / range) * BINS)));
        bins[i] = (bins[i] ?? 0) + 1;
      }
      const mean = raws.reduce((s, v) => s + v, 0) / raws.length;
      const sd = Math.sqrt(raws.reduce((s, v) => s + (v - mean) ** 2, 0) / raws.length);
      return {
        judgeId,
        name,
        sheets: raws.length,
        mean: q6(mean),
        sd: q6(sd),
        min: Math.min(...raws),
        max: Math.max(...raws),
        bins,
      };
    });
  return { binEdges: edges, distributions: judgesOut };
}

/** Rows of one group: ranked by rank, then unranked; ties by score (higher first), then entry id. */
function byRank(a: ResultLine, b: ResultLine): number {
  const ra = a.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  const sa = a.score ?? Number.NEGATIVE_INFINITY;
  const sb = b.score ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sb - sa;
  return a.entryId < b.entryId ? -1 : 1;
}

interface Present {
  view: 'organizer' | 'judge';
  blind: boolean;
  selfJudgeIds: ReadonlySet<string>;
}

/** The sheet lines as the reader may see them: another judge is anonymous to a judge in a blind round. */
export function judgeLines(
  perJudge: ResultLine['perJudge'],
  hideNames: (judgeId: string) => boolean,
  self: ReadonlySet<string>,
): TJudgeLine[] {
  return perJudge.map((j, i) => {
    const hidden = hideNames(j.judgeId);
    return {
      label: i + 1,
      judgeId: hidden ? null : j.judgeId,
      name: hidden ? null : j.name,
      self: self.has(j.judgeId),
      raw: j.raw,
      normalized: j.normalized,
      dropped: j.dropped,
      scores: j.scores,
    };
  });
}

function row(l: ResultLine, e: EntryFact, p: Present): TRankingRow {
  const shown = p.view === 'organizer' || !p.blind;
  const hide = (judgeId: string) => p.view === 'judge' && p.blind && !p.selfJudgeIds.has(judgeId);
  return {
    entryId: l.entryId,
    number: e.number,
    title: shown ? e.title : null,
    organization: shown ? { id: e.organizationId, name: e.organizationName } : null,
    score: l.score,
    rank: l.rank,
    sheets: l.sheets,
    tooFewSheets: l.tooFewSheets,
    perCriterion: l.perCriterion,
    perJudge: judgeLines(l.perJudge, hide, p.selfJudgeIds),
    tier: l.tier,
    advanced: l.advanced,
  };
}

type GroupHead = Pick<EntryFact, 'themeCode' | 'themeTitle' | 'trackKey'> & { groupKey: string };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of a round's groups wherever they are listed (ranking, result preview): by theme code, then theme title,
 * then track (none first), then group key — never by the themes' ids.
 */
export function byGroupOrder(a: GroupHead, b: GroupHead): number {
  return (
    cmp(a.themeCode, b.themeCode) ||
    cmp(a.themeTitle, b.themeTitle) ||
    cmp(a.trackKey ?? '', b.trackKey ?? '') ||
    cmp(a.groupKey, b.groupKey)
  );
}

/** Groups (anything with a groupKey) in byGroupOrder, their heads read from an entry fact of each group. */
export function inGroupOrder<G extends { groupKey: string }>(groups: readonly G[], facts: readonly EntryFact[]): G[] {
  const head = new Map<string, GroupHead>();
  for (const f of facts) {
    const groupKey = groupKeyOf(f);
    if (!head.has(groupKey))
      head.set(groupKey, { groupKey, themeCode: f.themeCode, themeTitle: f.themeTitle, trackKey: f.trackKey });
  }
  const of = (g: G): GroupHead => head.get(g.groupKey) ?? { groupKey: g.groupKey, themeCode: '', themeTitle: '', trackKey: null };
  return [...groups].sort((a, b) => byGroupOrder(of(a), of(b)));
}

function groupsOf(lines: readonly ResultLine[], facts: ReadonlyMap<string, EntryFact>, p: Present): TRoundRanking['groups'] {
  const groups = new Map<string, ResultLine[]>();
  for (const l of lines) groups.set(l.groupKey, [...(groups.get(l.groupKey) ?? []), l]);
  return [...groups]
    .map(([groupKey, members]) => {
      const first = facts.get(members[0]?.entryId ?? '') as EntryFact;
      return {
        groupKey,
        themeId: first.themeId,
        themeCode: first.themeCode,
        themeTitle: first.themeTitle,
        trackKey: first.trackKey,
        rows: [...members].sort(byRank).map((l) => row(l, facts.get(l.entryId) as EntryFact, p)),
      };
    })
    .sort(byGroupOrder);
}

/** The entries the caller's judge rows stand assigned in the round. */
async function assignedTo(db: Queryable, roundId: string, judgeIds: readonly string[]): Promise<Set<string>> {
  if (judgeIds.length === 0) return new Set();
  const rows = await db
    .select({ entryId: assignments.entryId, judgeId: assignments.judgeId })
    .from(assignments)
    .where(
      and(eq(assignments.roundId, roundId), eq(assignments.status, 'assigned'), inArray(assignments.judgeId, [...judgeIds])),
    );
  // An assignment a later conflict recuses no longer opens the entry's line.
  const recused = await recusedPairs(db, rows);
  return new Set(rows.filter((r) => !recused.has(`${r.judgeId}/${r.entryId}`)).map((r) => r.entryId));
}

/** The lines of a round: frozen rows once frozen, else ranked now. */
export async function linesOf(db: Queryable, round: RoundRow) {
  if (round.status === 'frozen') {
    const rows = await frozenRows(db, round.id);
    return { lines: frozenLines(rows), rows, facts: await roundEntryFacts(db, round.id) };
  }
  const facts = await liveFacts(db, round);
  return { lines: liveLines(round, facts), rows: [] as FrozenRow[], facts: facts.entries };
}

/**
 * GET …/ranking (issue 10 items 5 and 7): organizer staff get every entry with its breakdown, the agreement figures
 * and each judge's score distribution; a judge (see_others rounds only) gets the entries they are assigned, other
 * judges anonymous and the entries without unit or title in a blind round, no panel figures.
 */
export async function rankingView(db: Queryable, caller: ResultCaller, round: RoundRow): Promise<TRoundRanking> {
  const selfJudgeIds = new Set(caller.panel?.judgeIds ?? []);
  const mine = caller.access === null ? await assignedTo(db, round.id, [...selfJudgeIds]) : new Set<string>();
  const view = rankingViewOf(caller, round, mine);
  const { lines, rows, facts } = await linesOf(db, round);
  const shown = view === 'organizer' ? lines : lines.filter((l) => mine.has(l.entryId));
  const first = rows[0]?.breakdown;
  const publishedAt = round.resultsPublishedAt?.toISOString() ?? null;
  const quality = view === 'organizer' ? distributions(round, lines) : null;
  return {
    roundId: round.id,
    label: round.label,
    status: round.status,
    view,
    // A frozen round shows the formula its results were computed with, as stored with them.
    formula: first?.formula ?? { method: round.method, sheet: round.sheet, tieBreak: round.tieBreak },
    rule: first?.rule ?? null,
    frozenAt: rows[0]?.frozenAt.toISOString() ?? null,
    publishedAt,
    groups: groupsOf(shown, new Map(facts.map((f) => [f.entryId, f])), { view, blind: round.blind, selfJudgeIds }),
    agreement: view === 'organizer' ? panelQuality(round, lines) : null,
    binEdges: quality?.binEdges ?? null,
    distributions: quality?.distributions ?? null,
    abilities: {
      freeze: whyNotFreeze(caller.access, round) ?? true,
      publish: whyNotPublish(caller.access, round, publishedAt) ?? true,
    },
  };
}
