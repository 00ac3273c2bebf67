export { addWorkingDays, CALENDAR_RANGE, holidayName, isProvisional, isWorkingDay, workingDaysBetween } from './calendar.ts';
export {
  type Clock,
  endOfShanghaiDay,
  type FixedClock,
  fixedClock,
  formatShanghai,
  SHANGHAI_TZ,
  shanghaiDate,
  shanghaiMidnight,
  systemClock,
} from './clock.ts';
