import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CALENDAR_RANGE,
  endOfShanghaiDay,
  holidayName,
  isProvisional,
  isWorkingDay,
  workingDaysBetween,
} from './index.ts';

// Every expected value below comes from the State Council's published schedule (国务院办公厅关于节假日安排的通知)
// for that year and was cross-checked against chinese-days 1.5.7's dist/chinese-days.json.

function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    dates.push(d.toISOString().slice(0, 10));
  }
  return dates;
}

/** Shanghai wall-clock time → instant, so test cases read the way users see them. */
function shanghai(localDateTime: string): Date {
  return new Date(`${localDateTime}:00+08:00`);
}

describe('X-2 working days follow the Chinese calendar (holidays and 调休)', () => {
  it('X-2 covers 2004 through 2026; 2027 has no published schedule in chinese-days 1.5.7', () => {
    // Deliberately exact: upgrading the package must come with assertions for the new year's schedule.
    expect(CALENDAR_RANGE).toEqual({ first: '2004-01-01', last: '2026-12-31' });
  });

  it('X-2 every year 2021-2026 has Spring Festival and National Day holidays', () => {
    for (let year = 2021; year <= 2026; year += 1) {
      const names = new Set(datesOfYear(year).map(holidayName));
      expect(names.has('春节'), `${year}`).toBe(true);
      expect(names.has('国庆节'), `${year}`).toBe(true);
    }
  });

  it('X-2 yearly working-day totals match the official schedules', () => {
    // E.g. 2024: 262 weekdays − 19 weekday holidays + 8 adjusted working weekends = 251.
    const totals = Object.fromEntries(
      [2021, 2022, 2023, 2024, 2025, 2026].map((year) => [year, datesOfYear(year).filter(isWorkingDay).length]),
    );
    expect(totals).toEqual({ 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248 });
  });

  it('X-2 an adjusted working weekend (调休) is a working day and not a holiday', () => {
    expect(isWorkingDay('2024-02-04')).toBe(true); // Sunday, worked for Spring Festival 2024
    expect(holidayName('2024-02-04')).toBeNull();
    expect(isWorkingDay('2023-04-23')).toBe(true); // Sunday, worked for Labour Day 2023
    expect(isWorkingDay('2022-01-29')).toBe(true); // Saturday, worked for Spring Festival 2022
    expect(isWorkingDay('2022-01-30')).toBe(true); // Sunday, likewise
    expect(isWorkingDay('2026-01-04')).toBe(true); // Sunday, worked for New Year 2026
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, worked for Spring Festival 2026
  });

  it('X-2 a public holiday on a weekday is not a working day', () => {
    expect(isWorkingDay('2024-02-12')).toBe(false); // Monday
    expect(holidayName('2024-02-12')).toBe('春节');
    expect(isWorkingDay('2021-10-01')).toBe(false); // Friday
    expect(holidayName('2021-10-01')).toBe('国庆节');
    expect(isWorkingDay('2025-10-06')).toBe(false); // Monday, Mid-Autumn inside the 2025 Golden Week
    expect(holidayName('2025-10-06')).toBe('中秋');
    expect(isWorkingDay('2026-02-23')).toBe(false); // Monday, the ninth day of Spring Festival 2026
    expect(holidayName('2023-01-02')).toBe('元旦'); // Monday in lieu of New Year's Day on a Sunday
    expect(isWorkingDay('2023-01-02')).toBe(false);
  });

  it('X-2 ordinary weeks are Monday to Friday', () => {
    expect(isWorkingDay('2022-03-16')).toBe(true); // Wednesday
    expect(holidayName('2022-03-16')).toBeNull();
    expect(isWorkingDay('2022-03-19')).toBe(false); // Saturday
    expect(isWorkingDay('2022-03-20')).toBe(false); // Sunday
    expect(holidayName('2022-03-19')).toBeNull();
  });

  it('X-2 a date outside the covered range is provisional: weekends only, never a failure', () => {
    expect(isProvisional('2027-01-04')).toBe(true);
    expect(isProvisional('2003-12-31')).toBe(true);
    expect(isProvisional('2026-12-31')).toBe(false);
    expect(isWorkingDay('2027-01-04')).toBe(true); // a Monday
    expect(isWorkingDay('2027-01-09')).toBe(false); // a Saturday
    // Statutory holidays are certain even before the schedule: 元旦, 春节 (除夕 2027-02-05 to 初三), 国庆.
    expect(holidayName('2027-01-01')).toBe('元旦');
    expect(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map(isWorkingDay)).toEqual([false, false, false, false]);
    expect(holidayName('2027-02-08')).toBe('春节');
    expect(holidayName('2027-10-01')).toBe('国庆节');
    expect(isWorkingDay('2027-10-04')).toBe(true); // a Monday: bridging days are not predictable
    expect(isWorkingDay('2026-12-31')).toBe(true); // the last covered day, a Thursday
  });

  it('X-2 malformed or impossible dates are rejected, not mistaken for out-of-range', () => {
    for (const bad of ['2022-02-30', '2022-3-1', '2022/03/01', '', '2022-03-01T00:00']) {
      expect(() => isWorkingDay(bad), bad).toThrow(RangeError);
    }
  });
});

