import { MEDALS_S0_10, SEED_000_SHEET, type TCampaign, type TJudgeInviteInput } from '@casearena/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
// Entries' units, users and the frozen results are read from the tables (db/schema.ts, never a module's tables file);
// every write goes through the modules' doors, as the organizer, the experts and the host would make it.
import { entries, organizations, roundResults, users } from '../db/schema.ts';
import { registerUser } from '../modules/accounts/index.ts';
import { answerJudgeInvitation, inviteJudge, listJudges } from '../modules/judging/index.ts';
import { createStage } from '../modules/stage/index.ts';
import { fixedClock } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { openDemoCall } from './demo-generator.ts';
import { seedFrozenRound } from './demo-online-round.ts';

const DAY = 24 * 3600 * 1000;

/** A demo account (its password is the README's). */
interface Account {
  email: string;
  password: string;
  name: string;
}

/** The three stage judges who are new to the pool; with the demo judge and the lead judge the stage seats five. */
export const STAGE_JUDGES = [
  { email: 'stage-judge-3@demo.casearena.cn', password: 'Demo12345', name: '钱主任医师', title: '主任医师' },
  { email: 'stage-judge-4@demo.casearena.cn', password: 'Demo12345', name: '郑教授', title: '主任医师' },
  { email: 'stage-judge-5@demo.casearena.cn', password: 'Demo12345', name: '冯主任护师', title: '主任护师' },
] as const satisfies ReadonlyArray<Account & { title: NonNullable<TJudgeInviteInput['title']> }>;

/**
 * A sixth demo call on the first day of its 全国总决赛 (seed 000 §六.3, §七.4; S0-10, S0-13): 40 screened cases, a
 * 专家初评 scored by four experts of 健康界's pool (not the demo judges, whose workspace shows the judging call's
 * open round only), closed and frozen with 卓越/优秀 by proportion, and a stage (场次) for the first theme in `draft`:
 * its seven 卓越 cases are the finalists, five judges sit on it — the demo judge, the lead judge and three experts
 * invited for the final (stage-judge-3..5) — and one of them works for a finalist's hospital, so recusal (X-4)
 * shows on their phone. The organizer's manager hosts: draws the order, starts and runs the day.
 */
export async function seedStageDemo(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  accounts: { host: Account; judge: Account; leadJudge: Account },
): Promise<{ campaign: TCampaign; roundId: string; stageId: string }> {
  const now = ctx.clock.now().getTime();
  const atTime = (t: number) => ({ ...ctx, clock: fixedClock(new Date(t)) });
  const campaign = await openDemoCall(ctx, staff, organizerId, { phase: 'final', daysIn: 0, suffix: '（演示·全国总决赛）' });
  const { roundId } = await seedFrozenRound(ctx, staff, organizerId, campaign, accounts, 'demo-final-author@demo.casearena.cn');

  // The first theme's 卓越 cases and their hospitals, best first (the frozen rank).
  const theme = campaign.themes[0];
  if (!theme) throw new Error('the seed-000 template has themes');
  const finalists = await ctx.db
    .select({ entryId: roundResults.entryId, organizationId: entries.organizationId, rank: roundResults.rank })
    .from(roundResults)
    .innerJoin(entries, eq(entries.id, roundResults.entryId))
    .where(and(eq(roundResults.roundId, roundId), eq(roundResults.tier, 'outstanding'), eq(entries.themeId, theme.id)))
    .orderBy(asc(roundResults.rank));
  // The final's three new experts, invited by the organizer a fortnight ago and accepted the next day. The first
  // works for the hospital of the fourth-placed finalist: recused from it on stage.
  const recusedUnit = finalists[3]?.organizationId ?? null;
  const units = [recusedUnit, await orgByName(ctx, '中南大学湘雅医院'), await orgByName(ctx, '复旦大学附属中山医院')];
  for (const [i, expert] of STAGE_JUDGES.entries()) {
    const invited = atTime(now - 14 * DAY + i * 3600_000);
    const user = await registerUser(invited, { email: expert.email, password: expert.password, name: expert.name });
    const { token } = await invite(invited, staff, organizerId, {
      name: expert.name,
      email: expert.email,
      organizationId: units[i] ?? null,
      title: expert.title,
      specialties: [theme.id, '医院管理'],
    });
    await answerJudgeInvitation(atTime(now - 13 * DAY + i * 3600_000), {
      actor: { id: user.id, name: user.name, role: 'user', locale: 'zh-CN', organizationId: null },
      token,
      answer: 'accept',
      body: {},
    });
  }
  const seated = await listJudges(ctx.db, organizerId);
  const stageEmails = [accounts.judge.email, accounts.leadJudge.email, ...STAGE_JUDGES.map((s) => s.email)];
  const judgeIds = stageEmails.map((email) => {
    const j = seated.find((x) => x.email === email && x.status === 'active');
    if (!j) throw new Error(`${email} is not an active expert of the organizer's pool`);
    return j.id;
  });

  // The host: the organizer's manager, who creates the stage the evening before (draft: the draw is the day's first act).
  const [host] = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.email, [accounts.host.email]));
  if (!host) throw new Error('the organizer manager is registered before the final is seeded');
  const stageId = await createStage({
    ctx: atTime(now - 10 * 3600_000),
    actor: { id: host.id, name: host.name, role: 'user', locale: 'zh-CN', organizationId: null },
    campaignId: campaign.id,
    body: {
      label: `${theme.title} · 全国总决赛`,
      themeId: theme.id,
      trackKey: null,
      sourceRoundId: roundId,
      tiers: ['outstanding'],
      judgeIds,
      presentSeconds: 480,
      qaSeconds: 420,
      warnSeconds: 60,
      method: 'trimmed',
      sheet: SEED_000_SHEET,
      awards: MEDALS_S0_10,
    },
  });
  return { campaign, roundId, stageId };
}

async function orgByName(ctx: AppContext, name: string): Promise<string | null> {
  const [row] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return row?.id ?? null;
}

/**
 * Invites an expert as a manager does and reads the single-use link from the invitation as it is queued, the way
 * the expert would find it in their mail (the token itself is stored only as a hash).
 */
async function invite(ctx: AppContext, staff: Actor, organizerId: string, input: TJudgeInviteInput) {
  let body = '';
  const outbox = {
    ...ctx.outbox,
    enqueue: (...args: Parameters<AppContext['outbox']['enqueue']>) => {
      body = args[2].body;
      return ctx.outbox.enqueue(...args);
    },
  };
  const judgeId = await inviteJudge({ ...ctx, outbox }, { actor: staff, organizerId, invite: input });
  const token = /\/judging\/invitations\/([A-Za-z0-9_-]+)/.exec(body)?.[1];
  if (!token) throw new Error(`no invitation link was queued for ${input.email}`);
  return { judgeId, token };
}
