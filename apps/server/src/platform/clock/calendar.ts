import { createRequire } from 'node:module';
import { endOfShanghaiDay, shanghaiDate } from './clock.ts';

/**
 * The Chinese working-day calendar (X-2, S0-8): weekends are rest days unless they are adjusted working days
 * (调休), and public holidays on weekdays are rest days. Data: the `chinese-days` package, which follows the
 * State Council's yearly schedule. A year the schedule has not covered yet (the next year's schedule is
 * published in November or December) falls back to plain weekends and is reported as provisional, so that
 * deadlines never fail to compute; `isProvisional` lets callers say so to users.
 */
interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as CalendarData;

const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
export const CALENDAR_RANGE = { first: `${Math.min(...years)}-01-01`, last: `${Math.max(...years)}-12-31` } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(date: string) {
  if (!DATE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

/** Whether the schedule for this date's year is known (otherwise only weekends count as rest days). */
export function isProvisional(date: string): boolean {
  assertDate(date);
  return date < CALENDAR_RANGE.first || date > CALENDAR_RANGE.last;
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: string): boolean {
  assertDate(date);
  if (date in data.workdays) return true;
  if (date in data.holidays) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** The holiday's Chinese name (e.g. 春节) on a public holiday, or for an adjusted working day the holiday it serves. */
export function holidayName(date: string): string | null {
  assertDate(date);
  const entry = data.holidays[date] ?? data.workdays[date];
  return entry?.split(',')[1] ?? null;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The deadline "within N working days" of an instant: the end (23:59:59.999 Shanghai) of the Nth working day
 * after the Shanghai calendar day of `from`. The day of submission itself never counts, whatever the hour, so
 * an entry submitted on Friday afternoon before a normal weekend is due at the end of Tuesday for N = 2.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  let date = shanghaiDate(from);
  let left = days;
  while (left > 0) {
    date = nextDate(date);
    if (isWorkingDay(date)) left -= 1;
  }
  return endOfShanghaiDay(date);
}

/** Working days strictly after `from`'s Shanghai day, up to and including `to`'s (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  const last = shanghaiDate(to);
  let date = shanghaiDate(from);
  let count = 0;
  while (date < last) {
    date = nextDate(date);
    if (isWorkingDay(date)) count += 1;
  }
  return count;
}
