import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CALENDAR_RANGE,
  endOfShanghaiDay,
  formatShanghai,
  holidayName,
  isProvisional,
  isWorkingDay,
  shanghaiDate,
  workingDaysBetween,
} from './index.ts';

describe('X-2 deadlines in Asia/Shanghai', () => {
  it('maps an instant to its Shanghai calendar day, not the UTC day', () => {
    expect(shanghaiDate(new Date('2022-03-15T15:30:00Z'))).toBe('2022-03-15'); // 23:30 in Shanghai
    expect(shanghaiDate(new Date('2022-03-15T16:00:00Z'))).toBe('2022-03-16'); // 00:00 next day
  });

  it('S0-7: a deadline date lasts until 23:59:59.999 Shanghai time', () => {
    expect(endOfShanghaiDay('2022-03-15').toISOString()).toBe('2022-03-15T15:59:59.999Z');
    expect(formatShanghai(new Date('2022-03-15T15:59:59.999Z'))).toBe('2022-03-15 23:59');
  });
});

describe('X-2 working days follow the Chinese calendar (holidays and 调休)', () => {
  it('covers the seed years 2021-2026 from the data set', () => {
    expect(CALENDAR_RANGE.first <= '2021-01-01').toBe(true);
    expect(CALENDAR_RANGE.last >= '2026-12-31').toBe(true);
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) expect(isProvisional(`${year}-06-01`)).toBe(false);
  });

  it('knows public holidays on weekdays and adjusted working weekends', () => {
    expect(isWorkingDay('2024-02-12')).toBe(false); // Monday, Spring Festival
    expect(holidayName('2024-02-12')).toBe('春节');
    expect(isWorkingDay('2024-02-04')).toBe(true); // Sunday worked for Spring Festival
    expect(isWorkingDay('2021-10-01')).toBe(false); // National Day
    expect(isWorkingDay('2023-04-23')).toBe(true); // Sunday worked for Labour Day
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday worked for Spring Festival 2026
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2022-03-16')).toBe(true); // an ordinary Wednesday
    expect(isWorkingDay('2022-03-19')).toBe(false); // an ordinary Saturday
  });

  it('treats a year without a published schedule as provisional: weekends only', () => {
    const year = Number(CALENDAR_RANGE.last.slice(0, 4)) + 1;
    expect(isProvisional(`${year}-01-04`)).toBe(true);
    const saturday = [...Array(7).keys()]
      .map((i) => `${year}-03-0${i + 1}`)
      .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6);
    expect(saturday && isWorkingDay(saturday)).toBe(false);
  });
});

describe('S0-8 screening within 2 working days', () => {
  it('an entry submitted Friday afternoon before a normal weekend is due at the end of Tuesday', () => {
    const submitted = new Date('2022-03-11T07:00:00Z'); // Friday 15:00 Shanghai
    expect(addWorkingDays(submitted, 2).toISOString()).toBe(endOfShanghaiDay('2022-03-15').toISOString());
  });

  it('counts the adjusted working Saturday and Sunday before Spring Festival 2022', () => {
    const submitted = new Date('2022-01-28T07:00:00Z'); // Friday 15:00 Shanghai; 29th and 30th are worked
    expect(addWorkingDays(submitted, 2).toISOString()).toBe(endOfShanghaiDay('2022-01-30').toISOString());
  });

  it('skips the whole Spring Festival holiday', () => {
    const submitted = new Date('2022-01-30T02:00:00Z'); // Sunday (worked) 10:00 Shanghai
    // 2022-01-31 .. 2022-02-06 are holidays; next working days are Mon 7 Feb and Tue 8 Feb.
    expect(addWorkingDays(submitted, 2).toISOString()).toBe(endOfShanghaiDay('2022-02-08').toISOString());
  });

  it('a submission at 23:30 Shanghai counts from that Shanghai day', () => {
    const lateMonday = new Date('2022-03-14T15:30:00Z'); // Monday 23:30 Shanghai (still Monday)
    expect(addWorkingDays(lateMonday, 2).toISOString()).toBe(endOfShanghaiDay('2022-03-16').toISOString());
  });

  it('counts working days between two instants for the overdue clock', () => {
    expect(workingDaysBetween(new Date('2022-03-11T07:00:00Z'), new Date('2022-03-15T03:00:00Z'))).toBe(2);
    expect(workingDaysBetween(new Date('2022-03-15T03:00:00Z'), new Date('2022-03-11T07:00:00Z'))).toBe(0);
    expect(() => addWorkingDays(new Date(), 0)).toThrow(RangeError);
  });
});
