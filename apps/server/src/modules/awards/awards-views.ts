import { PassThrough, type Readable } from 'node:stream';
import type { Locale, TAward, TAwardSetView, THonourList } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { formatShanghai } from '../../platform/clock/clock.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns } from '../campaigns/index.ts';
import { assertAwardsAccess, awardSetAbilities } from './awards.policy.ts';
import { type AwardRowWithNames, awardRows, listLiveAwards, loadAwardSet, ruleOrderOf, sortAwardRows } from './awards.repo.ts';
import { problemsOf } from './awards-engine.ts';
import { loadSourceFacts } from './awards-sources.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

function awardOf({ a, ...names }: AwardRowWithNames): TAward {
  return {
    id: a.id,
    ruleKey: a.ruleKey,
    kind: a.kind as TAward['kind'],
    level: a.level,
    levelOrder: a.levelOrder,
    label: { 'zh-CN': a.labelZh, en: a.labelEn },
    themeId: a.themeId,
    themeTitle: names.themeTitle,
    trackKey: a.trackKey,
    entryId: a.entryId,
    entryNumber: a.entryId ? names.entryNumber : null,
    entryTitle: a.entryId ? names.entryTitle : null,
    organizationId: a.organizationId,
    organizationName: names.organizationName,
    figures: a.figures,
    honour: a.honourZh === null ? null : { 'zh-CN': a.honourZh, en: a.honourEn ?? a.honourZh },
    origin: a.removedAt ? 'removed' : a.origin,
    reason: a.removedAt ? a.removedReason : a.reason,
  };
}

/**
 * GET /api/campaigns/:campaignId/awards (the organizer's manager): the set (draft with the default rules for a
 * campaign without one), every award row (removed ones marked, with the reason), the rules' problems while the set
 * may still be computed, and the abilities the policy gives.
 */
export async function awardSetView(db: Queryable, actor: Actor | null, campaignId: string, now: Date): Promise<TAwardSetView> {
  await assertAwardsAccess(db, actor, campaignId);
  const set = await loadAwardSet(db, campaignId);
  const open = set.state === 'draft' || set.state === 'computed';
  const problems = open ? problemsOf(set.rules, await loadSourceFacts(db, campaignId, now)) : [];
  const rows = sortAwardRows(await awardRows(db, campaignId, true), ruleOrderOf(set.rules));
  return {
    campaignId,
    state: set.state,
    version: set.version,
    rules: set.rules,
    computedAt: iso(set.computedAt),
    frozenAt: iso(set.frozenAt),
    finalAt: iso(set.finalAt),
    awards: rows.map(awardOf),
    problems,
    abilities: awardSetAbilities(true, { state: set.state, problems, rules: set.rules.length }),
  };
}

/**
 * GET /api/public/campaigns/:campaignId/honours: the honour list (榜单) per theme, campaign-wide awards last, once
 * the set is frozen (NOT_FOUND before: a draft or a preview is never public); `final` once the notice ended.
 */
export async function honourList(db: Queryable, campaignId: string, locale: Locale): Promise<THonourList> {
  const [campaign] = await db.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new AppError('NOT_FOUND');
  const set = await loadAwardSet(db, campaignId);
  if (set.state !== 'frozen' && set.state !== 'final') throw new AppError('NOT_FOUND');
  const live = await listLiveAwards(db, campaignId);
  const themes: THonourList['themes'] = [];
  for (const a of live) {
    let theme = themes[themes.length - 1];
    if (!theme || theme.themeId !== a.themeId) {
      theme = { themeId: a.themeId, title: a.themeTitle ?? (locale === 'en' ? 'Campaign-wide awards' : '综合奖项'), awards: [] };
      themes.push(theme);
    }
    theme.awards.push({
      label: { 'zh-CN': a.labelZh, en: a.labelEn },
      entryNumber: a.entryNumber,
      entryTitle: a.entryTitle,
      organizationName: a.organizationName,
      honour: a.honourZh === null ? null : { 'zh-CN': a.honourZh, en: a.honourEn ?? a.honourZh },
      tied: a.tied,
    });
  }
  return { campaignId, campaignTitle: campaign.title, state: set.state, final: set.state === 'final', themes };
}

const ORIGIN: Record<TAward['origin'], string> = { computed: '计算', added: '增补', removed: '已撤销' };

/**
 * GET …/awards/export.xlsx (the organizer's manager): every award row, removed ones marked with the reason, written
 * row by row to a stream as judging's ranking export does. Headers are Chinese with the English after them.
 */
export async function exportAwards(db: Queryable, actor: Actor | null, campaignId: string): Promise<Readable> {
  await assertAwardsAccess(db, actor, campaignId);
  const set = await loadAwardSet(db, campaignId);
  const rows = sortAwardRows(await awardRows(db, campaignId, true), ruleOrderOf(set.rules));
  const ruleLabel = new Map(set.rules.map((r) => [r.key, r.label['zh-CN']]));
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const fill = async () => {
    const ws = book.addWorksheet('奖项 Awards');
    ws.columns = [
      { header: '主题 Theme', key: 'theme', width: 24 },
      { header: '奖项类别 Rule', key: 'rule', width: 18 },
      { header: '奖项 Award', key: 'award', width: 16 },
      { header: '赛道 Track', key: 'track', width: 10 },
      { header: '案例编号 Entry number', key: 'number', width: 20 },
      { header: '案例标题 Title', key: 'title', width: 40 },
      { header: '申报单位 Organization', key: 'organization', width: 30 },
      { header: '荣誉 Honour', key: 'honour', width: 18 },
      { header: '并列 Tied', key: 'tied', width: 8 },
      { header: '依据 Why', key: 'why', width: 60 },
      { header: '来源 Origin', key: 'origin', width: 10 },
      { header: '原因 Reason', key: 'reason', width: 30 },
    ];
    for (const row of rows) {
      const a = awardOf(row);
      ws.addRow({
        theme: a.themeTitle ?? '综合奖项',
        rule: ruleLabel.get(a.ruleKey) ?? a.ruleKey,
        award: a.label['zh-CN'],
        track: a.trackKey,
        number: a.entryNumber,
        title: a.entryTitle,
        organization: a.organizationName,
        honour: a.honour?.['zh-CN'] ?? null,
        tied: a.figures.tied ? '是' : '否',
        why: a.figures.why['zh-CN'],
        origin: ORIGIN[a.origin],
        reason: a.reason,
      }).commit();
    }
    ws.commit();
    const info = book.addWorksheet('说明 About');
    info.columns = [
      { header: '项目 Item', key: 'k', width: 20 },
      { header: '内容 Value', key: 'v', width: 40 },
    ];
    info.addRow({ k: '状态 State', v: set.state }).commit();
    info.addRow({ k: '计算时间 Computed', v: set.computedAt ? formatShanghai(set.computedAt) : null }).commit();
    info.addRow({ k: '冻结时间 Frozen', v: set.frozenAt ? formatShanghai(set.frozenAt) : null }).commit();
    info.addRow({ k: '最终时间 Final', v: set.finalAt ? formatShanghai(set.finalAt) : null }).commit();
    info.commit();
  };
  fill()
    .then(() => book.commit())
    .catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
