import type { TStageClock } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { clockOffset, formatClock, readClock } from './stage-clock.ts';

const T0 = Date.parse('2026-06-01T09:00:00.000Z');
const clock = (over: Partial<TStageClock> = {}): TStageClock => ({
  limitSeconds: 480,
  warnSeconds: 60,
  phaseStartedAt: new Date(T0).toISOString(),
  pausedAt: null,
  pausedMs: 0,
  serverNow: new Date(T0).toISOString(),
  ...over,
});

describe('stage clock (issue 11 item 2: 8 + 7 minutes, warning at 1 min, overtime shown)', () => {
  it('reads the full limit at the start and counts down in whole seconds, rounding up while time is left', () => {
    expect(readClock(clock(), 0, T0)).toEqual({ remaining: 480, limit: 480, warn: false, overtime: false, paused: false });
    expect(readClock(clock(), 0, T0 + 1)?.remaining).toBe(480);
    expect(readClock(clock(), 0, T0 + 1000)?.remaining).toBe(479);
    expect(readClock(clock(), 0, T0 + 479_001)?.remaining).toBe(1);
  });

  it('warns at warnSeconds left and not one second before', () => {
    expect(readClock(clock(), 0, T0 + 419_000)?.warn).toBe(false);
    expect(readClock(clock(), 0, T0 + 420_000)).toMatchObject({ remaining: 60, warn: true });
  });

  it('shows overtime as negative seconds after the limit', () => {
    expect(readClock(clock(), 0, T0 + 480_000)).toMatchObject({ remaining: 0, overtime: false, warn: true });
    expect(readClock(clock(), 0, T0 + 550_000)).toMatchObject({ remaining: -70, overtime: true });
    expect(formatClock(-70)).toBe('-01:10');
  });

  it('takes out the paused time: the time paused before and the pause still running', () => {
    const paused = clock({ pausedMs: 30_000, pausedAt: new Date(T0 + 100_000).toISOString() });
    // Ran 100 s, minus 30 s paused earlier = 70 s; the running pause freezes it however late we look.
    expect(readClock(paused, 0, T0 + 100_000)).toMatchObject({ remaining: 410, paused: true });
    expect(readClock(paused, 0, T0 + 900_000)).toMatchObject({ remaining: 410, paused: true });
    expect(readClock(clock({ pausedMs: 30_000 }), 0, T0 + 100_000)?.remaining).toBe(410);
  });

  it("corrects a screen's clock by the server's time: a laptop two minutes slow counts with the server", () => {
    const c = clock({ serverNow: new Date(T0 + 60_000).toISOString() });
    const laptopNow = T0 + 60_000 - 120_000;
    const offset = clockOffset(c, laptopNow);
    expect(offset).toBe(120_000);
    expect(readClock(c, offset, laptopNow)?.remaining).toBe(420);
  });

  it('is null when no phase is timed', () => {
    expect(readClock(clock({ limitSeconds: null }), 0, T0)).toBeNull();
    expect(readClock(clock({ phaseStartedAt: null }), 0, T0)).toBeNull();
  });

  it('formats mm:ss', () => {
    expect(formatClock(480)).toBe('08:00');
    expect(formatClock(5)).toBe('00:05');
    expect(formatClock(0)).toBe('00:00');
  });
});
