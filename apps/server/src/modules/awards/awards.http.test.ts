import { randomUUID } from 'node:crypto';
import type { TAwardSetView } from '@casearena/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { type AwardsWorld, awardsAudit, awardsWorld } from '../../../test/awards.ts';
import { signedInAs } from '../../../test/factories.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { awards } from './awards.tables.ts';
import { assertRowsOfCampaign } from './awards-write.ts';
import { amendAwards, finalizeAwardSet, listLiveAwards, readAwardSetState } from './index.ts';

/**
 * The awards' routes (issue 12 item 1): the organizer's set from the default rules to compute -> preview -> adjust
 * -> freeze, the abilities at each state, compare-and-set, adjustments without a reason, the public honour list
 * before and after the freeze, the Excel export, the door the notices module uses (amend, finalize) and the audit
 * rows every step leaves (X-3).
 */
let t: TestApp;
let w: AwardsWorld;
let stranger: Client;

beforeAll(async () => {
  t = await startTestApp();
  w = await awardsWorld(t);
  stranger = (await signedInAs(t)).client;
}, 180_000);
afterAll(() => t.close());

const url = (path = '') => `/api/campaigns/${w.campaignId}/awards${path}`;
const view = async (): Promise<TAwardSetView> => (await w.manager.get(url())).json();
const brief = (v: TAwardSetView) =>
  v.awards.map((a) => [a.ruleKey, a.level, a.entryId ?? a.organizationId, a.honour?.['zh-CN'] ?? null, a.figures.tied, a.origin]);

