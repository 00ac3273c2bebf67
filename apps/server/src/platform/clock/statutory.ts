import { createRequire } from 'node:module';
import { nextIsoDate } from './clock.ts';

// The package ships CommonJS for Node; named ESM imports work only under bundlers (Vitest), not under plain Node.
const { getSolarDateFromLunar, getSolarTermDate } = createRequire(import.meta.url)(
  'chinese-days',
) as typeof import('chinese-days');

/**
 * The statutory public holidays (全体公民放假的节日, as revised in 2025) of a year whose official schedule is not
 * published yet: 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3. The schedule later
 * adds bridging days and adjusted working weekends (调休), which cannot be predicted; these days are certain.
 */
export function statutoryHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (date: string, name: string, count = 1) => {
    let d = date;
    for (let i = 0; i < count; i += 1) {
      days.set(d, name);
      d = nextIsoDate(d);
    }
  };
  const lunar = (monthDay: string) => getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const springFestival = lunar('01-01');
  const eve = new Date(`${springFestival}T00:00:00Z`);
  eve.setUTCDate(eve.getUTCDate() - 1);
  add(`${year}-01-01`, '元旦');
  add(eve.toISOString().slice(0, 10), '春节', 4);
  add(getSolarTermDate(year, 4, 'pure_brightness'), '清明');
  add(`${year}-05-01`, '劳动节', 2);
  add(lunar('05-05'), '端午节');
  add(lunar('08-15'), '中秋节');
  add(`${year}-10-01`, '国庆节', 3);
  return days;
}
