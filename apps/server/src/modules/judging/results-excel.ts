import { PassThrough, type Readable } from 'node:stream';
import type { AggregationMethod, TRoundRanking } from '@casearena/contract';
import { and, asc, eq, ne } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { formatShanghai } from '../../platform/clock/clock.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { weightedTotal } from './aggregate.ts';
import { assignments, judges, roundEntries, scoreSheets } from './judging.tables.ts';
import { loadRound, type RoundRow, resultCaller } from './result-facts.ts';
import { assertOrganizerStaff } from './result-policy.ts';
import { rankingView } from './results-ranking.ts';

/**
 * The organizer's Excel exports of a round (issue 10 item 7): every score sheet, and the ranking with the formula's
 * figures and each judge's scores (the frozen results once frozen, as the ranking route shows them). Organizer staff
 * only, like the ranking's full view: a judge of the panel FORBIDDEN, anyone else NOT_FOUND. Headers are Chinese with
 * the English after them, as in the assignment workbook; times are Beijing time.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATE: Record<'draft' | 'submitted' | 'abstained' | 'none', string> = {
  draft: '草稿',
  submitted: '已提交',
  abstained: '已回避',
  none: '未评分',
};

const METHOD: Record<AggregationMethod, string> = {
  mean: '平均分',
  median: '中位数',
  trimmed: '去掉一个最高分和一个最低分后的平均分',
  zscore: '按专家标准化（z 分数）后换算回评分范围的平均分',
};

const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否');
const beijing = (at: Date | string | null) => (at === null ? null : formatShanghai(new Date(at)));

/** Writes the workbook to a stream row by row (a round of 10,000 entries × 7 judges is 70,000 sheet rows). */
function streamed(fill: (book: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  fill(book)
    .then(() => book.commit())
    .catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

async function staffRound(db: Queryable, actor: Actor | null, roundId: string) {
  const round = await loadRound(db, roundId);
  const caller = await resultCaller(db, actor, round);
  assertOrganizerStaff(caller);
  return { round, caller };
}

/** The round's standing and abstained assignments with their sheets (none yet: 未评分), in entry then judge order. */
async function sheetRows(db: Queryable, round: RoundRow) {
  return db
    .select({
      number: entries.number,
      title: entries.title,
      themeCode: campaignThemes.code,
      themeTitle: campaignThemes.title,
      judge: judges.name,
      assignment: assignments.status,
      status: scoreSheets.status,
      scores: scoreSheets.scores,
      comment: scoreSheets.comment,
      recommendation: scoreSheets.recommendation,
      abstainReason: scoreSheets.abstainReason,
      savedAt: scoreSheets.savedAt,
      submittedAt: scoreSheets.submittedAt,
    })
    .from(assignments)
    .innerJoin(judges, eq(judges.id, assignments.judgeId))
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .innerJoin(roundEntries, and(eq(roundEntries.roundId, assignments.roundId), eq(roundEntries.entryId, assignments.entryId)))
    .innerJoin(campaignThemes, eq(campaignThemes.id, roundEntries.themeId))
    .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, assignments.id))
    .where(and(eq(assignments.roundId, round.id), ne(assignments.status, 'removed')))
    .orderBy(asc(campaignThemes.position), asc(entries.number), asc(judges.name), asc(assignments.id));
}

/**
 * GET …/sheets.xlsx: a row per judge assigned an entry (removed assignments left out): the entry, the judge, each
 * criterion's points, the weighted total, the comment, the state and when it was saved and submitted. A draft's
 * total counts the points typed so far; an abstention shows its reason and no total.
 */
