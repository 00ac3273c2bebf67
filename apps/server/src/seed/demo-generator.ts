import { Readable } from 'node:stream';
import type { EntryStatus, TCampaign } from '@casearena/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
// The generator bulk-inserts rows for speed, so it writes the tables directly (through db/schema.ts, never a
// module's tables file) and takes everything else from the modules' index.ts.
import {
  campaignPhases,
  campaigns,
  campaignThemes,
  entries,
  entryAttachments,
  entryAttachmentVersions,
  entryVersions,
  organizations,
  screeningDecisions,
} from '../db/schema.ts';
import { registerUser } from '../modules/accounts/index.ts';
import { changeCampaignStatus, createCampaign, storeDownload } from '../modules/campaigns/index.ts';
import { entrySearchColumns } from '../modules/entries/index.ts';
import { nationalRegions, searchGrams, searchText } from '../modules/orgs/index.ts';
import { addWorkingDays, endOfShanghaiDay, shanghaiDate, shanghaiMidnight } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { recordFile } from '../platform/storage/files.ts';
import { buildPptx } from './demo-files.ts';

const DAY = 24 * 3600 * 1000;
const SUFFIXES = ['人民医院', '中心医院', '中医医院', '第一人民医院', '妇幼保健院'];
/**
 * What a generated case is about, per theme of seed-000 (by position): a case filed under 改善合理用药 is about
 * prescriptions, not about nursing at home.
 */
const THEME_TOPICS = [
  ['老年患者一站式就医服务', '适老化门诊流程改造', '老年综合评估门诊建设', '老年患者出院随访管理'],
  ['胸痛中心一体化救治', '卒中急救绿色通道建设', '创伤中心多学科救治', '危重孕产妇救治网络建设'],
  ['县域医共体双向转诊', '医联体远程会诊协作', '基层慢病连续管理', '医联体检查结果互认'],
  ['智慧门诊预约与自助服务', '电子病历系统应用水平提升', '智慧病房建设', '智慧后勤物资管理'],
  ['肿瘤多学科诊疗门诊', '疑难病例多学科会诊', '多学科联合查房', '多学科诊疗随访管理'],
  ['日间手术中心运营管理', '日间化疗服务', '日间手术病种拓展', '日间病房床位统筹'],
  ['前置审方系统建设', '抗菌药物分级管理', '药学门诊建设', '处方点评与反馈'],
  ['延续护理服务', '“互联网+护理服务”', '专科护士门诊建设', '责任制整体护理'],
  ['医务社工服务体系建设', '门诊投诉一站式处理', '医患沟通能力培训', '患者体验监测与改进'],
  ['慢病医防融合管理', '健康体检与肿瘤早筛', '社区高血压糖尿病共管', '传染病预警与院感防控'],
];
const METHODS = ['基于信息化的', '以患者为中心的', '依托医联体的', '精益管理视角下的', 'PDCA驱动的'];
const DEPARTMENTS = ['医务部', '护理部', '门诊部', '质控办', '信息中心', '药学部', '急诊科'];

/** Share of each state among generated entries (every state appears, as the issue asks). */
const MIX: Array<[EntryStatus, number]> = [
  ['draft', 0.15],
  ['submitted', 0.25],
  ['returned', 0.12],
  ['passed', 0.33],
  ['excluded', 0.1],
  ['withdrawn', 0.05],
];

function statusAt(i: number, count: number): EntryStatus {
  let edge = 0;
  const x = ((i * 7919) % count) / count; // spread states over hospitals and themes
  for (const [status, share] of MIX) {
    edge += share;
    if (x < edge) return status;
  }
  return 'passed';
}

/**
 * A second demo call that is open now: the seed-000 template with its phases moved so that submission began 30 days
 * ago, and `count` generated entries (default 300) from hospitals of every province in every state — drafts,
 * submitted ones (some overdue), returned ones with a correction deadline ahead, passed, excluded, withdrawn.
 * Rows are inserted in bulk (one demo PPT shared by all) so a first start stays quick; the generated history is
 * data, not audited actions.
 */
export async function seedLiveDemo(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  count = 300,
): Promise<{ campaign: TCampaign; entries: number }> {
  const campaign = await openDemoCall(ctx, staff, organizerId, {
    phase: 'submission',
    daysIn: 30,
    suffix: '（演示·申报进行中）',
  });
  return { campaign, entries: await generateEntries(ctx, staff, campaign, count, { author: 'demo-author@demo.casearena.cn' }) };
}

