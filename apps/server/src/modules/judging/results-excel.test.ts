import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildUser, signIn } from '../../../test/factories.ts';
import { type EntryKey, type ScoredCall, scoredCall, scoredRound } from '../../../test/judging-results.ts';
import { entries } from '../entries/index.ts';
import { scoreSheets } from './judging.tables.ts';

/**
 * Issue 10 item 7 (S0-10, X-3): every score sheet and the ranking exported to Excel, read back cell by cell; the
 * frozen ranking is read from the freeze, never recomputed. The call and its scores are in test/judging-results.ts.
 */
let t: TestApp;
let call: ScoredCall;
const numbers = new Map<EntryKey, string>();

beforeAll(async () => {
  t = await startTestApp();
  call = await scoredCall(t);
  for (const [k, e] of Object.entries(call.entries)) {
    const [row] = await t.app.ctx.db.select({ number: entries.number }).from(entries).where(eq(entries.id, e.id));
    numbers.set(k as EntryKey, row?.number as string);
  }
}, 300_000);
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each worksheet of the workbook as rows of cell values (header row included). */
async function read(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return Object.fromEntries(
    book.worksheets.map((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow((r) => {
        rows.push(Array.from({ length: ws.columnCount }, (_, i) => r.getCell(i + 1).value ?? null));
      });
      return [ws.name, rows];
    }),
  );
}

const get = async (url: string) => {
  const res = await call.manager.get(url);
  expect([res.statusCode, res.headers['content-type']]).toEqual([200, XLSX]);
  return read(res.rawPayload);
};

const n = (k: EntryKey) => numbers.get(k) as string;
const title = (k: EntryKey) => call.entries[k].title;
const org = (k: EntryKey) => call.entries[k].hospital.name;
const themeA = () => `${call.campaign.themes[0]?.code} ${call.campaign.themes[0]?.title}`;
const themeB = () => `${call.campaign.themes[1]?.code} ${call.campaign.themes[1]?.title}`;
/** The test clock (2 March 2026 10:00 Beijing time) as the export writes it. */
const AT = '2026-03-02 10:00';

