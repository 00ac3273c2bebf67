import type { TPublicNotice } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { parseVerifyRef } from '../certificates/verify-ref.ts';
import { entriesOnNotice, noticeRefusalText } from './notice-text.ts';

const ENDS = '2026-12-10T15:59:59.999Z'; // 2026-12-10 23:59 in Beijing

describe('the notice page’s refusal sentences (S3-7)', () => {
  it('NOTICE_ENDED and NOTICE_NOT_ENDED name the end in Beijing time, OBJECTIONS_OPEN the count, in both languages', () => {
    const n = { endsAt: ENDS, openObjections: 2 };
    expect(noticeRefusalText('NOTICE_ENDED', n, 'zh-CN')).toBe('公示期已于 2026-12-10 23:59（北京时间）结束，不再受理异议');
    expect(noticeRefusalText('NOTICE_ENDED', n, 'en')).toBe(
      'The public notice ended on 2026-12-10 23:59 (Beijing time); objections are no longer taken',
    );
    expect(noticeRefusalText('NOTICE_NOT_ENDED', n, 'zh-CN')).toBe(
      '公示期至 2026-12-10 23:59（北京时间）结束，结束后才能确认最终结果',
    );
    expect(noticeRefusalText('OBJECTIONS_OPEN', n, 'zh-CN')).toBe('还有 2 条异议未处理完毕，全部处理后才能确认最终结果');
    expect(noticeRefusalText('AWARDS_NOT_FROZEN', n, 'en')).toBe(
      'The awards are not frozen yet; freeze them before the public notice',
    );
  });
});

describe('entriesOnNotice (the objection form’s choices)', () => {
  it('lists each entry once, in notice order, and leaves out the call-wide awards without an entry', () => {
    const a = (awardId: string, entryId: string | null, entryNumber: string | null, entryTitle: string | null) => ({
      awardId,
      label: { 'zh-CN': '卓越', en: 'Outstanding' },
      entryId,
      entryNumber,
      entryTitle,
      organizationName: '某医院',
    });
    const themes: TPublicNotice['themes'] = [
      {
        themeId: '00000000-0000-4000-8000-000000000001',
        title: '主题一',
        awards: [
          a('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000e1', 'T01-0001', '案例一'),
          a('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-0000000000e2', 'T01-0002', '案例二'),
        ],
      },
      {
        themeId: null,
        title: '',
        awards: [
          a('00000000-0000-4000-8000-00000000000c', null, null, null),
          a('00000000-0000-4000-8000-00000000000d', '00000000-0000-4000-8000-0000000000e1', 'T01-0001', '案例一'),
        ],
      },
    ];
    expect(entriesOnNotice({ themes })).toEqual([
      { entryId: '00000000-0000-4000-8000-0000000000e1', label: 'T01-0001 · 案例一 · 某医院' },
      { entryId: '00000000-0000-4000-8000-0000000000e2', label: 'T01-0002 · 案例二 · 某医院' },
    ]);
  });
});

describe('parseVerifyRef (the /v/ short link, X-7)', () => {
  it('splits the number from the code at the last dot; anything else is not a certificate link', () => {
    expect(parseVerifyRef('CA2026-000123-K.3f9a1c')).toEqual({ number: 'CA2026-000123-K', code: '3f9a1c' });
    expect(parseVerifyRef('CA2026-000123-K')).toBeNull();
    expect(parseVerifyRef('CA2026-000123-K.')).toBeNull();
    expect(parseVerifyRef('.3f9a1c')).toBeNull();
  });
});
