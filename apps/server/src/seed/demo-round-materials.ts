import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { SEED_000_SHEET, SEED_002_SECOND_REVIEW_SLOTS, type TCampaign, type TRoundInput } from '@casearena/contract';
import { attachFromStream, createEntry, findEntry, screenEntry, submitEntry, writeEntry } from '../modules/entries/index.ts';
import {
  applyAssignmentPlan,
  changeRoundStatus,
  createAssignmentPlan,
  freezeResults,
  judgingAccess,
  listAssignments,
  savePanel,
  saveRounds,
  submitSheet,
} from '../modules/judging/index.ts';
import { endOfShanghaiDay, fixedClock, shanghaiDate, shanghaiMidnight } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { buildPptx } from './demo-files.ts';
import { generateEntries, openDemoCall } from './demo-generator.ts';

const DAY = 24 * 3600 * 1000;
/** The 专家初评 phase began this many days ago (it runs 41 days): the first round is over, the second ahead. */
const DAYS_IN = 20;
/** The preliminary round closed at the end of the day this many days ago, and was frozen the next day. */
const CLOSED_DAYS_AGO = 8;
/** The second review opens at 00:00 (Beijing time) this many days from now; until then it collects materials. */
const OPENS_IN = 7;
const CLOSES_IN = 17;
const PER_ENTRY = 3;

/** The demo applicant's own cases in this call, for the hospital they administer (themes by position). */
const APPLICANT_CASES = [
  { theme: 0, title: '老年患者“一站式”综合服务门诊建设', quality: 93 },
  { theme: 1, title: '区域胸痛救治网络“上车即入院”实践', quality: 91 },
];

/**
 * A fifth demo call (issue 10, round materials): its 专家初评 round is over and frozen, and the round after it,
 * 专家复评, is still a draft that takes the entries the first round advanced and asks each for seed 002's own
 * materials (the presentation PPT and an MP4 of at most 8 minutes). Two of the advancing cases are the demo
 * applicant's (许昌市中心医院), so they find the round's upload slots on those entries' pages. Four experts of the
 * judging demo's pool (not the demo judges, whose workspace shows the other call's open round only) sit on the panel
 * and submitted every sheet. Everything goes through the entries and judging modules' use cases on clocks set back to
 * the days it would have happened.
 */