describe('issue 10 item 7: Excel exports', () => {
  it('S0-10: sheets.xlsx has a row per assigned judge: points, weighted total, comment, state, times in Beijing time', async () => {
    expect(t.clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
    const round = await scoredRound(t, call);
    await t.app.ctx.db
      .update(scoreSheets)
      .set({ comment: '数据翔实，推广价值高' })
      .where(
        and(
          eq(scoreSheets.roundId, round.id),
          eq(scoreSheets.judgeId, call.judges.A.id),
          eq(scoreSheets.entryId, call.entries.a1.id),
        ),
      );
    const book = await get(`/api/judging/rounds/${round.id}/sheets.xlsx`);
    expect(Object.keys(book)).toEqual(['评分表 Score sheets']);
    const submitted = (k: EntryKey, judge: string, points: number, comment: string | null = null) => [
      n(k),
      title(k),
      themeA(),
      `${judge} 专家`,
      points,
      points,
      comment,
      '已提交',
      null,
      AT,
      AT,
    ];
    const rowsA = [
      submitted('a1', 'A', 95, '数据翔实，推广价值高'),
      submitted('a1', 'B', 80),
      submitted('a1', 'C', 78),
      submitted('a1', 'D', 40),
      submitted('a2', 'A', 85),
      submitted('a2', 'B', 84),
      submitted('a2', 'C', 83),
      submitted('a2', 'D', 82),
      submitted('a3', 'A', 70),
      submitted('a3', 'B', 72),
      submitted('a3', 'C', 74),
      submitted('a3', 'D', 99),
      submitted('a4', 'A', 60),
      submitted('a4', 'B', 65),
      [n('a4'), title('a4'), themeA(), 'C 专家', null, null, null, '已回避', '曾参与该案例指导', AT, null],
      [n('a4'), title('a4'), themeA(), 'D 专家', 50, 50, null, '草稿', null, AT, null],
    ];
    const rowsB = [
      [n('b1'), title('b1'), themeB(), 'A 专家', 50, 50, null, '草稿', null, AT, null],
      [n('b1'), title('b1'), themeB(), 'E 专家', 88, 88, null, '已提交', null, AT, AT],
      [n('b2'), title('b2'), themeB(), 'E 专家', null, null, null, '未评分', null, null, null],
    ];
    // Entry numbers follow creation, so a1 < a2 < … within a theme.
    expect(book['评分表 Score sheets']).toEqual([
      [
        '案例编号 Entry number',
        '案例标题 Title',
        '主题 Theme',
        '专家 Judge',
        '综合评分（满分 100）',
        '总分 Total',
        '评语 Comment',
        '状态 State',
        '回避理由 Abstention reason',
        '保存时间（北京时间） Saved',
        '提交时间（北京时间） Submitted',
      ],
      ...rowsA,
      ...rowsB,
    ]);
  }, 120_000);

  it('S0-10: ranking.xlsx has each theme by rank with the formula’s figures, every judge’s scores and the formula', async () => {
    const round = await scoredRound(t, call, { method: 'mean' });
    const book = await get(`/api/judging/rounds/${round.id}/ranking.xlsx`);
    expect(Object.keys(book)).toEqual(['排名 Ranking', '专家评分 Judges’ scores', '计分公式 Formula']);
    const line = (k: EntryKey, theme: string, rank: number | null, score: number | null, sheets: number, few: string) => [
      theme,
      null,
      rank,
      n(k),
      title(k),
      org(k),
      score,
      score,
      sheets,
      few,
    ];
    expect(book['排名 Ranking']).toEqual([
      [
        '主题 Theme',
        '赛道 Track',
        '排名 Rank',
        '案例编号 Entry number',
        '案例标题 Title',
        '申报单位 Organization',
        '得分 Score',
        '综合评分 Overall score',
        '有效评分数 Sheets',
        '评分不足 Too few sheets',
      ],
      line('a2', themeA(), 1, 83.5, 4, '否'),
      line('a3', themeA(), 2, 78.75, 4, '否'),
      line('a1', themeA(), 3, 73.25, 4, '否'),
      line('a4', themeA(), 4, 62.5, 2, '否'),
      line('b1', themeB(), 1, 88, 1, '否'),
      line('b2', themeB(), null, null, 0, '是'),
    ]);
    const judgeRows = book['专家评分 Judges’ scores'] as unknown[][];
    expect(judgeRows[0]).toEqual([
      '主题 Theme',
      '案例编号 Entry number',
      '专家 Judge',
      '综合评分 Overall score',
      '总分 Total',
      '标准化得分 Normalised',
      '去掉的最高/最低分 Dropped',
    ]);
    // Within an entry the judges come in the breakdown's order (by judge id), so compare each entry's set.
    const scoresOf = (k: EntryKey) =>
      judgeRows
        .filter((r) => r[1] === n(k))
        .map((r) => [r[0], r[2], r[3], r[4], r[5], r[6]])
        .sort();
    expect(scoresOf('a1')).toEqual(
      [
        [themeA(), 'A 专家', 95, 95, null, '否'],
        [themeA(), 'B 专家', 80, 80, null, '否'],
        [themeA(), 'C 专家', 78, 78, null, '否'],
        [themeA(), 'D 专家', 40, 40, null, '否'],
      ].sort(),
    );
    expect(scoresOf('a4')).toEqual([
      [themeA(), 'A 专家', 60, 60, null, '否'],
      [themeA(), 'B 专家', 65, 65, null, '否'],
    ]);
    expect(scoresOf('b1')).toEqual([[themeB(), 'E 专家', 88, 88, null, '否']]);
    expect(scoresOf('b2')).toEqual([]);
    expect(judgeRows.length).toBe(1 + 4 + 4 + 4 + 2 + 1);
    expect(book['计分公式 Formula']).toEqual([
      ['项目 Item', '内容 Value'],
      ['轮次 Round', round.label],
      ['状态 State', '已截止'],
      ['计分方法 Method', '平均分'],
      ['权重合计 Weight total', 100],
      ['综合评分 Overall score', '权重 100，满分 100'],
      ['同分排序 Tie-break', '得分高者在前；中位数高者在前；评分数多者在前'],
      ['冻结时间（北京时间） Frozen', null],
      ['发布时间（北京时间） Published', null],
    ]);
  }, 120_000);

  it('X-3: once frozen, ranking.xlsx shows the frozen tiers and advancement, and a sheet changed after the freeze does not move it', async () => {
    const round = await scoredRound(t, call, { method: 'trimmed' });
    const tiers = {
      tiers: [
        { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: 25 },
        { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: 50 },
      ],
      rounding: 'ceil',
      ties: 'include-ties',
      advance: ['outstanding'],
    };
    const frozen = await call.manager.post(`/api/judging/rounds/${round.id}/results/freeze`, tiers);
    expect(frozen.statusCode).toBe(200);
    await t.app.ctx.db
      .update(scoreSheets)
      .set({ scores: { overall: 1 } })
      .where(
        and(
          eq(scoreSheets.roundId, round.id),
          eq(scoreSheets.judgeId, call.judges.E.id),
          eq(scoreSheets.entryId, call.entries.b1.id),
        ),
      );
    const book = await get(`/api/judging/rounds/${round.id}/ranking.xlsx`);
    const ranking = book['排名 Ranking'] as unknown[][];
    expect(ranking[0]?.slice(10)).toEqual(['等级 Tier', '晋级 Advanced']);
    // Trimmed means: a2 83.5, a1 79, a3 73, a4 62.5; b1 88 (as frozen, not the 1 written afterwards).
    expect(ranking.slice(1).map((r) => [r[3], r[2], r[6], r[10], r[11]])).toEqual([
      [n('a2'), 1, 83.5, '卓越', '是'],
      [n('a1'), 2, 79, '优秀', '否'],
      [n('a3'), 3, 73, '优秀', '否'],
      [n('a4'), 4, 62.5, null, '否'],
      [n('b1'), 1, 88, '卓越', '是'],
      [n('b2'), null, null, null, '否'],
    ]);
    const judges = book['专家评分 Judges’ scores'] as unknown[][];
    expect(
      judges
        .filter((r) => r[1] === n('a1'))
        .map((r) => [r[2], r[4], r[6]])
        .sort(),
    ).toEqual([
      ['A 专家', 95, '是'],
      ['B 专家', 80, '否'],
      ['C 专家', 78, '否'],
      ['D 专家', 40, '是'],
    ]);
    const formula = book['计分公式 Formula'] as unknown[][];
    expect(formula.slice(2, 4)).toEqual([
      ['状态 State', '已冻结'],
      ['计分方法 Method', '去掉一个最高分和一个最低分后的平均分'],
    ]);
    expect(formula[7]).toEqual(['冻结时间（北京时间） Frozen', AT]);
    expect((await call.manager.get(`/api/judging/rounds/${round.id}/sheets.xlsx`)).statusCode).toBe(200);
  }, 120_000);

  it('X-4: organizer staff export; a judge of the panel gets 403, a stranger 404, nobody signed in 401', async () => {
    const round = await scoredRound(t, call);
    const screener = (await organizerMember(t, call.organizerId, 'screener')).client;
    const stranger = await signIn(t, await buildUser(t));
    for (const name of ['sheets', 'ranking']) {
      const url = `/api/judging/rounds/${round.id}/${name}.xlsx`;
      expect((await screener.get(url)).statusCode).toBe(200);
      const judge = await call.judges.A.client.get(url);
      expect([judge.statusCode, judge.json().error.code]).toEqual([403, 'FORBIDDEN']);
      const other = await stranger.get(url);
      expect([other.statusCode, other.json().error.code]).toEqual([404, 'NOT_FOUND']);
      const owner = await call.entries.a1.owner.get(url);
      expect([owner.statusCode, owner.json().error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await call.manager.get(`/api/judging/rounds/${crypto.randomUUID()}/${name}.xlsx`)).statusCode).toBe(404);
    }
  }, 120_000);
});
