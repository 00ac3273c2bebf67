import { describe, expect, it } from 'vitest';
import { noticeEndsAt, noticePhase } from './notice-period.ts';

describe('the period of a public notice (S3-7)', () => {
  it('S3-7: seed 003 one week = 7 natural days; day 1 is the day after publishing, the end the last instant in Shanghai', () => {
    // Monday 10 January 2022, 10:00 in Shanghai -> the end of Monday 17 January.
    expect(noticeEndsAt(new Date('2022-01-10T02:00:00.000Z'), 7, 'natural').toISOString()).toBe('2022-01-17T15:59:59.999Z');
    // Published at 23:30 Shanghai (15:30 UTC) the same day: the same end, the hour never counts.
    expect(noticeEndsAt(new Date('2022-01-10T15:30:00.000Z'), 7, 'natural').toISOString()).toBe('2022-01-17T15:59:59.999Z');
    // 00:10 on Tuesday in Shanghai is still Monday in UTC: the Shanghai day decides.
    expect(noticeEndsAt(new Date('2022-01-10T16:10:00.000Z'), 7, 'natural').toISOString()).toBe('2022-01-18T15:59:59.999Z');
  });

  it('S3-7: working days skip weekends and the National Day holiday and count the 调休 working weekend (2022)', () => {
    // Thursday 29 September 2022: 30 Sep (1), 1-7 Oct holiday, Sat 8 Oct (2) and Sun 9 Oct (3) are working days,
    // Mon 10 Oct (4), Tue 11 Oct (5).
    expect(noticeEndsAt(new Date('2022-09-29T02:00:00.000Z'), 5, 'working').toISOString()).toBe('2022-10-11T15:59:59.999Z');
    // The same 5 as natural days end on Tuesday 4 October.
    expect(noticeEndsAt(new Date('2022-09-29T02:00:00.000Z'), 5, 'natural').toISOString()).toBe('2022-10-04T15:59:59.999Z');
  });

  it('S3-7: an open notice is ended from the instant after its end, by the clock given', () => {
    const notice = { state: 'open' as const, endsAt: new Date('2022-01-17T15:59:59.999Z') };
    expect(noticePhase(notice, new Date('2022-01-17T15:59:59.999Z'))).toBe('open');
    expect(noticePhase(notice, new Date('2022-01-17T16:00:00.000Z'))).toBe('ended');
    expect(noticePhase({ state: 'final', endsAt: notice.endsAt }, new Date('2030-01-01T00:00:00.000Z'))).toBe('final');
    expect(noticePhase(null, new Date('2022-01-17T16:00:00.000Z'))).toBe('draft');
  });
});
