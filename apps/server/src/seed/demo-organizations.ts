import type { TOrganizationInput } from '@casearena/contract';

type Demo = Omit<TOrganizationInput, 'parentId'> & { parent?: string };

const hospital = (name: string, regionCode: string, extra: Partial<Demo> = {}): Demo => ({
  name,
  aliases: [],
  kind: 'general_hospital',
  level: 'level3',
  grade: 'A',
  regionCode,
  isCountyLevel: false,
  ...extra,
});

const commission = (name: string, regionCode: string, extra: Partial<Demo> = {}): Demo => ({
  name,
  aliases: [],
  kind: 'health_commission',
  level: null,
  grade: null,
  regionCode,
  isCountyLevel: false,
  ...extra,
});

/**
 * Demo organizations drawn from the seed calls' settings: tertiary hospitals across provinces (seed 000 is
 * national, prefecture level and above), Shandong county hospitals (seed 002), the Xuchang city / county
 * commission hierarchy with its hospitals (seed 003), organizers, and a hospital with a branch (S0-6).
 * Parents are named and listed before their children.
 */
export const DEMO_ORGANIZATIONS: Demo[] = [
  hospital('北京协和医院', '110101', { aliases: ['协和医院'] }),
  hospital('北京协和医院西单院区', '110102', { parent: '北京协和医院' }),
  hospital('中国人民解放军总医院', '110108', { aliases: ['301医院'] }),
  hospital('复旦大学附属中山医院', '310104', { aliases: ['中山医院'] }),
  hospital('上海交通大学医学院附属瑞金医院', '310101', { aliases: ['瑞金医院'] }),
  hospital('四川大学华西医院', '510107', { aliases: ['华西医院'] }),
  hospital('中山大学附属第一医院', '440104', { aliases: ['中山一院'] }),
  hospital('浙江大学医学院附属第一医院', '330102', { aliases: ['浙大一院'] }),
  hospital('华中科技大学同济医学院附属协和医院', '420103', { aliases: ['武汉协和医院'] }),
  hospital('中南大学湘雅医院', '430105', { aliases: ['湘雅医院'] }),
  hospital('郑州大学第一附属医院', '410103', { aliases: ['郑大一附院'] }),
  hospital('河南省人民医院', '410105'),
  hospital('山东省立医院', '370102'),
  hospital('青岛大学附属医院', '370202'),
  hospital('西安交通大学第一附属医院', '610113'),
  hospital('新疆医科大学第一附属医院', '650104'),
  hospital('广西医科大学第一附属医院', '450103'),
  hospital('云南省第一人民医院', '530102'),
  hospital('广州市妇女儿童医疗中心', '440104', { kind: 'maternal_child_hospital' }),
  hospital('北京中医药大学东直门医院', '110101', { kind: 'tcm_hospital' }),
  hospital('寿光市人民医院', '370783', { level: 'level2', grade: 'A', isCountyLevel: true }),
  hospital('平阴县人民医院', '370124', { level: 'level2', grade: 'A', isCountyLevel: true }),
  hospital('莒县人民医院', '371122', { level: 'level3', grade: 'B', isCountyLevel: true }),
  hospital('临朐县中医院', '370724', { kind: 'tcm_hospital', level: 'level2', grade: 'A', isCountyLevel: true }),
  hospital('单县妇幼保健院', '371722', { kind: 'maternal_child_hospital', level: 'level2', grade: 'A', isCountyLevel: true }),
  commission('许昌市卫生健康委员会', '411000', { aliases: ['许昌市卫健委'] }),
  commission('禹州市卫生健康委员会', '411081', {
    aliases: ['禹州市卫健委'],
    isCountyLevel: true,
    parent: '许昌市卫生健康委员会',
  }),
  commission('长葛市卫生健康委员会', '411082', {
    aliases: ['长葛市卫健委'],
    isCountyLevel: true,
    parent: '许昌市卫生健康委员会',
  }),
  commission('鄢陵县卫生健康委员会', '411024', {
    aliases: ['鄢陵县卫健委'],
    isCountyLevel: true,
    parent: '许昌市卫生健康委员会',
  }),
  hospital('许昌市中心医院', '411002'),
  hospital('许昌市人民医院', '411002'),
  hospital('许昌市中医院', '411002', { kind: 'tcm_hospital', level: 'level3', grade: 'A' }),
  hospital('禹州市人民医院', '411081', { level: 'level2', grade: 'A', isCountyLevel: true }),
  hospital('长葛市人民医院', '411082', { level: 'level2', grade: 'A', isCountyLevel: true }),
  hospital('鄢陵县中心医院', '411024', { level: 'level2', grade: 'A', isCountyLevel: true }),
  {
    name: '健康界',
    aliases: ['健康界传媒'],
    kind: 'media',
    level: null,
    grade: null,
    regionCode: '110105',
    isCountyLevel: false,
  },
  {
    name: '国家卫生健康委医院管理研究所',
    aliases: ['医院管理研究所'],
    kind: 'research_institute',
    level: null,
    grade: null,
    regionCode: '110102',
    isCountyLevel: false,
  },
  {
    name: '山东省医院协会',
    aliases: [],
    kind: 'association',
    level: null,
    grade: null,
    regionCode: '370102',
    isCountyLevel: false,
  },
  {
    name: '中国医学论坛报社',
    aliases: ['医学论坛报'],
    kind: 'media',
    level: null,
    grade: null,
    regionCode: '110101',
    isCountyLevel: false,
  },
];