export async function exportSheets(db: Queryable, actor: Actor | null, roundId: string): Promise<Readable> {
  const { round } = await staffRound(db, actor, roundId);
  const rows = await sheetRows(db, round);
  const { criteria } = round.sheet;
  return streamed(async (book) => {
    const ws = book.addWorksheet('评分表 Score sheets');
    ws.columns = [
      { header: '案例编号 Entry number', key: 'number', width: 20 },
      { header: '案例标题 Title', key: 'title', width: 40 },
      { header: '主题 Theme', key: 'theme', width: 24 },
      { header: '专家 Judge', key: 'judge', width: 16 },
      ...criteria.map((c) => ({ header: `${c.label['zh-CN']}（满分 ${c.max}）`, key: `c:${c.key}`, width: 14 })),
      { header: '总分 Total', key: 'total', width: 10 },
      ...(round.sheet.recommendation ? [{ header: '推荐意见 Recommendation', key: 'recommendation', width: 14 }] : []),
      { header: '评语 Comment', key: 'comment', width: 40 },
      { header: '状态 State', key: 'state', width: 10 },
      { header: '回避理由 Abstention reason', key: 'abstainReason', width: 30 },
      { header: '保存时间（北京时间） Saved', key: 'savedAt', width: 18 },
      { header: '提交时间（北京时间） Submitted', key: 'submittedAt', width: 18 },
    ];
    for (const r of rows) {
      const state = r.assignment === 'abstained' || r.status === 'abstained' ? 'abstained' : (r.status ?? 'none');
      const scores = r.scores ?? {};
      const scored = state === 'submitted' || (state === 'draft' && Object.keys(scores).length > 0);
      const values: Record<string, string | number | null> = {
        number: r.number ?? null,
        title: r.title,
        theme: `${r.themeCode} ${r.themeTitle}`,
        judge: r.judge,
        total: scored ? weightedTotal(round.sheet, scores) : null,
        recommendation: r.recommendation ?? null,
        comment: r.comment ?? null,
        state: STATE[state],
        abstainReason: r.abstainReason ?? null,
        savedAt: beijing(r.savedAt),
        submittedAt: beijing(r.submittedAt),
      };
      for (const c of criteria) values[`c:${c.key}`] = typeof scores[c.key] === 'number' ? (scores[c.key] as number) : null;
      ws.addRow(values).commit();
    }
    ws.commit();
  });
}

type Group = TRoundRanking['groups'][number];
type RankRow = Group['rows'][number];

function formulaRows(ranking: TRoundRanking): [string, string | number | null][] {
  const { formula } = ranking;
  return [
    ['轮次 Round', ranking.label],
    ['状态 State', { draft: '草稿', open: '评审中', closed: '已截止', frozen: '已冻结' }[ranking.status]],
    ['计分方法 Method', METHOD[formula.method]],
    ['权重合计 Weight total', formula.sheet.weightTotal],
    ...formula.sheet.criteria.map(
      (c) => [`${c.label['zh-CN']} ${c.label.en}`, `权重 ${c.weight}，满分 ${c.max}`] as [string, string],
    ),
    ['同分排序 Tie-break', tieBreakText(ranking)],
    ['冻结时间（北京时间） Frozen', beijing(ranking.frozenAt)],
    ['发布时间（北京时间） Published', beijing(ranking.publishedAt)],
  ];
}

/** The stated tie-break after the engine's own order (score, median, sheets), in words. */
function tieBreakText(ranking: TRoundRanking): string {
  const label = new Map(ranking.formula.sheet.criteria.map((c) => [`criterion:${c.key}`, `${c.label['zh-CN']}得分高者在前`]));
  const stated = ranking.formula.tieBreak.map((k) => (k === 'submittedAt' ? '提交早者在前' : (label.get(k) ?? k)));
  return ['得分高者在前', '中位数高者在前', '评分数多者在前', ...stated].join('；');
}

/**
 * GET …/ranking.xlsx: the ranking as the organizer's ranking route shows it (frozen rows once frozen, never
 * recomputed): a sheet with each group's entries by rank and the per-criterion figures, a sheet with every judge's
 * submitted scores behind them (raw, normalised, dropped by the trimmed mean), and the formula.
 */
