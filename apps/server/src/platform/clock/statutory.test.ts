import { describe, expect, it } from 'vitest';
import { isWorkingDay } from './calendar.ts';
import { statutoryHolidays } from './statutory.ts';

describe('X-2 statutory holidays predicted for years without a published schedule', () => {
  it.each([2025, 2026])('match the official %i schedule: 13 statutory days, each a rest day there', (year) => {
    const days = statutoryHolidays(year);
    expect(days.size).toBe(13);
    for (const [date, name] of days) expect(isWorkingDay(date), `${date} ${name}`).toBe(false);
  });

  it('names the days of 2027', () => {
    const days = statutoryHolidays(2027);
    expect(days.get('2027-02-05')).toBe('春节'); // 除夕
    expect(days.get('2027-04-05')).toBe('清明');
    expect(days.get('2027-06-09')).toBe('端午节');
    expect(days.get('2027-09-15')).toBe('中秋节');
    expect(days.get('2027-05-02')).toBe('劳动节');
  });
});
