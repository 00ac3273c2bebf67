export interface Clock {
  now(): Date;
}

/** The one place that reads the wall clock; everything else asks an injected Clock. */
export const systemClock: Clock = { now: () => new Date() };

export const SHANGHAI_TZ = 'Asia/Shanghai';

/** China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date we handle. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The calendar date ('YYYY-MM-DD') of an instant in Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 in Shanghai on that date. */
export function shanghaiMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 in Shanghai on that date: a deadline "2022-03-15" lasts until the end of that day (S0-7). */
export function endOfShanghaiDay(date: string): Date {
  return new Date(shanghaiMidnight(date).getTime() + 24 * 60 * 60 * 1000 - 1);
}

/** 'YYYY-MM-DD HH:mm' in Shanghai time, for messages to users. */
export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
