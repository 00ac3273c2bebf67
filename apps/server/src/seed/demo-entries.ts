import { Readable } from 'node:stream';
import type { TCampaign, TScreeningInput } from '@casearena/contract';
import { attachFromStream, createEntry, findEntry, screenEntry, submitEntry, writeEntry } from '../modules/entries/index.ts';
import { fixedClock, shanghaiDate } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { buildPptx } from './demo-files.ts';

// Through the routes' locked write (writeEntry); the use cases ask the submission and screening rules themselves.
async function submit(ctx: AppContext, actor: Actor, id: string, version: number) {
  const { entry } = await writeEntry(
    ctx,
    actor,
    id,
    () => null,
    (w) => submitEntry({ ...w, version }),
  );
  return entry;
}
async function screen(ctx: AppContext, staff: Actor, id: string, input: TScreeningInput) {
  const { entry } = await writeEntry(
    ctx,
    staff,
    id,
    () => null,
    (w) => screenEntry({ ...w, input }),
  );
  return entry;
}

/** Demo cases: realistic titles, one per hospital and theme, in every screening state. */
const CASES: Array<{
  hospital: string;
  theme: number;
  title: string;
  outcome: 'draft' | 'submitted' | 'passed' | 'returned' | 'excluded';
}> = [
  { hospital: '北京协和医院', theme: 0, title: '老年患者“一站式”出入院服务中心建设', outcome: 'passed' },
  { hospital: '四川大学华西医院', theme: 0, title: '适老化智慧就医：从预约到取药的全流程改造', outcome: 'passed' },
  { hospital: '许昌市中心医院', theme: 1, title: '胸痛中心“120—急诊—导管室”一体化救治', outcome: 'passed' },
  { hospital: '郑州大学第一附属医院', theme: 1, title: '卒中急救绿色通道缩短 DNT 时间实践', outcome: 'returned' },
  { hospital: '浙江大学医学院附属第一医院', theme: 3, title: '“三位一体”智慧医院建设与患者服务', outcome: 'passed' },
  { hospital: '复旦大学附属中山医院', theme: 4, title: '肿瘤多学科诊疗门诊规范化运行', outcome: 'submitted' },
  { hospital: '中南大学湘雅医院', theme: 5, title: '日间手术中心扩容与病种拓展', outcome: 'passed' },
  { hospital: '山东省立医院', theme: 6, title: '前置审方系统提升处方合格率', outcome: 'excluded' },
  { hospital: '青岛大学附属医院', theme: 7, title: '“互联网+护理服务”延伸到家', outcome: 'submitted' },
  { hospital: '河南省人民医院', theme: 8, title: '医务社工与志愿者服务体系建设', outcome: 'draft' },
];

/** Loads the demo cases into the seed-000 call as they would have been entered during its submission window. */
export async function seedDemoEntries(
  ctx: AppContext,
  campaign: TCampaign,
  orgIds: Map<string, string>,
  staff: Actor,
  /** Who enters a hospital's case: the demo applicant for 许昌市中心医院, an account of the hospital's own otherwise. */
  authorFor: (hospital: string, organizationId: string) => Promise<Actor>,
) {
  const during = { ...ctx, clock: fixedClock('2022-03-01T02:00:00.000Z') };
  const ppt = await buildPptx({ slides: 18 });
  for (const c of CASES) {
    const organizationId = orgIds.get(c.hospital);
    const theme = campaign.themes[c.theme];
    if (!organizationId || !theme) continue;
    // Each case is entered by a member of its hospital, so the screening notices link to pages the author may read.
    const actor = await authorFor(c.hospital, organizationId);
    const draft = await createEntry(during, actor, campaign.id, {
      themeId: theme.id,
      title: c.title,
      summary: `背景：${c.title}的问题与需求。目标：明确、可量化。做法：流程再造与信息化支撑。成效：等待时间显著缩短，患者满意度提升。经验：多部门协作。`,
      answers: { department: '医务部', contact: { name: '李医生', title: '医务部副主任', phone: '13800138000', email: '' } },
    });
    await attachFromStream(during, actor, draft.id, { slot: 'ppt', name: `${c.title}.pptx`, source: Readable.from([ppt]) });
    if (c.outcome === 'draft') continue;
    const ready = (await findEntry(ctx.db, draft.id)) ?? draft;
    const entry = await submit(during, actor, ready.id, ready.version);
    if (c.outcome === 'passed') await screen(during, staff, entry.id, { decision: 'pass' });
    if (c.outcome === 'excluded') await screen(during, staff, entry.id, { decision: 'exclude', reasons: '案例不属于该主题范围' });
    if (c.outcome === 'returned') {
      // Returned, corrected within its deadline and passed, all in 2022: a call that has ended holds no entry still
      // waiting for a correction (the sweep would exclude it the moment the server starts).
      const returned = await screen(during, staff, entry.id, {
        decision: 'return',
        reasons: 'PPT 缺少模板中的版权声明页',
        suggestions: '请使用官方模板并保留版权声明页后重新提交',
        correctionDeadline: '2022-03-10',
      });
      const later = { ...ctx, clock: fixedClock('2022-03-05T02:00:00.000Z') };
      const again = await submit(later, actor, returned.id, returned.version);
      await screen(later, staff, again.id, { decision: 'pass' });
    }
  }
  return CASES.length;
}

const DAY = 24 * 3600 * 1000;

/**
 * The demo applicant's own cases in the live call, for the hospital they administer: one returned with a correction
 * deadline a week after the seed's clock (so the correction sweep leaves it alone when the server starts and the
 * applicant can correct and resubmit it) and one draft. Themes T09 and T07: the generated entries fill the first
 * themes only and the e2e entry story files into T10.
 */
export async function seedApplicantLiveEntries(ctx: AppContext, campaign: TCampaign, applicant: Actor, staff: Actor) {
  const ppt = await buildPptx({ slides: 18 });
  const answers = { department: '医务部', contact: { name: '李医生', title: '医务部副主任', phone: '13800138000', email: '' } };
  const theme = (code: string) => campaign.themes.find((t) => t.code === code);
  const returnedTheme = theme('T09');
  const draftTheme = theme('T07');
  const ids: { returned?: string; draft?: string } = {};
  if (returnedTheme) {
    const title = '门诊投诉“一站式”受理与医患沟通中心建设';
    const draft = await createEntry(ctx, applicant, campaign.id, {
      themeId: returnedTheme.id,
      title,
      summary:
        '背景：门诊投诉分散在多个科室，回复慢。做法：设立医患沟通中心，投诉一站式受理、限时反馈。成效：投诉办结时间由 7 天缩短到 2 天。',
      answers,
    });
    await attachFromStream(ctx, applicant, draft.id, { slot: 'ppt', name: `${title}.pptx`, source: Readable.from([ppt]) });
    const ready = (await findEntry(ctx.db, draft.id)) ?? draft;
    const entry = await submit(ctx, applicant, ready.id, ready.version);
    await screen(ctx, staff, entry.id, {
      decision: 'return',
      reasons: 'PPT 中的量化成效缺少数据来源',
      suggestions: '请在成效页注明数据来源后重新提交',
      correctionDeadline: shanghaiDate(new Date(ctx.clock.now().getTime() + 7 * DAY)),
    });
    ids.returned = entry.id;
  }
  if (draftTheme) {
    const draft = await createEntry(ctx, applicant, campaign.id, {
      themeId: draftTheme.id,
      title: '抗菌药物分级管理与处方点评闭环',
      summary: '背景：抗菌药物使用强度偏高。做法：（草稿，待补充）',
      answers,
    });
    ids.draft = draft.id;
  }
  return ids;
}
