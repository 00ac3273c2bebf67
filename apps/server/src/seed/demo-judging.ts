import { randomBytes } from 'node:crypto';
import type { TCampaign, TJudgeInviteInput } from '@casearena/contract';
import { asc, eq } from 'drizzle-orm';
// The entries' units are read from the table (db/schema.ts, never a module's tables file); every write goes through
// the judging module's door, as a manager and the experts would make it.
import { entries, organizations, users } from '../db/schema.ts';
import { registerUser } from '../modules/accounts/index.ts';
import {
  abstainSheet,
  answerJudgeInvitation,
  inviteJudge,
  listAssignments,
  savePanel,
  saveSheet,
  submitSheet,
} from '../modules/judging/index.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { endOfShanghaiDay, fixedClock, shanghaiDate } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { generateEntries, openDemoCall } from './demo-generator.ts';
import { openPreliminaryRound } from './demo-preliminary-round.ts';
import { seedRoundMaterialsDemo } from './demo-round-materials.ts';

const DAY = 24 * 3600 * 1000;
/** The preliminary round began this many days ago: the experts' sheets fill those days, the deadline is ahead. */
const DAYS_SCORING = 7;
/** Days from now to the round's deadline (the phase itself runs about a month longer). */
const DAYS_LEFT = 14;
/** Passed entries: 4 generated hospitals, each with a case in each of the first four themes. */
const JUDGING_ENTRIES = 16;
const MAX_LOAD = 8;

/** A demo account that judges (its password is the README's); the others in the pool get a random one. */
interface Account {
  email: string;
  password: string;
  name: string;
}

/**
 * The pool: six experts. `unit` is a registered hospital by name, or `entry:N` for the hospital of the call's N-th
 * generated unit (so that recusal has entries to keep from them); `declares` is a unit they declare ties to.
 */
interface Expert {
  name: string;
  email: string;
  title: NonNullable<TJudgeInviteInput['title']>;
  unit: string;
  declares?: string;
  /** The themes (by position) the expert names as specialties: the engine prefers them there. */
  specialties: number[];
  /** Points this expert adds to or takes from an entry's quality: panels differ in severity (z-score, outliers). */
  bias: number;
}

/**
 * A fourth demo call in its 专家初评 phase (issue 10): screening is over (every entry passed), the preliminary round
 * opened a week ago on the real clock (the clock the seed runs on) and closes in two weeks. Six experts accepted the organizer's invitations (two
 * demo accounts among them), sit on a panel over four themes with a lead judge (组长) per theme, and were assigned by
 * the automatic engine (plan -> apply) with recusal: no expert gets an entry of their own or a declared unit. The
 * demo judge's sheets are in every state (never opened, draft, submitted, abstained); the other experts submitted
 * half of theirs, so the organizer's progress and ranking pages show data. Everything goes through the judging
 * module's use cases, on clocks set back to the days the experts would have acted.
 */
