export interface Clock {
  now(): Date;
}

export type FixedClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

/** The one place that reads the wall clock; everything else asks an injected Clock so tests can pin time. */
export const systemClock: Clock = { now: () => new Date() };

export const SHANGHAI_TZ = 'Asia/Shanghai';

/**
 * China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date the platform
 * handles and, unlike Intl, does not depend on the ICU data the Node binary happens to ship with.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Rejects malformed and impossible dates ('2022-02-30') up front: Date.parse would either return NaN, which
 * surfaces much later as an Invalid Date deadline, or silently roll over into the next month.
 */
export function assertIsoDate(date: string): void {
  if (!ISO_DATE.test(date) || new Date(`${date}T00:00:00.000Z`).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`);
  }
}

function toInstant(at: Date | string): Date {
  const instant = new Date(at);
  // A typo in a test's start time should fail loudly, not freeze the clock at Invalid Date.
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a valid instant: ${String(at)}`);
  return instant;
}

export function fixedClock(at: Date | string): FixedClock {
  let current = toInstant(at);
  return {
    // A fresh Date each time: callers that mutate what they got must not move the clock.
    now: () => new Date(current),
    set(next) {
      current = toInstant(next);
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`cannot advance a clock by ${ms} ms`);
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The calendar date ('YYYY-MM-DD') of an instant in Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiMidnight(date: string): Date {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/** A deadline "2022-03-15" lasts until the last millisecond of that day in Shanghai. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(shanghaiMidnight(date).getTime() + DAY_MS - 1);
}

/** 'YYYY-MM-DD HH:mm' in Shanghai time, for messages to users who all read Beijing time. */
export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar day after `date`; plain UTC arithmetic is safe because the string carries no zone. */
export function nextIsoDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday for a 'YYYY-MM-DD' date, independent of the host's time zone. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}
