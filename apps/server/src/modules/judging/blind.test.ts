import { SEED_000_TEMPLATE, type TEntry, type TFormField, ZFormField } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { judgeEntryView, MASK } from './blind.ts';

const seedForm = SEED_000_TEMPLATE.form.map((f) => ZFormField.parse(f));
// A form with every kind that can name a unit or a person (seed 002-like: leaders table S2-4, joint units S1-3).
const richForm: TFormField[] = [
  ...seedForm,
  { kind: 'short_text', key: 'unitName', label: '申报单位全称', maxChars: 50 },
  { kind: 'long_text', key: 'background', label: '案例背景', maxChars: 2000 },
  { kind: 'number', key: 'beds', label: '床位数', min: 0, max: null, integer: true },
  {
    kind: 'table',
    key: 'leaders',
    label: '项目负责人',
    minRows: 0,
    maxRows: 3,
    columns: [
      { key: 'name', label: '姓名', kind: 'text', options: [], required: true },
      { key: 'role', label: '职务', kind: 'text', options: [], required: false },
      { key: 'phone', label: '电话', kind: 'phone', options: [], required: false },
    ],
  },
  {
    kind: 'table',
    key: 'outcomes',
    label: '量化效果',
    minRows: 0,
    maxRows: 5,
    columns: [
      { key: 'metric', label: '指标', kind: 'text', options: [], required: true },
      { key: 'value', label: '数值', kind: 'number', options: [], required: true },
    ],
  },
  { kind: 'organization', key: 'partners', label: '联合申报单位', multiple: true, maxUnits: 2 },
].map((f) => ZFormField.parse(f));

const ORG = '许昌市中心医院';
const ALIAS = '许昌中心医院';
const PARTNER = '禹州市人民医院';
const PEOPLE = ['王敏', '李建国'];
const SECRETS = [ORG, ALIAS, PARTNER, ...PEOPLE, '13800138000', 'wangmin@xcch.cn', '13912345678', '0374-2345678'];
const partnerId = '6f2b3c1e-1d6f-4a55-9a8e-0c3b2a1f9e77';

const entry: TEntry = {
  id: '0b6f1c3a-2f0e-4b8e-9d7a-1c2e3f4a5b6c',
  campaignId: '1b6f1c3a-2f0e-4b8e-9d7a-1c2e3f4a5b6c',
  theme: { id: '2b6f1c3a-2f0e-4b8e-9d7a-1c2e3f4a5b6c', code: 'T02', title: '健全急危重症救治与管理流程' },
  organization: { id: '3b6f1c3a-2f0e-4b8e-9d7a-1c2e3f4a5b6c', name: ORG },
  title: `${ALIAS}胸痛中心一体化救治`,
  summary: `${ORG}联合${PARTNER}，由王敏主任牵头，咨询电话0374-2345678，邮箱 wangmin@xcch.cn。D2B 时间缩短 35%。`,
  status: 'passed',
  version: 7,
  formVersion: 1,
  answers: {
    department: '急诊科',
    contact: { name: '王敏', title: '主任', phone: '13800138000', email: 'wangmin@xcch.cn' },
    unitName: ORG,
    background: `李建国（13912345678）在${ORG}急诊科推行胸痛绿色通道，王敏负责质控。`,
    beds: 1800,
    leaders: [{ name: '李建国', role: '副院长', phone: '13912345678' }],
    outcomes: [{ metric: 'D2B 时间', value: 58 }],
    partners: [partnerId],
  },
  attachments: [
    {
      slot: 'ppt',
      fileId: '4b6f1c3a-2f0e-4b8e-9d7a-1c2e3f4a5b6c',
      name: `${ORG}胸痛中心.PPTX`,
      size: 123456,
      type: 'pptx',
      pptx: { slides: 18, copyrightPage: true, animatedSlides: 0 },
      checks: null,
      uploadedAt: '2022-03-01T02:00:00.000Z',
    },
    {
      slot: 'video',
      fileId: '5b6f1c3a-2f0e-4b8e-9d7a-1c2e3f4a5b6c',
      name: '王敏讲解.mp4',
      size: 654321,
      type: 'mp4',
      pptx: null,
      checks: null,
      uploadedAt: '2022-03-01T02:00:00.000Z',
    },
  ],
  partnerIds: [partnerId],
  track: null,
  correctionDeadline: null,
  screeningDueAt: null,
  number: 'T02-0007',
  submittedAt: '2022-03-01T02:00:00.000Z',
  updatedAt: '2022-03-01T02:00:00.000Z',
  screening: {
    decision: 'pass',
    reasons: `${ORG}材料齐全`,
    suggestions: '',
    correctionDeadline: null,
    decidedAt: '2022-03-02T02:00:00.000Z',
  },
};

