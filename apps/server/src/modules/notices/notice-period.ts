import type { TNoticeDayKind, TNoticeState } from '@casearena/contract';
import { addWorkingDays } from '../../platform/clock/calendar.ts';
import { endOfShanghaiDay, nextIsoDate, shanghaiDate } from '../../platform/clock/clock.ts';

/**
 * When a notice published at `from` stops taking objections (S3-7; seed 003 §四(三): one week): the end
 * (23:59:59.999 Asia/Shanghai) of the Nth day after the Shanghai calendar day of publishing. The day of publishing
 * never counts, whatever the hour — day 1 is the next day — so a notice published on Monday 10:00 for 7 natural days
 * runs to the end of the following Monday. Working days are counted on the Chinese calendar by platform/clock's
 * `addWorkingDays` (weekends and public holidays skipped, 调休 working weekends counted), with the same day 1.
 */
export function noticeEndsAt(from: Date, days: number, dayKind: TNoticeDayKind): Date {
  if (dayKind === 'working') return addWorkingDays(from, days);
  let date = shanghaiDate(from);
  for (let i = 0; i < days; i += 1) date = nextIsoDate(date);
  return endOfShanghaiDay(date);
}

/**
 * The notice's phase now, from the stored state and the injected clock (never Date.now()): an `open` notice whose
 * end has passed is `ended` whether or not a write has said so yet (finalize writes open -> ended when it is due).
 * Objections are taken up to and including `endsAt`.
 */
export function noticePhase(notice: { state: TNoticeState; endsAt: Date | null } | null, now: Date): TNoticeState {
  if (!notice) return 'draft';
  if (notice.state === 'open' && notice.endsAt !== null && now.getTime() > notice.endsAt.getTime()) return 'ended';
  return notice.state;
}