export async function exportRanking(db: Queryable, actor: Actor | null, roundId: string): Promise<Readable> {
  const { round, caller } = await staffRound(db, actor, roundId);
  const ranking = await rankingView(db, caller, round);
  const { criteria } = ranking.formula.sheet;
  const frozen = ranking.status === 'frozen';
  const rule = ranking.rule;
  const tierLabel = new Map(
    (rule && 'tiers' in rule ? rule.tiers : []).map((tier) => [tier.key, tier.label?.['zh-CN'] ?? tier.key]),
  );
  const each = (fn: (g: Group, r: RankRow) => void) => {
    for (const g of ranking.groups) for (const r of g.rows) fn(g, r);
  };
  const theme = (g: Group) => `${g.themeCode} ${g.themeTitle}`;
  return streamed(async (book) => {
    const ws = book.addWorksheet('排名 Ranking');
    ws.columns = [
      { header: '主题 Theme', key: 'theme', width: 24 },
      { header: '赛道 Track', key: 'track', width: 10 },
      { header: '排名 Rank', key: 'rank', width: 8 },
      { header: '案例编号 Entry number', key: 'number', width: 20 },
      { header: '案例标题 Title', key: 'title', width: 40 },
      { header: '申报单位 Organization', key: 'organization', width: 30 },
      { header: '得分 Score', key: 'score', width: 10 },
      ...criteria.map((c) => ({ header: `${c.label['zh-CN']} ${c.label.en}`, key: `c:${c.key}`, width: 14 })),
      { header: '有效评分数 Sheets', key: 'sheets', width: 10 },
      { header: '评分不足 Too few sheets', key: 'tooFew', width: 10 },
      ...(frozen
        ? [
            { header: '等级 Tier', key: 'tier', width: 10 },
            { header: '晋级 Advanced', key: 'advanced', width: 10 },
          ]
        : []),
    ];
    each((g, r) => {
      const values: Record<string, string | number | null> = {
        theme: theme(g),
        track: g.trackKey ?? null,
        rank: r.rank,
        number: r.number ?? null,
        title: r.title ?? null,
        organization: r.organization?.name ?? null,
        score: r.score,
        sheets: r.sheets,
        tooFew: yesNo(r.tooFewSheets),
        tier: r.tier === null ? null : (tierLabel.get(r.tier) ?? r.tier),
        advanced: yesNo(r.advanced),
      };
      for (const c of criteria) values[`c:${c.key}`] = r.perCriterion[c.key] ?? null;
      ws.addRow(values).commit();
    });
    ws.commit();

    const js = book.addWorksheet('专家评分 Judges’ scores');
    js.columns = [
      { header: '主题 Theme', key: 'theme', width: 24 },
      { header: '案例编号 Entry number', key: 'number', width: 20 },
      { header: '专家 Judge', key: 'judge', width: 16 },
      ...criteria.map((c) => ({ header: `${c.label['zh-CN']} ${c.label.en}`, key: `c:${c.key}`, width: 14 })),
      { header: '总分 Total', key: 'raw', width: 10 },
      { header: '标准化得分 Normalised', key: 'normalized', width: 12 },
      { header: '去掉的最高/最低分 Dropped', key: 'dropped', width: 12 },
    ];
    each((g, r) => {
      for (const j of r.perJudge) {
        const values: Record<string, string | number | null> = {
          theme: theme(g),
          number: r.number ?? null,
          judge: j.name ?? null,
          raw: j.raw,
          normalized: j.normalized,
          dropped: yesNo(j.dropped),
        };
        for (const c of criteria) values[`c:${c.key}`] = j.scores[c.key] ?? null;
        js.addRow(values).commit();
      }
    });
    js.commit();

    const fs = book.addWorksheet('计分公式 Formula');
    fs.columns = [
      { header: '项目 Item', key: 'item', width: 30 },
      { header: '内容 Value', key: 'value', width: 60 },
    ];
    for (const [item, value] of formulaRows(ranking)) fs.addRow({ item, value }).commit();
    fs.commit();
  });
}
