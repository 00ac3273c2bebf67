import { randomBytes } from 'node:crypto';
import { MEDALS_S0_10, SEED_000_SHEET, type TCampaign } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
// The frozen results, the notice's and the objections' versions are read from the tables (db/schema.ts, never a
// module's tables file); every write goes through the modules' doors, as the organizer, the experts and the public do.
import { entries, notices, objections, roundResults, stageFinalists, users } from '../db/schema.ts';
import { awardSetAction, issueCertificates, listLiveAwards, readAwardSetState } from '../modules/awards/index.ts';
import { fileObjection, noticeAction, objectionAction, saveNoticeSettings } from '../modules/notices/index.ts';
import { createStage, stageAction, submitStageScore } from '../modules/stage/index.ts';
import { fixedClock } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { openDemoCall } from './demo-generator.ts';
import { seedFrozenRound } from './demo-online-round.ts';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/**
 * A seventh demo call, three weeks past its 全国总决赛 with everything after it done (issue 12; seed 000 §六, S0-10,
 * S0-11, S0-12, S0-15, S3-7, X-7): 40 screened cases and a frozen 专家初评 (seedFrozenRound), the first theme's final
 * run by the organizer's manager with the four experts scoring on their phones and frozen the same evening; the
 * seed-000 award rules computed and frozen two days later; a week's public notice with two objections from the
 * demo voter — one upheld (an 优秀 award removed, with the reason), one dismissed — ended and finalized; and the
 * certificates issued. The honour list, the notice and every certificate's verification page are public.
 */
