import { describe, expect, it, vi } from 'vitest';
import {
  endOfShanghaiDay,
  fixedClock,
  formatShanghai,
  SHANGHAI_TZ,
  shanghaiDate,
  shanghaiMidnight,
  systemClock,
} from './index.ts';

describe('X-2 deadlines in Asia/Shanghai', () => {
  it('X-2 maps an instant to its Shanghai calendar day, not the UTC day', () => {
    expect(shanghaiDate(new Date('2022-03-15T15:30:00Z'))).toBe('2022-03-15'); // 23:30 in Shanghai
    expect(shanghaiDate(new Date('2022-03-15T15:59:59.999Z'))).toBe('2022-03-15');
    expect(shanghaiDate(new Date('2022-03-15T16:00:00Z'))).toBe('2022-03-16'); // 00:00 next day
    expect(shanghaiDate(new Date('2022-03-14T23:30:00Z'))).toBe('2022-03-15'); // 07:30 in Shanghai, still the 14th in UTC
    expect(shanghaiDate(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01'); // across a year boundary
    expect(shanghaiDate(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29'); // leap day
  });

  it('X-2 agrees with the IANA zone database for Asia/Shanghai', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: SHANGHAI_TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (const iso of ['2021-01-01T00:00:00Z', '2022-07-01T16:30:00Z', '2024-02-29T15:59:00Z', '2026-12-31T23:59:00Z']) {
      const at = new Date(iso);
      const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
      expect(formatShanghai(at), iso).toBe(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`);
    }
  });

  it('X-2 midnight in Shanghai is 16:00 UTC the day before', () => {
    expect(shanghaiMidnight('2022-03-15').toISOString()).toBe('2022-03-14T16:00:00.000Z');
    expect(shanghaiMidnight('2024-01-01').toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(shanghaiDate(shanghaiMidnight('2022-03-15'))).toBe('2022-03-15');
  });

  it('X-2 a deadline date lasts until 23:59:59.999 Shanghai time', () => {
    expect(endOfShanghaiDay('2022-03-15').toISOString()).toBe('2022-03-15T15:59:59.999Z');
    expect(shanghaiDate(endOfShanghaiDay('2022-03-15'))).toBe('2022-03-15');
    expect(shanghaiDate(new Date(endOfShanghaiDay('2022-03-15').getTime() + 1))).toBe('2022-03-16');
    expect(endOfShanghaiDay('2024-02-29').toISOString()).toBe('2024-02-29T15:59:59.999Z');
  });

  it('X-2 formats instants as Shanghai wall-clock time', () => {
    expect(formatShanghai(new Date('2022-03-15T15:59:59.999Z'))).toBe('2022-03-15 23:59');
    expect(formatShanghai(new Date('2022-01-28T07:00:00Z'))).toBe('2022-01-28 15:00');
    expect(formatShanghai(new Date('2022-03-14T16:05:00Z'))).toBe('2022-03-15 00:05');
  });

  it('X-2 rejects dates that are not YYYY-MM-DD calendar dates', () => {
    for (const bad of ['2022-02-30', '2022-13-01', '2022-3-15', '15/03/2022', '']) {
      expect(() => shanghaiMidnight(bad), bad).toThrow(RangeError);
      expect(() => endOfShanghaiDay(bad), bad).toThrow(RangeError);
    }
  });
});

describe('injectable clock', () => {
  // The process clock is faked, so the test compares exact instants instead of racing the real time (a clock that
  // returned a constant or a cached Date would fail here).
  it('the system clock reads the process clock each time, as a fresh Date', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-05-06T07:08:09.010Z'));
      const first = systemClock.now();
      expect(first.toISOString()).toBe('2031-05-06T07:08:09.010Z');
      vi.setSystemTime(new Date('2031-05-06T07:08:10.510Z'));
      expect(systemClock.now().toISOString()).toBe('2031-05-06T07:08:10.510Z');
      expect(first.toISOString()).toBe('2031-05-06T07:08:09.010Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a fixed clock stands still until told to move', () => {
    const clock = fixedClock('2026-03-02T02:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T02:01:30.000Z');
    clock.set(new Date('2022-01-28T07:00:00Z'));
    expect(formatShanghai(clock.now())).toBe('2022-01-28 15:00');
    clock.set('2022-01-28T23:30:00+08:00');
    expect(clock.now().toISOString()).toBe('2022-01-28T15:30:00.000Z');
  });

  it('a fixed clock hands out copies, so mutating one does not move the clock', () => {
    const start = new Date('2026-03-02T02:00:00.000Z');
    const clock = fixedClock(start);
    clock.now().setUTCFullYear(2000);
    start.setUTCFullYear(2001);
    expect(clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('a fixed clock refuses invalid instants and steps', () => {
    expect(() => fixedClock('not a date')).toThrow(RangeError);
    const clock = fixedClock('2026-03-02T02:00:00.000Z');
    expect(() => clock.set('2026-13-01T00:00:00Z')).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });
});