describe('the award set, compute -> preview -> adjust -> freeze', () => {
  it('S0-10, S0-12: a campaign without a set shows draft with the default rules, the problems and the abilities', async () => {
    const v = await view();
    expect([v.state, v.version, v.awards, v.computedAt]).toEqual(['draft', 0, [], null]);
    expect(v.rules.map((r) => r.key)).toEqual(['tiers', 'medals', 'popularity', 'best_organization', 'best_management']);
    expect(v.problems).toEqual([
      { ruleKey: 'medals', code: 'AWARD_SOURCE_MISSING' },
      { ruleKey: 'popularity', code: 'AWARD_SOURCE_MISSING' },
    ]);
    expect(v.abilities).toEqual({
      editRules: true,
      compute: true,
      adjust: 'WRONG_STATUS',
      freeze: 'WRONG_STATUS',
      issueCertificates: 'WRONG_STATUS',
    });
  });

  it('hides the set from anyone but the organizer’s manager (NOT_FOUND, the body never read first)', async () => {
    expect((await stranger.get(url())).json().error.code).toBe('NOT_FOUND');
    const put = await stranger.put(url('/rules'), { version: 0, rules: [] });
    expect([put.statusCode, put.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const act = await stranger.post(url('/actions'), { action: 'compute', version: 0 });
    expect([act.statusCode, act.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await stranger.get(url('/export.xlsx'))).statusCode).toBe(404);
  });

  it('S0-15: the honour list is NOT_FOUND before the freeze', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/campaigns/${w.campaignId}/honours` });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses bad rules with clear field codes and changes nothing', async () => {
    const bad = await w.manager.put(url('/rules'), {
      version: 0,
      rules: [{ key: 'Bad Key', kind: 'popularity', label: { 'zh-CN': '人气', en: 'Popular' } }],
    });
    expect([bad.statusCode, bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])]).toEqual([
      400,
      [['rules.0.key', 'INVALID']],
    ]);
    const rule = { key: 'popular', kind: 'popularity', label: { 'zh-CN': '人气', en: 'Popular' } };
    const dup = await w.manager.put(url('/rules'), { version: 0, rules: [rule, rule] });
    expect([dup.statusCode, dup.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])]).toEqual([
      400,
      [['rules.1.key', 'DUPLICATE']],
    ]);
    expect((await view()).version).toBe(0);
  });

  it('compute is refused with AWARD_SOURCE_MISSING when no rule has a source, and says so in the ability', async () => {
    const only = [{ key: 'medals', kind: 'medals', label: { 'zh-CN': '奖牌', en: 'Medals' } }];
    const put = await w.manager.put(url('/rules'), { version: 0, rules: only });
    expect(put.statusCode).toBe(200);
    const v = put.json() as TAwardSetView;
    expect([v.state, v.version, v.abilities.compute]).toEqual(['draft', 1, 'AWARD_SOURCE_MISSING']);
    const res = await w.manager.post(url('/actions'), { action: 'compute', version: v.version });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'AWARD_SOURCE_MISSING']);
    expect((await view()).version).toBe(1);
  });

  it('S0-10, S0-12, S0-15: compute gives the tiers with the summit honour, and the campaign-wide awards with their ties', async () => {
    const { rules: _r, ...rest } = await view();
    const { defaultRules } = await import('./index.ts');
    // A label with a quote, a backslash and braces goes through the array-literal insert unchanged.
    const tricky = { 'zh-CN': '最佳"组织"奖 \\ {1,2}', en: 'Best "org", \\ NULL' };
    const rules = defaultRules('seed-000').map((r) => (r.key === 'best_organization' ? { ...r, label: tricky } : r));
    const put = await w.manager.put(url('/rules'), { version: rest.version, rules });
    expect(put.statusCode).toBe(200);
    const res = await w.manager.post(url('/actions'), { action: 'compute', version: put.json().version });
    expect(res.statusCode).toBe(200);
    const v = res.json() as TAwardSetView;
    const [a, b, c, d] = w.entries;
    expect(v.state).toBe('computed');
    const sorted = (ids: string[]) => [...ids].sort();
    const orgs = sorted([a.hospital.id, b.hospital.id, c.hospital.id, d.hospital.id]);
    const managed = sorted([a.hospital.id, b.hospital.id]);
    expect(brief(v)).toEqual([
      ['tiers', 'outstanding', a.id, '总决赛/峰会邀请', false, 'computed'],
      ['tiers', 'outstanding', b.id, '总决赛/峰会邀请', false, 'computed'],
      ['tiers', 'excellent', c.id, null, false, 'computed'],
      ...orgs.map((o) => ['best_organization', 'best', o, null, true, 'computed']),
      ...managed.map((o) => ['best_management', 'best', o, null, true, 'computed']),
    ]);
    expect(v.awards[0]?.figures.why['zh-CN']).toBe('专家初评 第 1 名 / 共 4 · 得分 90 · 卓越 2 名');
    expect(v.awards[3]?.label).toEqual(tricky);
    expect(v.awards[3]?.figures.why['zh-CN']).toBe('申报案例 1 件，4 家医院中最多（4 家并列，均获奖）');
    expect(v.abilities).toEqual({
      editRules: true,
      compute: true,
      adjust: true,
      freeze: true,
      issueCertificates: 'WRONG_STATUS',
    });
  });

  it('compare-and-set: a step on an old version is STALE_VERSION and changes nothing', async () => {
    const before = await view();
    const res = await w.manager.post(url('/actions'), { action: 'freeze', version: before.version - 1 });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'STALE_VERSION']);
    const after = await view();
    expect([after.state, after.version, after.awards]).toEqual([before.state, before.version, before.awards]);
  });

  it('an adjustment without a reason is refused with REASON_REQUIRED and nothing changes', async () => {
    const before = await view();
    const awardId = before.awards[2]?.id;
    for (const body of [
      { op: 'remove', version: before.version, awardId },
      { op: 'remove', version: before.version, awardId, reason: ' ' },
    ]) {
      const res = await w.manager.post(url('/adjustments'), body);
      expect([res.statusCode, res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])]).toEqual([
        400,
        [['reason', 'REASON_REQUIRED']],
      ]);
    }
    const after = await view();
    expect([after.version, after.awards]).toEqual([before.version, before.awards]);
  });

  it('adjusts with a reason: removes one award (kept, marked removed) and adds another', async () => {
    const before = await view();
    const [, , c, d] = w.entries;
    const awardId = before.awards[2]?.id as string;
    const removed = await w.manager.post(url('/adjustments'), {
      op: 'remove',
      version: before.version,
      awardId,
      reason: '材料存疑，核实中',
    });
    expect(removed.statusCode).toBe(200);
    const v1 = removed.json() as TAwardSetView;
    expect(v1.awards.find((x) => x.id === awardId)).toMatchObject({
      entryId: c.id,
      origin: 'removed',
      reason: '材料存疑，核实中',
    });
    const added = await w.manager.post(url('/adjustments'), {
      op: 'add',
      version: v1.version,
      ruleKey: 'tiers',
      level: 'excellent',
      entryId: d.id,
      reason: '复核后补录',
    });
    expect(added.statusCode).toBe(200);
    const v2 = added.json() as TAwardSetView;
    expect(v2.awards.find((x) => x.origin === 'added')).toMatchObject({
      entryId: d.id,
      level: 'excellent',
      label: { 'zh-CN': '优秀案例', en: 'Excellent case' },
      reason: '复核后补录',
    });
    const again = await w.manager.post(url('/adjustments'), {
      op: 'add',
      version: v2.version,
      ruleKey: 'tiers',
      level: 'excellent',
      entryId: d.id,
      reason: '复核后补录',
    });
    expect([again.statusCode, again.json().error.fields[0].code]).toEqual([400, 'DUPLICATE']);
    const badLevel = await w.manager.post(url('/adjustments'), {
      op: 'add',
      version: v2.version,
      ruleKey: 'tiers',
      level: 'platinum',
      entryId: d.id,
      reason: '复核后补录',
    });
    expect([badLevel.statusCode, badLevel.json().error.fields[0]]).toEqual([
      400,
      expect.objectContaining({ path: 'level', code: 'INVALID_CHOICE' }),
    ]);
  });

  it('freezes: the set is frozen, rules and adjustments WRONG_STATUS, the honour list public (S0-15, not final yet)', async () => {
    const before = await view();
    const res = await w.manager.post(url('/actions'), { action: 'freeze', version: before.version });
    expect(res.statusCode).toBe(200);
    const v = res.json() as TAwardSetView;
    expect([v.state, v.frozenAt, v.problems]).toEqual(['frozen', t.clock.now().toISOString(), []]);
    expect(v.abilities).toEqual({
      editRules: 'WRONG_STATUS',
      compute: 'WRONG_STATUS',
      adjust: 'WRONG_STATUS',
      freeze: 'WRONG_STATUS',
      issueCertificates: 'WRONG_STATUS',
    });
    const put = await w.manager.put(url('/rules'), { version: v.version, rules: v.rules });
    expect([put.statusCode, put.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const adj = await w.manager.post(url('/adjustments'), {
      op: 'remove',
      version: v.version,
      awardId: v.awards[0]?.id,
      reason: '再次调整',
    });
    expect([adj.statusCode, adj.json().error.code]).toEqual([409, 'WRONG_STATUS']);

    const pub = await t.app.inject({ method: 'GET', url: `/api/public/campaigns/${w.campaignId}/honours` });
    expect(pub.statusCode).toBe(200);
    const list = pub.json();
    expect([list.state, list.final, list.themes.length]).toEqual(['frozen', false, 2]);
    const [a, b, , d] = w.entries;
    expect(
      list.themes[0].awards.map((x: { entryTitle: string; honour: { 'zh-CN': string } | null }) => [
        x.entryTitle,
        x.honour?.['zh-CN'] ?? null,
      ]),
    ).toEqual([
      [a.title, '总决赛/峰会邀请'],
      [b.title, '总决赛/峰会邀请'],
      [d.title, null],
    ]);
    expect(list.themes[1].title).toBe('综合奖项');
  });

  it('exports every award to Excel, the removed one marked with its reason', async () => {
    const res = await w.manager.get(url('/export.xlsx'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('奖项 Awards');
    const v = await view();
    expect(sheet?.rowCount).toBe(v.awards.length + 1);
    const origins = (sheet?.getColumn('K').values ?? []).slice(2);
    expect(origins.filter((o) => o === '已撤销').length).toBe(1);
    expect(origins.filter((o) => o === '增补').length).toBe(1);
  });

  it('the door: amendAwards changes a frozen set with the reason, finalizeAwardSet makes it final (X-3)', async () => {
    const manager = (await readAwardSetState(t.app.ctx.db, w.campaignId)) as { state: string; version: number };
    expect(manager.state).toBe('frozen');
    const live = await listLiveAwards(t.app.ctx.db, w.campaignId);
    const target = live[0] as (typeof live)[number];
    const actor = 'system:correction-sweep' as const;
    const ctx = t.app.ctx;
    await inTransaction(ctx.db, (tx, afterCommit) =>
      amendAwards({
        ctx,
        tx,
        afterCommit,
        actor,
        campaignId: w.campaignId,
        reason: '异议成立',
        change: { op: 'remove', awardId: target.id },
        objectionId: target.id,
      }),
    );
    expect((await listLiveAwards(ctx.db, w.campaignId)).map((x) => x.id)).not.toContain(target.id);
    const empty = await inTransaction(ctx.db, (tx, afterCommit) =>
      amendAwards({ ctx, tx, afterCommit, actor, campaignId: w.campaignId, reason: ' ', change: { op: 'none' } }),
    ).catch((e: { code: string }) => e.code);
    expect(empty).toBe('VALIDATION_FAILED');
    await inTransaction(ctx.db, (tx, afterCommit) => finalizeAwardSet({ ctx, tx, afterCommit, actor, campaignId: w.campaignId }));
    expect((await readAwardSetState(ctx.db, w.campaignId))?.state).toBe('final');
    const again = await inTransaction(ctx.db, (tx, afterCommit) =>
      amendAwards({ ctx, tx, afterCommit, actor, campaignId: w.campaignId, reason: '异议成立', change: { op: 'none' } }),
    ).catch((e: { code: string }) => e.code);
    expect(again).toBe('WRONG_STATUS');
    const v = await view();
    expect([v.state, v.abilities.issueCertificates]).toEqual(['final', true]);
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/campaigns/${w.campaignId}/honours` });
    expect(pub.json().final).toBe(true);
  });

  it('X-3: every step left its audit event, with the version, the counts and the reasons', async () => {
    const events = await awardsAudit(t, w.campaignId);
    expect(events.map((e) => [e.kind, e.data.from, e.data.to, e.data.version])).toEqual([
      ['awards.rules_updated', 'draft', 'draft', 1],
      ['awards.rules_updated', 'draft', 'draft', 2],
      ['awards.compute', 'draft', 'computed', 3],
      ['awards.adjust', 'computed', 'computed', 4],
      ['awards.adjust', 'computed', 'computed', 5],
      ['awards.freeze', 'computed', 'frozen', 6],
      ['awards.amend', 'frozen', 'frozen', 7],
      ['awards.finalize', 'frozen', 'final', 8],
    ]);
    const compute = events[2]?.data as Record<string, unknown>;
    expect([compute.awards, compute.perRule, compute.problems]).toEqual([
      9,
      { tiers: 3, best_organization: 4, best_management: 2 },
      [
        { ruleKey: 'medals', code: 'AWARD_SOURCE_MISSING' },
        { ruleKey: 'popularity', code: 'AWARD_SOURCE_MISSING' },
      ],
    ]);
    expect(events[3]?.data).toMatchObject({ op: 'remove', reason: '材料存疑，核实中' });
    expect(events[4]?.data).toMatchObject({ op: 'add', reason: '复核后补录', level: 'excellent' });
    expect(events[6]?.data).toMatchObject({ op: 'remove', reason: '异议成立', actor: 'system:correction-sweep' });
    expect(events.slice(0, 6).every((e) => e.actorId !== null)).toBe(true);
  });

  it('the writer checks every row is the campaign’s (no foreign keys on the awards’ theme, entry, hospital): a row naming an unknown entry fails the transaction, nothing written', async () => {
    const ctx = t.app.ctx;
    const before = await listLiveAwards(ctx.db, w.campaignId);
    const real = before.find((a) => a.entryId !== null) as (typeof before)[number];
    const write = inTransaction(ctx.db, async (tx) => {
      await tx.insert(awards).values({
        campaignId: w.campaignId,
        ruleKey: 'tiers',
        kind: 'tiers',
        level: 'stray',
        labelZh: '无主',
        labelEn: 'Stray',
        themeId: real.themeId,
        entryId: randomUUID(),
        organizationId: real.organizationId,
        figures: { value: null, rank: null, base: null, cut: null, tied: false, why: { 'zh-CN': '', en: '' } },
        createdAt: ctx.clock.now(),
      });
      await assertRowsOfCampaign(tx, w.campaignId);
    });
    await expect(write).rejects.toThrow(
      `awards: 1 computed rows name a theme, entry or hospital outside campaign ${w.campaignId}`,
    );
    expect((await listLiveAwards(ctx.db, w.campaignId)).map((a) => a.id)).toEqual(before.map((a) => a.id));
  });
});