/**
 * A published copy of the seed-000 template whose phases are moved so that `phase` began `daysIn` days ago (00:00
 * Asia/Shanghai), with the template's PPT download.
 */
export async function openDemoCall(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  options: { phase: string; daysIn: number; suffix: string },
): Promise<TCampaign> {
  const now = ctx.clock.now();
  const draft = await createCampaign(ctx, staff, { templateKey: 'seed-000', organizerId });
  const start = shanghaiMidnight(shanghaiDate(new Date(now.getTime() - options.daysIn * DAY)));
  const phases = await ctx.db.select().from(campaignPhases).where(eq(campaignPhases.campaignId, draft.id));
  const first = phases.find((p) => p.key === options.phase) ?? phases[0];
  const shift = first ? start.getTime() - first.startsAt.getTime() : 0;
  for (const p of phases) {
    await ctx.db
      .update(campaignPhases)
      .set({ startsAt: new Date(p.startsAt.getTime() + shift), endsAt: new Date(p.endsAt.getTime() + shift) })
      .where(eq(campaignPhases.id, p.id));
  }
  await ctx.db
    .update(campaigns)
    .set({ title: `${draft.title}${options.suffix}` })
    .where(eq(campaigns.id, draft.id));
  const campaign = await changeCampaignStatus({ ctx, actor: staff, id: draft.id, to: 'published' });
  await storeDownload(ctx, staff, campaign.id, {
    label: '案例PPT模板（含版权声明页）',
    filename: '案例PPT模板.pptx',
    stream: Readable.from([await buildPptx({ slides: 6 })]),
  });
  return campaign;
}

/**
 * `count` generated entries of `campaign` from hospitals of every province, in bulk; their states follow `MIX`
 * unless `allPassed` (a call whose screening is over). Returns how many entries the campaign has.
 */