export async function seedJudgingDemo(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  accounts: { judge: Account; leadJudge: Account; applicant?: Actor & { organizationId: string } },
): Promise<{ campaign: TCampaign; roundId: string }> {
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number, hour = 0) => ({ ...ctx, clock: fixedClock(new Date(now - daysAgo * DAY + hour * 3600_000)) });
  const campaign = await openDemoCall(ctx, staff, organizerId, {
    phase: 'preliminary',
    daysIn: DAYS_SCORING,
    suffix: '（演示·专家初评进行中）',
  });
  // Entered and screened before the submission phase ended (it closed about 12 days ago).
  await generateEntries(at(DAYS_SCORING + 1), staff, campaign, JUDGING_ENTRIES, {
    author: 'demo-judging-author@demo.casearena.cn',
    allPassed: true,
  });
  const units = await entryUnits(ctx, campaign.id);
  const themes = campaign.themes.slice(0, 4).map((t) => t.id);
  const experts: Array<Expert & { account?: Account }> = [
    {
      ...accounts.judge,
      title: '主任医师',
      unit: 'entry:0',
      declares: 'entry:1',
      specialties: [0, 1],
      bias: 1,
      account: accounts.judge,
    },
    {
      ...accounts.leadJudge,
      title: '主任医师',
      unit: '北京协和医院',
      specialties: [0, 1, 3],
      bias: -2,
      account: accounts.leadJudge,
    },
    {
      name: '刘主任',
      email: 'expert-1@judges.demo.casearena.cn',
      title: '主任医师',
      unit: '四川大学华西医院',
      specialties: [2, 3],
      bias: 3,
    },
    { name: '赵研究员', email: 'expert-2@judges.demo.casearena.cn', title: '研究员', unit: 'entry:2', specialties: [2], bias: 0 },
    {
      name: '孙主任护师',
      email: 'expert-3@judges.demo.casearena.cn',
      title: '主任护师',
      unit: '中南大学湘雅医院',
      specialties: [1, 2],
      bias: -1,
    },
    // A severe marker: the panel-quality page has someone to flag.
    {
      name: '吴副主任医师',
      email: 'expert-4@judges.demo.casearena.cn',
      title: '副主任医师',
      unit: '复旦大学附属中山医院',
      specialties: [3],
      bias: -12,
    },
  ];
  const unitOf = async (name: string) => (name.startsWith('entry:') ? units[Number(name.slice(6))] : await orgByName(ctx, name));

  // The demo accounts are registered as anyone would; the other experts' accounts are rows with one random, never-told
  // password (they exist to have scored, not to sign in), so the pool costs two password hashes, not six.
  const passwordHash = await hashPassword(randomBytes(18).toString('base64url'));
  const others = experts.filter((e) => !e.account);
  const made = await ctx.db
    .insert(users)
    .values(
      others.map((e) => ({
        name: e.name,
        email: e.email,
        passwordHash,
        createdAt: at(15).clock.now(),
        updatedAt: at(15).clock.now(),
      })),
    )
    .returning({ id: users.id, email: users.email });
  // Invited by the organizer a fortnight ago (each account linked at once by its address); each accepted from the
  // link in their invitation the next day.
  const pool: Array<{ judgeId: string; actor: Actor; expert: Expert }> = [];
  for (const [i, expert] of experts.entries()) {
    const unit = await unitOf(expert.unit);
    const declared = expert.declares ? await unitOf(expert.declares) : undefined;
    const invited = at(14, i);
    const userId = expert.account
      ? (await registerUser(invited, expert.account)).id
      : (made.find((u) => u.email === expert.email)?.id ?? '');
    const actor: Actor = { id: userId, name: expert.name, role: 'user', locale: 'zh-CN', organizationId: null };
    const { judgeId, token } = await invite(invited, staff, organizerId, {
      name: expert.name,
      email: expert.email,
      organizationId: unit?.id ?? null,
      title: expert.title,
      specialties: [...expert.specialties.map((n) => themes[n] ?? ''), '医院管理'].filter(Boolean),
    });
    await answerJudgeInvitation(at(13, i), {
      actor,
      token,
      answer: 'accept',
      body: declared ? { conflicts: [{ organizationId: declared.id, note: '曾在该院任职' }] } : {},
    });
    pool.push({ judgeId, expert, actor });
  }

  // Every expert judges all four themes (their specialties are preferred); the lead judge leads the first two, 刘主任
  // the others.
  await savePanel(at(12), {
    actor: staff,
    campaignId: campaign.id,
    panel: {
      members: pool.map(({ judgeId }, i) => ({
        judgeId,
        themeIds: themes,
        leadThemeIds: i === 1 ? themes.slice(0, 2) : i === 2 ? themes.slice(2) : [],
      })),
    },
  });

  // Saved with the panel; opened at 09:00 (Beijing time) on the phase's first day, and assigned at once.
  const preliminary = campaign.phases.find((p) => p.key === 'preliminary');
  const roundId = await openPreliminaryRound({
    saving: at(12),
    staff,
    campaignId: campaign.id,
    themeIds: themes,
    opensAt: preliminary?.startsAt ?? new Date(now - DAYS_SCORING * DAY).toISOString(),
    closesAt: endOfShanghaiDay(shanghaiDate(new Date(now + DAYS_LEFT * DAY))).toISOString(),
    maxLoad: MAX_LOAD,
  });
  await scoreSheets(ctx, staff, roundId, pool, at);
  // A second call of the same pool, past its first round, whose 专家复评 asks the demo applicant for materials.
  if (accounts.applicant)
    await seedRoundMaterialsDemo(ctx, staff, organizerId, {
      experts: pool.filter((_, i) => !experts[i]?.account),
      applicant: accounts.applicant,
    });
  return { campaign, roundId };
}

/** The units of the call's entries, in the order their entries were numbered, each once. */
async function entryUnits(ctx: AppContext, campaignId: string): Promise<Array<{ id: string }>> {
  const rows = await ctx.db
    .select({ id: entries.organizationId })
    .from(entries)
    .where(eq(entries.campaignId, campaignId))
    .orderBy(asc(entries.number));
  return [...new Set(rows.map((r) => r.id).filter((id): id is string => id !== null))].map((id) => ({ id }));
}

async function orgByName(ctx: AppContext, name: string) {
  const [row] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  return row;
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

/** An entry's quality in the demo, 62..94, fixed by its position so that every start seeds the same ranking. */
const quality = (n: number) => 62 + ((n * 37) % 33);

/**
 * The sheets. The demo judge (the pool's first expert): three submitted, two drafts, one abstained, the rest never
 * opened. The others submitted every other one of theirs over the past days.
 */
async function scoreSheets(
  ctx: AppContext,
  staff: Actor,
  roundId: string,
  pool: Array<{ judgeId: string; actor: Actor; expert: Expert }>,
  at: (daysAgo: number, hour?: number) => AppContext,
) {
  const { assignments } = await listAssignments(ctx, staff, roundId);
  const numbers = [...new Set(assignments.map((a) => a.number ?? ''))].sort();
  for (const [j, { judgeId, actor, expert }] of pool.entries()) {
    const mine = assignments.filter((a) => a.judgeId === judgeId).sort((a, b) => ((a.number ?? '') < (b.number ?? '') ? -1 : 1));
    for (const [k, a] of mine.entries()) {
      const n = numbers.indexOf(a.number ?? '');
      const score = Math.max(0, Math.min(100, quality(n) + expert.bias + (((n * 13 + j * 7) % 9) - 4) / 2));
      const day = at(Math.max(1, DAYS_SCORING - 1 - ((k + j) % (DAYS_SCORING - 1))), 2 + (k % 8));
      const sheet = { assignmentId: a.id, actor };
      if (j === 0) {
        if (k < 3) await submitSheet({ ...sheet, ctx: day, body: { version: 0, scores: { overall: score } } });
        else if (k < 5)
          await saveSheet({
            ...sheet,
            ctx: at(1, 3 + k),
            sheet: { version: 0, scores: { overall: score }, comment: '', recommendation: null },
          });
        else if (k === 5) await abstainSheet({ ...sheet, ctx: at(2, 4), reason: '本人曾参与该项目的前期指导，申请回避' });
        continue;
      }
      // A week into a three-week round: each expert has scored every other entry of theirs, in every theme.
      if ((k + j) % 2 === 1) continue;
      await submitSheet({ ...sheet, ctx: day, body: { version: 0, scores: { overall: score } } });
    }
  }
}
