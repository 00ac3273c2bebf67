import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_MESSAGES, ERROR_STATUS, errorMessage, FIELD_MESSAGES, fill, pickLocale } from './errors.ts';

describe('error vocabulary', () => {
  it('has a zh-CN and an English message for every code, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const table of [ERROR_MESSAGES, FIELD_MESSAGES] as const) {
      for (const [code, messages] of Object.entries(table)) {
        expect(messages['zh-CN'].length, code).toBeGreaterThan(0);
        expect(messages.en.length, code).toBeGreaterThan(0);
        expect(placeholders(messages.en), code).toEqual(placeholders(messages['zh-CN']));
      }
    }
  });

  // ERROR_CODES is derived from ERROR_STATUS, so "contains CSRF_FAILED" could not fail; these compare the two tables
  // a code is declared in, and what a caller refused by the CSRF check actually reads.
  it('declares each error code with both an HTTP status (4xx or 5xx) and messages, and no code in one table only', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(ERROR_MESSAGES).sort());
    for (const code of ERROR_CODES) expect([code, ERROR_STATUS[code] >= 400 && ERROR_STATUS[code] < 600]).toEqual([code, true]);
  });

  it('CSRF_FAILED is a 403 that asks the reader to reload, in zh-CN and English', () => {
    expect(ERROR_STATUS.CSRF_FAILED).toBe(403);
    expect(errorMessage('CSRF_FAILED', 'zh-CN')).toBe('页面已过期，请刷新后重试');
    expect(errorMessage('CSRF_FAILED', 'en')).toBe('The page has expired; please reload and try again');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(errorMessage('ACCOUNT_LOCKED', 'zh-CN', { minutes: 15 })).toBe(
      '密码错误次数过多，账号已临时锁定，请 15 分钟后再试或重置密码',
    );
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks zh-CN unless the browser prefers English', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
  });
});

describe('NOT_ELIGIBLE names the rule in the reader’s language', () => {
  it('fills the reason from the rule and its params', () => {
    expect(errorMessage('NOT_ELIGIBLE', 'zh-CN', { rule: 'maxPerDepartment', department: '医务部', max: 1 })).toBe(
      '贵单位不符合本次活动的申报条件：同一科室（医务部）最多申报 1 个案例',
    );
    expect(errorMessage('NOT_ELIGIBLE', 'en', { rule: 'countyOnly' })).toBe(
      'Your organization is not eligible: only county-level institutions may enter',
    );
  });
});
