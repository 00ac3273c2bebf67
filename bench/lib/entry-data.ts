// The generated data set of the entries benchmark: hospital names from the national county list, case titles
// from a small vocabulary, statuses in the proportions a real call ends with; seeded, so every run is the same.

import type { entries } from '../../apps/server/src/db/schema.ts';
import { nationalRegions } from '../../apps/server/src/modules/orgs/index.ts';

export const HOSPITAL_SUFFIXES = [
  '人民医院',
  '中医医院',
  '妇幼保健院',
  '第一人民医院',
  '第二人民医院',
  '中心医院',
  '骨科医院',
  '儿童医院',
  '肿瘤医院',
  '口腔医院',
];

// Case titles as they read in real calls: an approach, a population or service, an outcome.
export const APPROACHES = [
  '基于多学科协作的',
  '依托紧密型医联体的',
  '以患者为中心的',
  '基于PDCA循环的',
  '互联网+',
  '基于精益管理的',
  '多部门联动的',
  '信息化支撑下的',
  '基于DRG/DIP的',
  '医护一体化',
  '全流程闭环',
  '县域',
];
export const SUBJECTS = [
  '老年患者',
  '急性胸痛',
  '卒中患者',
  '日间手术',
  '慢病患者',
  '肿瘤患者',
  '孕产妇',
  '儿童哮喘',
  '围手术期',
  '静脉血栓栓塞症',
  '抗菌药物',
  '糖尿病足',
  '出院患者',
  '门诊患者',
  '危重孕产妇',
  '居家护理',
  '精神心理',
  '康复患者',
];
export const OUTCOMES = [
  '全程管理模式',
  '智慧药学服务实践',
  '一站式服务中心建设',
  '随访管理实践',
  '护理服务体系构建',
  '绿色通道建设',
  '用药安全管理',
  '连续性服务探索',
  '就医体验改善',
  '规范化诊疗实践',
  '分级诊疗路径探索',
  '医防融合管理模式',
];

/** mulberry32: a small seeded generator, so every run builds the same data. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* hospitalNames(count: number) {
  const counties = nationalRegions().filter((r) => r.level === 'county');
  const seen = new Set<string>();
  for (let i = 0; seen.size < count; i += 1) {
    const region = counties[i % counties.length];
    if (!region) continue;
    const suffix = HOSPITAL_SUFFIXES[Math.floor(i / counties.length) % HOSPITAL_SUFFIXES.length] ?? '医院';
    const round = Math.floor(i / (counties.length * HOSPITAL_SUFFIXES.length));
    const name = `${region.name}${round > 0 ? `第${round + 2}` : ''}${suffix}`;
    if (seen.has(name)) continue; // the same county name in two provinces
    seen.add(name);
    yield { name, regionCode: region.code };
  }
}

export type Status = (typeof entries.$inferInsert)['status'];

export function pickStatus(r: number): Status {
  if (r < 0.6) return 'passed';
  if (r < 0.7) return 'submitted';
  if (r < 0.79) return 'draft';
  if (r < 0.86) return 'returned';
  if (r < 0.93) return 'excluded';
  return 'withdrawn';
}