export async function seedRoundMaterialsDemo(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  input: {
    /** Experts of the organizer's pool, each with the account that scores as them. */
    experts: Array<{ judgeId: string; actor: Actor }>;
    /** The demo applicant, as a member of their hospital. */
    applicant: Actor & { organizationId: string };
  },
): Promise<{ campaign: TCampaign; preliminaryId: string; reviewId: string; applicantEntries: string[] }> {
  const now = ctx.clock.now().getTime();
  const at = (daysAgo: number, hour = 0) => ({ ...ctx, clock: fixedClock(new Date(now - daysAgo * DAY + hour * 3600_000)) });
  const campaign = await openDemoCall(ctx, staff, organizerId, {
    phase: 'preliminary',
    daysIn: DAYS_IN,
    suffix: '（演示·专家复评材料提交中）',
  });
  const submission = campaign.phases.find((p) => p.key === 'submission');
  const preliminary = campaign.phases.find((p) => p.key === 'preliminary');
  if (!submission || !preliminary) throw new Error('the seed-000 template has a submission and a preliminary phase');
  // Entered and screened at 10:00 (Beijing time) ten days before the submission phase ended.
  const entered = shanghaiMidnight(shanghaiDate(new Date(new Date(submission.endsAt).getTime() - 10 * DAY)));
  const during = { ...ctx, clock: fixedClock(new Date(entered.getTime() + 10 * 3600_000)) };
  // Two generated hospitals, a case in each of the first four themes; the demo applicant's two.
  await generateEntries(during, staff, campaign, 8, { author: 'demo-review-author@demo.casearena.cn', allPassed: true });
  const applicantEntries = await enterApplicantCases(during, staff, campaign, input.applicant);
  const themes = campaign.themes.slice(0, 4).map((t) => t.id);

  await savePanel(at(DAYS_IN + 2), {
    actor: staff,
    campaignId: campaign.id,
    panel: {
      members: input.experts.map(({ judgeId }, i) => ({ judgeId, themeIds: themes, leadThemeIds: i === 0 ? themes : [] })),
    },
  });
  const preliminaryId = randomUUID();
  const reviewId = randomUUID();
  const common = {
    sheet: SEED_000_SHEET,
    blind: true,
    seeOthers: false,
    judgesPerEntry: PER_ENTRY,
    maxLoad: 8,
    method: 'mean',
    tieBreak: ['submittedAt'],
  } satisfies Partial<TRoundInput>;
  const { access } = await judgingAccess(ctx.db, staff, campaign.id);
  // The set is saved once, before the first round opens: the second review names the first as its source.
  await saveRounds({
    ctx: at(DAYS_IN + 1),
    actor: staff,
    campaignId: campaign.id,
    access,
    rounds: [
      {
        ...common,
        id: preliminaryId,
        key: 'preliminary',
        label: '专家初评',
        ordinal: 1,
        opensAt: preliminary.startsAt,
        closesAt: endOfShanghaiDay(shanghaiDate(new Date(now - CLOSED_DAYS_AGO * DAY))).toISOString(),
        scope: { kind: 'themes', themeIds: themes },
        materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: [] },
      },
      {
        ...common,
        id: reviewId,
        key: 'review',
        label: '专家复评',
        ordinal: 2,
        opensAt: shanghaiMidnight(shanghaiDate(new Date(now + OPENS_IN * DAY))).toISOString(),
        closesAt: endOfShanghaiDay(shanghaiDate(new Date(now + CLOSES_IN * DAY))).toISOString(),
        scope: { kind: 'advanced', fromRoundId: preliminaryId },
        materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: SEED_002_SECOND_REVIEW_SLOTS },
      },
    ],
  });
  // Opened at 09:00 on the phase's first day and assigned at once; every sheet submitted over the following days.
  const opening = { ...ctx, clock: fixedClock(new Date(new Date(preliminary.startsAt).getTime() + 9 * 3600_000)) };
  await changeRoundStatus({ ctx: opening, actor: staff, roundId: preliminaryId, to: 'open' });
  const plan = await createAssignmentPlan(opening, staff, preliminaryId, { perEntry: PER_ENTRY, maxLoad: 8, seed: 1 });
  await applyAssignmentPlan(opening, staff, preliminaryId, plan.id);
  const { assignments } = await listAssignments(ctx, staff, preliminaryId);
  const mine = new Set(applicantEntries);
  for (const [k, a] of assignments.entries()) {
    const actor = input.experts.find((e) => e.judgeId === a.judgeId)?.actor;
    if (!actor) continue;
    const quality = mine.has(a.entryId)
      ? (APPLICANT_CASES[applicantEntries.indexOf(a.entryId)]?.quality ?? 90)
      : 70 + ((k * 7) % 15);
    await submitSheet({
      ctx: at(DAYS_IN - 2 - (k % 9), 2 + (k % 8)),
      actor,
      assignmentId: a.id,
      body: { version: 0, scores: { overall: quality } },
    });
  }
  // Closed the morning after its deadline; frozen that afternoon: the top two of each theme advance.
  await changeRoundStatus({ ctx: at(CLOSED_DAYS_AGO - 1, 1), actor: staff, roundId: preliminaryId, to: 'closed' });
  await freezeResults({
    ctx: at(CLOSED_DAYS_AGO - 1, 6),
    actor: staff,
    roundId: preliminaryId,
    rule: { advance: { n: 2, ties: 'include-ties' } },
  });
  return { campaign, preliminaryId, reviewId, applicantEntries };
}

/** The demo applicant's cases, entered, submitted and passed the way seed-000's historic ones were. */
async function enterApplicantCases(ctx: AppContext, staff: Actor, campaign: TCampaign, applicant: Actor): Promise<string[]> {
  const ppt = await buildPptx({ slides: 18 });
  const answers = { department: '医务部', contact: { name: '李医生', title: '医务部副主任', phone: '13800138000', email: '' } };
  const ids: string[] = [];
  for (const c of APPLICANT_CASES) {
    const theme = campaign.themes[c.theme];
    if (!theme) continue;
    const draft = await createEntry(ctx, applicant, campaign.id, {
      themeId: theme.id,
      title: c.title,
      summary: `背景：${c.title}前，患者在多个科室间往返。做法：流程再造、信息化支撑与多部门协作。成效：平均就诊时间缩短 35%，患者满意度升至 96%。`,
      answers,
    });
    await attachFromStream(ctx, applicant, draft.id, { slot: 'ppt', name: `${c.title}.pptx`, source: Readable.from([ppt]) });
    const ready = (await findEntry(ctx.db, draft.id)) ?? draft;
    const { entry } = await writeEntry(
      ctx,
      applicant,
      ready.id,
      () => null,
      (w) => submitEntry({ ...w, version: ready.version }),
    );
    await writeEntry(
      ctx,
      staff,
      entry.id,
      () => null,
      (w) => screenEntry({ ...w, input: { decision: 'pass' } }),
    );
    ids.push(entry.id);
  }
  return ids;
}