export async function seedAwardsDemo(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  accounts: { host: { email: string }; judge: { email: string }; leadJudge: { email: string }; objector: Actor },
): Promise<{ campaign: TCampaign }> {
  const now = ctx.clock.now().getTime();
  const atTime = (t: number) => ({ ...ctx, clock: fixedClock(new Date(t)) });
  const campaign = await openDemoCall(ctx, staff, organizerId, { phase: 'final', daysIn: 20, suffix: '（演示·颁奖与公示）' });
  const { roundId, experts } = await seedFrozenRound(
    ctx,
    staff,
    organizerId,
    campaign,
    accounts,
    'demo-awards-author@demo.casearena.cn',
  );
  const [hostRow] = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.email, accounts.host.email));
  if (!hostRow) throw new Error('the organizer manager is registered before the awards are seeded');
  const host: Actor = { id: hostRow.id, name: hostRow.name, role: 'user', locale: 'zh-CN', organizationId: null };

  // The final, 09:00 on its first day: the first theme's 卓越 cases, the four experts of the online round.
  const finalDay = now - 20 * DAY;
  const theme = campaign.themes[0];
  if (!theme) throw new Error('the seed-000 template has themes');
  const stageId = await createStage({
    ctx: atTime(finalDay - DAY),
    actor: host,
    campaignId: campaign.id,
    body: {
      label: `${theme.title} · 全国总决赛`,
      themeId: theme.id,
      trackKey: null,
      sourceRoundId: roundId,
      tiers: ['outstanding'],
      judgeIds: experts.map((e) => e.judgeId),
      presentSeconds: 480,
      qaSeconds: 420,
      warnSeconds: 60,
      method: 'mean',
      sheet: SEED_000_SHEET,
      awards: MEDALS_S0_10,
    },
  });
  const finalists = await ctx.db
    .select({ entryId: roundResults.entryId })
    .from(roundResults)
    .innerJoin(entries, eq(entries.id, roundResults.entryId))
    .where(and(eq(roundResults.roundId, roundId), eq(roundResults.tier, 'outstanding'), eq(entries.themeId, theme.id)))
    .orderBy(asc(roundResults.rank));
  let clock = finalDay + 9 * HOUR;
  let version = 1;
  const step = async (action: 'draw' | 'start' | 'present' | 'qa' | 'score' | 'reveal' | 'next' | 'finish' | 'freeze') => {
    clock += 5 * 60_000;
    version = (await stageAction({ ctx: atTime(clock), actor: host, stageId, body: { action, version } })) as number;
  };
  await step('draw');
  await step('start');
  const order = await drawnOrder(ctx, stageId, finalists.length);
  for (const [i, entryId] of order.entries()) {
    for (const a of ['present', 'qa', 'score'] as const) await step(a);
    const base = 80 + ((finalists.findIndex((f) => f.entryId === entryId) * 7 + 3) % 15);
    for (const [j, expert] of experts.entries())
      await submitStageScore({
        ctx: atTime(clock + (j + 1) * 20_000),
        actor: expert.actor,
        stageId,
        body: { entryId, scores: { overall: base + (j % 3) / 2 }, idempotencyKey: `demo-${randomBytes(6).toString('hex')}` },
      }).catch((err: unknown) => {
        // An expert of the finalist's own unit is recused from it: their phone offers no sheet.
        if (!(err instanceof AppError && err.code === 'RECUSED')) throw err;
      });
    clock += 2 * 60_000;
    await step('reveal');
    await step(i === order.length - 1 ? 'finish' : 'next');
  }
  clock = finalDay + 20 * HOUR;
  await step('freeze');

  // The awards, two days on: computed from what froze, previewed, frozen.
  const awardsAt = finalDay + 2 * DAY + 10 * HOUR;
  const set = await readAwardSetState(ctx.db, campaign.id);
  const computed = await awardSetAction({
    ctx: atTime(awardsAt),
    actor: host,
    campaignId: campaign.id,
    action: 'compute',
    version: set?.version ?? 0,
  });
  await awardSetAction({
    ctx: atTime(awardsAt + HOUR),
    actor: host,
    campaignId: campaign.id,
    action: 'freeze',
    version: computed.version,
  });

  // 公示 for seven natural days from the next morning (S3-7).
  const noticeAt = finalDay + 3 * DAY + 10 * HOUR;
  await saveNoticeSettings({
    ctx: atTime(noticeAt - HOUR),
    actor: host,
    campaignId: campaign.id,
    body: {
      version: 0,
      days: 7,
      dayKind: 'natural',
      contactName: '健康界大赛办公室',
      contactPhone: '010-65550101',
      contactEmail: 'awards@demo.casearena.cn',
      body: '现将大赛获奖结果予以公示。公示期内，如对结果有异议，请登录后实名提出并提供相关证明材料。',
    },
  });
  await noticeAction({
    ctx: atTime(noticeAt),
    actor: host,
    campaignId: campaign.id,
    body: { action: 'publish', version: await noticeVersion(ctx, campaign.id) },
  });

  // Two objections from a member of the public; the organizer upholds one and dismisses the other.
  const live = await listLiveAwards(ctx.db, campaign.id);
  const excellent = live.find((a) => a.ruleKey === 'tiers' && a.level === 'excellent' && a.entryId);
  const gold = live.find((a) => a.ruleKey === 'medals' && a.level === 'gold' && a.entryId);
  if (!excellent?.entryId || !gold?.entryId) throw new Error('the demo awards have an 优秀 case and a gold medal');
  const objectionAt = noticeAt + 2 * DAY;
  const file = (entryId: string, text: string, at: number) =>
    fileObjection({
      ctx: atTime(at),
      actor: accounts.objector,
      campaignId: campaign.id,
      body: { entryId, realName: '王丽', phone: '13900001111', text, evidenceIds: [] },
    });
  const upheld = await file(
    excellent.entryId,
    '该案例的成效数据与医院公开的年度报告不一致，且部分内容与其他医院已发表的案例雷同。',
    objectionAt,
  );
  const dismissed = await file(gold.entryId, '听说该案例现场答辩超时，希望核实评分是否公正。', objectionAt + 3 * HOUR);
  const decideAt = objectionAt + 2 * DAY;
  await objectionAction({
    ctx: atTime(decideAt),
    actor: host,
    objectionId: upheld,
    body: {
      action: 'uphold',
      version: await objectionVersion(ctx, upheld),
      reason: '经专家组复核，该案例部分内容与他院已发表案例雷同属实，撤销其优秀案例奖项。',
      change: { op: 'remove', awardId: excellent.id },
    },
  });
  await objectionAction({
    ctx: atTime(decideAt + HOUR),
    actor: host,
    objectionId: dismissed,
    body: {
      action: 'dismiss',
      version: await objectionVersion(ctx, dismissed),
      reason: '经核查现场计时记录，该案例汇报与答辩均在规定时间内完成，评分程序符合规则。',
    },
  });

  // The week over and every objection closed: final, and the certificates issued the next day.
  const finalAt = noticeAt + 8 * DAY;
  await noticeAction({
    ctx: atTime(finalAt),
    actor: host,
    campaignId: campaign.id,
    body: { action: 'finalize', version: await noticeVersion(ctx, campaign.id) },
  });
  await issueCertificates({ ctx: atTime(finalAt + DAY), actor: host, campaignId: campaign.id });
  return { campaign };
}

/** The finalists' entry ids in the drawn order (stage_finalists.position, through the schema). */
async function drawnOrder(ctx: AppContext, stageId: string, count: number): Promise<string[]> {
  const rows = await ctx.db
    .select({ entryId: stageFinalists.entryId })
    .from(stageFinalists)
    .where(eq(stageFinalists.stageId, stageId))
    .orderBy(asc(stageFinalists.position));
  if (rows.length !== count) throw new Error(`the stage has ${rows.length} finalists, ${count} expected`);
  return rows.map((r) => r.entryId);
}

async function noticeVersion(ctx: AppContext, campaignId: string): Promise<number> {
  const [row] = await ctx.db.select({ version: notices.version }).from(notices).where(eq(notices.campaignId, campaignId));
  return row?.version ?? 0;
}

async function objectionVersion(ctx: AppContext, id: string): Promise<number> {
  const [row] = await ctx.db.select({ version: objections.version }).from(objections).where(eq(objections.id, id));
  return row?.version ?? 0;
}