describe('S0-8 screening within 2 working days', () => {
  it('S0-8 an entry submitted on Friday before an ordinary weekend is due at the end of Tuesday', () => {
    expect(addWorkingDays(shanghai('2022-03-11T15:00'), 2)).toEqual(endOfShanghaiDay('2022-03-15'));
    expect(addWorkingDays(shanghai('2022-03-11T15:00'), 2).toISOString()).toBe('2022-03-15T15:59:59.999Z');
  });

  it('S0-8 the adjusted working Saturday and Sunday before Spring Festival 2022 count', () => {
    // Friday 28 Jan 15:00; Saturday 29 and Sunday 30 Jan 2022 were working days.
    const submitted = new Date('2022-01-28T07:00:00Z');
    expect(addWorkingDays(submitted, 1).toISOString()).toBe('2022-01-29T15:59:59.999Z');
    expect(addWorkingDays(submitted, 2).toISOString()).toBe('2022-01-30T15:59:59.999Z');
    // 31 Jan to 6 Feb is the holiday, so the third working day is Monday 7 Feb.
    expect(addWorkingDays(submitted, 3).toISOString()).toBe('2022-02-07T15:59:59.999Z');
  });

  it('S0-8 the whole Spring Festival holiday is skipped', () => {
    expect(addWorkingDays(shanghai('2022-01-30T10:00'), 2)).toEqual(endOfShanghaiDay('2022-02-08'));
  });

  it('S0-8 an entry submitted during a holiday gets two full working days after it', () => {
    // Monday 12 Feb 2024 is Spring Festival; Sunday 18 Feb is worked, then Monday 19 Feb.
    expect(addWorkingDays(shanghai('2024-02-12T10:00'), 2)).toEqual(endOfShanghaiDay('2024-02-19'));
    // Thursday 28 Sep 2023, then the 29 Sep - 6 Oct holiday, then the worked Saturday 7 and Sunday 8 Oct.
    expect(addWorkingDays(shanghai('2023-09-28T09:00'), 2)).toEqual(endOfShanghaiDay('2023-10-08'));
  });

  it('S0-8 a worked Sunday before National Day 2024 counts, the Saturday before it does not', () => {
    // Friday 27 Sep; Saturday 28 rest, Sunday 29 worked, Monday 30 worked, then the holiday.
    expect(addWorkingDays(shanghai('2024-09-27T18:00'), 2)).toEqual(endOfShanghaiDay('2024-09-30'));
    expect(addWorkingDays(shanghai('2024-09-27T18:00'), 3)).toEqual(endOfShanghaiDay('2024-10-08'));
  });

  it('X-2 S0-8 a submission at 23:30 Shanghai counts from that Shanghai day', () => {
    const lateMonday = new Date('2022-03-14T15:30:00Z'); // Monday 23:30 Shanghai
    expect(addWorkingDays(lateMonday, 2)).toEqual(endOfShanghaiDay('2022-03-16'));
    // Half an hour later it is Tuesday in Shanghai, though still Monday in UTC.
    const earlyTuesday = new Date('2022-03-14T16:30:00Z');
    expect(addWorkingDays(earlyTuesday, 2)).toEqual(endOfShanghaiDay('2022-03-17'));
  });

  it('X-2 S0-8 the deadline spans the whole Shanghai day and ends with it', () => {
    const submitted = shanghai('2022-03-11T15:00');
    const deadline = addWorkingDays(submitted, 2);
    expect(workingDaysBetween(submitted, deadline)).toBe(2);
    expect(workingDaysBetween(submitted, new Date(deadline.getTime() + 1))).toBe(3); // Wednesday 00:00
    expect(workingDaysBetween(submitted, shanghai('2022-03-15T00:00'))).toBe(2);
    expect(workingDaysBetween(submitted, shanghai('2022-03-14T23:59'))).toBe(1);
  });

  it('S0-8 counts working days between two instants for the overdue clock', () => {
    const submitted = shanghai('2022-01-28T15:00');
    expect(workingDaysBetween(submitted, shanghai('2022-02-08T09:00'))).toBe(4); // 29, 30 Jan, 7, 8 Feb
    expect(workingDaysBetween(submitted, shanghai('2022-02-06T23:59'))).toBe(2); // the holiday adds nothing
    expect(workingDaysBetween(submitted, shanghai('2022-01-28T23:59'))).toBe(0); // same Shanghai day
    expect(workingDaysBetween(submitted, shanghai('2022-01-20T09:00'))).toBe(0); // earlier
    expect(workingDaysBetween(shanghai('2024-01-01T00:00'), shanghai('2024-12-31T12:00'))).toBe(251); // 1 Jan was a holiday anyway
  });

  it('S0-8 a deadline that reaches past the covered range still computes, on weekends only', () => {
    expect(addWorkingDays(shanghai('2026-12-29T10:00'), 2)).toEqual(endOfShanghaiDay('2026-12-31'));
    // Wed 30 Dec 2026 + 2: Thu 31 Dec (official), then Fri 1 Jan 2027 is 元旦 (statutory), so Mon 4 Jan.
    expect(addWorkingDays(shanghai('2026-12-30T10:00'), 2)).toEqual(endOfShanghaiDay('2027-01-04'));
    expect(workingDaysBetween(shanghai('2026-12-30T10:00'), shanghai('2027-01-05T10:00'))).toBe(3);
  });

  it('S0-8 the allowance must be a positive whole number of days', () => {
    const at = shanghai('2022-03-11T15:00');
    for (const days of [0, -1, 1.5, Number.NaN]) expect(() => addWorkingDays(at, days), `${days}`).toThrow(RangeError);
  });
});