export async function generateEntries(
  ctx: AppContext,
  staff: Actor,
  campaign: TCampaign,
  count: number,
  options: { author: string; allPassed?: boolean },
): Promise<number> {
  const now = ctx.clock.now();
  // Hospitals: prefecture-level cities of every province, several kinds each.
  const cities = nationalRegions().filter((r) => r.level === 'city');
  const wanted = Math.ceil(count / 4);
  const hospitals = Array.from({ length: wanted }, (_, i) => {
    const city = cities[(i * 37) % cities.length];
    const name = `${city?.name ?? '演示市'}${SUFFIXES[i % SUFFIXES.length]}`;
    return { name, regionCode: city?.code ?? null };
  });
  const names = [...new Set(hospitals.map((h) => h.name))];
  // DEMO_ENTRIES=0: the live call opens with no generated hospitals or entries (an empty insert is an error).
  if (names.length === 0) return 0;
  await ctx.db
    .insert(organizations)
    .values(
      names.map((name) => ({
        name,
        aliases: [],
        kind: name.includes('中医') ? 'tcm_hospital' : name.includes('妇幼') ? 'maternal_child_hospital' : 'general_hospital',
        level: 'level3',
        grade: 'A',
        regionCode: hospitals.find((h) => h.name === name)?.regionCode ?? null,
        searchText: searchText([name]),
        searchGrams: searchGrams([name]),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
  const orgs = await ctx.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.name, names));

  const author = await registerUser(ctx, { email: options.author, password: 'Demo12345', name: '演示申报人' });
  const ppt = await buildPptx({ slides: 18 });
  const blob = await ctx.storage.put(Readable.from([ppt]), { maxBytes: ppt.length, allowed: ['zip'], allowedLabel: 'PPTX' });
  const file = { id: await recordFile(ctx.db, blob, { ownerId: author.id, name: '演示案例.pptx', at: now }) };

  const themes = campaign.themes;
  const nextNumber = new Map(themes.map((t) => [t.id, 1]));
  const year = shanghaiDate(
    new Date(new Date(campaign.phases.find((p) => p.key === 'submission')?.endsAt ?? now).getTime()),
  ).slice(0, 4);
  const rows: Array<typeof entries.$inferInsert> = [];
  const meta: Array<{ status: EntryStatus; submittedAt: Date | null }> = [];
  for (let i = 0; i < count && orgs.length > 0; i += 1) {
    const org = orgs[i % orgs.length];
    const themeIndex = Math.floor(i / orgs.length) % themes.length;
    const theme = themes[themeIndex];
    if (!org || !theme) continue;
    const status = options.allPassed ? 'passed' : statusAt(i, count);
    const topics = THEME_TOPICS[themeIndex % THEME_TOPICS.length] ?? [];
    const title = `${METHODS[i % METHODS.length]}${topics[(i * 3) % topics.length] ?? theme.title}实践`;
    // A call past its submission phase has every entry in before that phase ended.
    const daysAgo = options.allPassed ? (i % 20) + 5 : (i % 25) + 1;
    const submittedAt = status === 'draft' ? null : new Date(now.getTime() - daysAgo * DAY + (i % 8) * 3600 * 1000);
    const hasNumber = status !== 'draft' && status !== 'withdrawn';
    const seq = hasNumber ? (nextNumber.get(theme.id) ?? 1) : 0;
    if (hasNumber) nextNumber.set(theme.id, seq + 1);
    const number = hasNumber ? `${year}-${theme.code}-${String(seq).padStart(4, '0')}` : null;
    rows.push({
      campaignId: campaign.id,
      themeId: theme.id,
      organizationId: org.id,
      authorId: author.id,
      title,
      summary: `背景：${org.name}在${theme.title}方面面临的问题。做法：${title}。成效：平均等待时间缩短 30% 以上，患者满意度提升至 95%。`,
      answers: {
        department: DEPARTMENTS[i % DEPARTMENTS.length],
        contact: { name: '联系人', title: '科员', phone: `1380013${String(8000 + (i % 2000)).padStart(4, '0')}`, email: '' },
      },
      formVersion: campaign.formVersion,
      status,
      number,
      consentAt: submittedAt,
      submittedAt,
      // Most submitted entries are within their 2 working days; the oldest ones are overdue (S0-8).
      dueAt: status === 'submitted' && submittedAt ? addWorkingDays(submittedAt, 2) : null,
      correctionDeadline:
        status === 'returned' ? endOfShanghaiDay(shanghaiDate(new Date(now.getTime() + ((i % 10) + 3) * DAY))) : null,
      createdAt: submittedAt ?? now,
      updatedAt: submittedAt ?? now,
      ...entrySearchColumns({ title, number, organizationName: org.name }),
    });
    meta.push({ status, submittedAt });
  }
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const inserted = await ctx.db.insert(entries).values(batch).returning({
      id: entries.id,
      title: entries.title,
      summary: entries.summary,
      answers: entries.answers,
      status: entries.status,
      submittedAt: entries.submittedAt,
      correctionDeadline: entries.correctionDeadline,
    });
    await ctx.db.insert(entryVersions).values(
      inserted.map((e) => ({
        entryId: e.id,
        version: 1,
        title: e.title,
        summary: e.summary,
        answers: e.answers,
        savedBy: author.id,
        savedAt: e.submittedAt ?? now,
      })),
    );
    await ctx.db.insert(entryAttachments).values(
      inserted.map((e) => ({
        entryId: e.id,
        slot: 'ppt',
        fileId: file.id,
        pptx: { slides: 18, copyrightPage: true, animatedSlides: 0 },
        uploadedBy: author.id,
        uploadedAt: e.submittedAt ?? now,
      })),
    );
    // Each slot's file is also its first version, which is what downloads and the entry's history read.
    await ctx.db.insert(entryAttachmentVersions).values(
      inserted.map((e) => ({
        entryId: e.id,
        slot: 'ppt',
        fileId: file.id,
        pptx: { slides: 18, copyrightPage: true, animatedSlides: 0 },
        entryVersion: 1,
        uploadedBy: author.id,
        uploadedAt: e.submittedAt ?? now,
      })),
    );
    const decided = inserted.filter((e) => e.status === 'passed' || e.status === 'returned' || e.status === 'excluded');
    if (decided.length > 0)
      await ctx.db.insert(screeningDecisions).values(
        decided.map((e) => ({
          entryId: e.id,
          decision:
            e.status === 'passed' ? ('pass' as const) : e.status === 'returned' ? ('return' as const) : ('exclude' as const),
          reasons: e.status === 'passed' ? '' : e.status === 'returned' ? 'PPT 缺少量化效果页' : '案例内容与所选主题不符',
          suggestions: e.status === 'returned' ? '请补充 2~3 页量化效果与价值后重新提交' : '',
          correctionDeadline: e.correctionDeadline,
          decidedBy: staff.id,
          decidedAt: new Date((e.submittedAt ?? now).getTime() + DAY),
        })),
      );
  }
  for (const [themeId, next] of nextNumber) {
    await ctx.db
      .update(campaignThemes)
      .set({ nextNumber: next })
      .where(and(eq(campaignThemes.id, themeId), eq(campaignThemes.campaignId, campaign.id)));
  }
  const [n] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(entries).where(eq(entries.campaignId, campaign.id));
  return n?.n ?? 0;
}
