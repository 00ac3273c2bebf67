import { Readable } from 'node:stream';
import type { TCampaign } from '@casearena/contract';
import { attachFromStream, createEntry, findEntry, screenEntry, submitEntry } from '../modules/entries/index.ts';
import { fixedClock } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { buildPptx } from './demo-files.ts';

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
  applicantId: string,
) {
  const during = { ...ctx, clock: fixedClock('2022-03-01T02:00:00.000Z') };
  const ppt = await buildPptx({ slides: 18 });
  for (const c of CASES) {
    const organizationId = orgIds.get(c.hospital);
    const theme = campaign.themes[c.theme];
    if (!organizationId || !theme) continue;
    const actor: Actor = { id: applicantId, name: '李医生', role: 'user', locale: 'zh-CN', organizationId };
    const draft = await createEntry(during, actor, campaign.id, {
      themeId: theme.id,
      title: c.title,
      summary: `背景：${c.title}的问题与需求。目标：明确、可量化。做法：流程再造与信息化支撑。成效：等待时间显著缩短，患者满意度提升。经验：多部门协作。`,
      answers: { department: '医务部', contact: { name: '李医生', title: '医务部副主任', phone: '13800138000', email: '' } },
    });
    await attachFromStream(during, actor, draft.id, { slot: 'ppt', name: `${c.title}.pptx`, source: Readable.from([ppt]) });
    if (c.outcome === 'draft') continue;
    const ready = (await findEntry(ctx.db, draft.id)) ?? draft;
    const entry = await submitEntry(during, actor, ready, { version: ready.version });
    if (c.outcome === 'passed') await screenEntry(during, staff, entry, { decision: 'pass' });
    if (c.outcome === 'excluded')
      await screenEntry(during, staff, entry, { decision: 'exclude', reasons: '案例不属于该主题范围' });
    if (c.outcome === 'returned') {
      await screenEntry(during, staff, entry, {
        decision: 'return',
        reasons: 'PPT 缺少模板中的版权声明页',
        suggestions: '请使用官方模板并保留版权声明页后重新提交',
        correctionDeadline: '2022-03-10',
      });
    }
  }
  return CASES.length;
}
