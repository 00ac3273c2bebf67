import { createRequire } from 'node:module';
import { assertIsoDate, endOfShanghaiDay, isoWeekday, nextIsoDate, shanghaiDate } from './clock.ts';
import { statutoryHolidays } from './statutory.ts';

/**
 * The Chinese working-day calendar (X-2, S0-8): a weekend is a rest day unless it is an adjusted working day
 * (调休), and a public holiday on a weekday is a rest day. The data comes from the `chinese-days` package, which
 * transcribes the State Council's yearly schedule. The schedule for a year is only published late in the year
 * before. A date outside the years the package holds is *provisional*: weekends and the statutory holidays
 * (statutory.ts) are rest days, the unpredictable bridging days and 调休 weekends are not known. Refusing to compute would stop screening deadlines on 30 December of every year until a package
 * upgrade; guessing silently could put a deadline inside Spring Festival. So deadlines always compute, and
 * `isProvisional` lets callers tell users that a date was computed without the official schedule (and
 * operators to upgrade `chinese-days` once the next schedule is out).
 */

/** Each value is "English name,中文名,n", e.g. "Spring Festival,春节,4". */
interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'string');
}

/**
 * createRequire rather than a JSON import: it needs no import attributes, behaves the same under tsx, Vitest and
 * plain Node, and keeps TypeScript from inferring a literal type for twenty-odd years of dates.
 */
function loadCalendarData(): CalendarData {
  const raw: unknown = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
  // A package upgrade that changes the file's shape must fail at start-up, not as wrong deadlines.
  if (typeof raw !== 'object' || raw === null) throw new Error('chinese-days data is not an object');
  const { holidays, workdays } = raw as Record<string, unknown>;
  if (!isRecordOfStrings(holidays) || !isRecordOfStrings(workdays)) {
    throw new Error('chinese-days data lacks the holidays/workdays maps');
  }
  return { holidays, workdays };
}

const data = loadCalendarData();

/**
 * The first to the last year holding any public holiday, required to be contiguous: a gap would mean a year's
 * schedule is missing, and its dates must not pass as ordinary weeks.
 */
function coveredRange(): { first: string; last: string } {
  const years = [...new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);
  const first = years[0];
  const last = years.at(-1);
  if (first === undefined || last === undefined) throw new Error('chinese-days data holds no holidays');
  if (last - first + 1 !== years.length) throw new Error(`chinese-days data has a gap between ${first} and ${last}`);
  return { first: `${first}-01-01`, last: `${last}-12-31` };
}

export const CALENDAR_RANGE: { readonly first: string; readonly last: string } = Object.freeze(coveredRange());

/** Whether the official schedule for this date is unknown (only weekends count as rest days then). */
export function isProvisional(date: string): boolean {
  assertIsoDate(date);
  return date < CALENDAR_RANGE.first || date > CALENDAR_RANGE.last;
}

function assertCovered(date: string): void {
  assertIsoDate(date);
}

/** 'YYYY-MM-DD' → whether staff are expected at work that day in mainland China. */
const provisionalYears = new Map<number, Map<string, string>>();
function provisionalHoliday(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  let days = provisionalYears.get(year);
  if (!days) {
    days = statutoryHolidays(year);
    provisionalYears.set(year, days);
  }
  return days.get(date);
}

export function isWorkingDay(date: string): boolean {
  assertCovered(date);
  if (isProvisional(date) && provisionalHoliday(date)) return false;
  // Adjusted working days are always weekends and holidays never overlap them, so the order of checks is free.
  if (Object.hasOwn(data.workdays, date)) return true;
  if (Object.hasOwn(data.holidays, date)) return false;
  const weekday = isoWeekday(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The Chinese name of the public holiday on that date (e.g. 春节), or null on any other day, including the
 * adjusted working days that make up for a holiday: those are working days and must not read as holidays.
 */
export function holidayName(date: string): string | null {
  assertCovered(date);
  if (isProvisional(date)) return provisionalHoliday(date) ?? null;
  const entry = Object.hasOwn(data.holidays, date) ? data.holidays[date] : undefined;
  return entry?.split(',')[1] ?? null;
}

/**
 * The deadline "within N working days" of an instant (S0-8): the end (23:59:59.999 Shanghai) of the Nth working
 * day after the Shanghai calendar day of `from`. The day of `from` itself never counts, whatever the hour or
 * whether it is a working day, so a Friday-afternoon entry before an ordinary weekend is due at the end of
 * Tuesday for N = 2, and one submitted during a holiday gets N full working days after the holiday.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  let date = shanghaiDate(from);
  assertCovered(date);
  let left = days;
  while (left > 0) {
    date = nextIsoDate(date);
    if (isWorkingDay(date)) left -= 1;
  }
  return endOfShanghaiDay(date);
}

/**
 * Working days strictly after `from`'s Shanghai day, up to and including `to`'s: the counterpart of
 * addWorkingDays, so an entry is overdue once this exceeds the allowance. 0 when `to` is not on a later day.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const last = shanghaiDate(to);
  let date = shanghaiDate(from);
  if (last <= date) return 0;
  assertCovered(date);
  assertCovered(last);
  let count = 0;
  while (date < last) {
    date = nextIsoDate(date);
    if (isWorkingDay(date)) count += 1;
  }
  return count;
}