const view = (blind: boolean, materials = {}) =>
  judgeEntryView({ entry, fields: richForm, materials, blind, unitNames: [ORG, ALIAS, PARTNER] });
const leaks = (json: string) => SECRETS.filter((s) => json.includes(s));

describe('judgeEntryView: what a judge sees of an entry (S0-4, issue 10 item 4)', () => {
  it('X-4 S0-4 a blind view names neither the unit, its alias, the partner nor any person, phone or email anywhere in its JSON', () => {
    const json = JSON.stringify(view(true));
    expect(leaks(json)).toEqual([]);
    expect(json.includes(partnerId)).toBe(false);
    expect(json.includes(entry.organization.id)).toBe(false);
  });

  it('X-4 S0-4 the same scan finds every secret in the open view, so the blind scan can fail', () => {
    const json = JSON.stringify(view(false));
    expect(leaks(json)).toEqual(SECRETS);
  });

  it('X-4 S0-4 blind: identifying fields left out, the rest kept with names masked in the text, files named after their slot', () => {
    const v = view(true);
    expect(v.organization).toBeNull();
    expect(v.title).toBe(`${MASK}胸痛中心一体化救治`);
    expect(v.summary).toBe(`${MASK}联合${MASK}，由${MASK}主任牵头，咨询电话${MASK}，邮箱 ${MASK}。D2B 时间缩短 35%。`);
    expect(v.fields).toEqual([
      { key: 'department', label: '申报科室', kind: 'short_text', value: '急诊科' },
      {
        key: 'background',
        label: '案例背景',
        kind: 'long_text',
        value: `${MASK}（${MASK}）在${MASK}急诊科推行胸痛绿色通道，${MASK}负责质控。`,
      },
      { key: 'beds', label: '床位数', kind: 'number', value: 1800 },
      { key: 'outcomes', label: '量化效果', kind: 'table', value: [{ metric: 'D2B 时间', value: 58 }] },
    ]);
    expect(v.attachments.map((a) => a.name)).toEqual(['案例PPT.pptx', '短视频.mp4']);
  });

  it('issue 10 item 4 the open view shows the organization and the answers as written, never the screening note', () => {
    const v = view(false);
    expect(v.organization).toEqual(entry.organization);
    expect(v.fields.map((f) => f.key)).toEqual([
      'department',
      'contact',
      'unitName',
      'background',
      'beds',
      'leaders',
      'outcomes',
      'partners',
    ]);
    expect(v.attachments.map((a) => a.name)).toEqual([`${ORG}胸痛中心.PPTX`, '王敏讲解.mp4']);
    expect(Object.keys(v).sort()).toEqual(
      ['attachments', 'blind', 'fields', 'id', 'number', 'organization', 'summary', 'theme', 'title', 'track'].sort(),
    );
  });

  it('issue 10 item 2 only the materials the round names are shown', () => {
    const v = view(true, { fieldKeys: ['beds'], attachmentSlots: ['ppt'] });
    expect(v.fields.map((f) => f.key)).toEqual(['beds']);
    expect(v.attachments.map((a) => a.slot)).toEqual(['ppt']);
  });
});
