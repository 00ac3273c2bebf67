import { describe, expect, it } from 'vitest';
import { checkAnswers, type TFormField, ZFormField } from './forms.ts';

const fields: TFormField[] = [
  { kind: 'number', key: 'beds', label: '床位数', min: 0, max: 5000, integer: true },
  { kind: 'date', key: 'startedOn', label: '开始日期' },
  { kind: 'select', key: 'category', label: '类别', options: ['质量安全', '患者体验'], multiple: false },
  { kind: 'yes_no', key: 'published', label: '是否已发表' },
  {
    kind: 'table',
    key: 'leaders',
    label: '负责人',
    minRows: 1,
    maxRows: 3, // S2-4: at most three leaders
    columns: [
      { key: 'name', label: '姓名', kind: 'text', options: [], required: true },
      { key: 'phone', label: '电话', kind: 'phone', options: [], required: true },
      { key: 'email', label: '邮箱', kind: 'email', options: [], required: false },
    ],
  },
  { kind: 'organization', key: 'partners', label: '联合申报单位', multiple: true, maxUnits: 2 },
].map((f) => ZFormField.parse({ required: true, ...f }));

const leader = { name: '张三', phone: '13800138000' };

describe('checkAnswers: one set of rules for the browser and the server', () => {
  it('accepts complete, well-formed answers', () => {
    const answers = {
      beds: 1200,
      startedOn: '2021-06-01',
      category: '患者体验',
      published: false,
      leaders: [leader],
      partners: ['7f1c2f3e-1b2c-4d5e-8f90-123456789abc'],
    };
    expect(checkAnswers(fields, answers, 'submit')).toEqual([]);
  });

  it('a draft may be incomplete; submission names every missing field', () => {
    expect(checkAnswers(fields, {}, 'draft')).toEqual([]);
    expect(checkAnswers(fields, {}, 'submit').map((p) => p.path)).toEqual([
      'beds',
      'startedOn',
      'category',
      'published',
      'leaders',
      'partners',
    ]);
  });

  it('S2-4 at most three leaders, each with a name and a valid phone', () => {
    const four = Array.from({ length: 4 }, () => leader);
    expect(checkAnswers(fields, { leaders: four }, 'draft')).toEqual([
      { path: 'leaders', code: 'TOO_MANY_ROWS', params: { max: 3, count: 4 } },
    ]);
    expect(
      checkAnswers(fields, { leaders: [{ name: '', phone: '123', email: 'x@' }] }, 'submit').filter((p) =>
        p.path.startsWith('leaders'),
      ),
    ).toEqual([
      { path: 'leaders.0.name', code: 'REQUIRED' },
      { path: 'leaders.0.phone', code: 'PHONE_INVALID' },
      { path: 'leaders.0.email', code: 'EMAIL_INVALID' },
    ]);
  });

  it('refuses wrong values with a precise code', () => {
    const wrong = {
      beds: 12.5,
      startedOn: '2021-13-45',
      category: '其他',
      published: 'yes',
      partners: ['not-an-id'],
    };
    expect(checkAnswers(fields, wrong, 'draft')).toEqual([
      { path: 'beds', code: 'INTEGER_REQUIRED' },
      { path: 'startedOn', code: 'INVALID' },
      { path: 'category', code: 'INVALID_CHOICE' },
      { path: 'published', code: 'INVALID' },
      { path: 'partners', code: 'INVALID' },
    ]);
    expect(checkAnswers(fields, { beds: 6000 }, 'draft')).toEqual([{ path: 'beds', code: 'TOO_LARGE', params: { max: 5000 } }]);
    const id = '7f1c2f3e-1b2c-4d5e-8f90-123456789abc';
    expect(checkAnswers(fields, { partners: [id, id] }, 'draft')).toEqual([{ path: 'partners', code: 'DUPLICATE' }]);
  });
});
