import type { TStageClock } from '@casearena/contract';

/**
 * The stage's clock as a screen shows it. The server sends its own time with every view (`serverNow`); a screen
 * keeps the difference to its own clock (`offsetMs`) so a projector laptop whose clock is a minute off still counts
 * down with the host's console. Timers never drive the state: this is only what is shown.
 */
export function clockOffset(clock: Pick<TStageClock, 'serverNow'>, receivedAtMs: number): number {
  const server = Date.parse(clock.serverNow);
  return Number.isFinite(server) ? server - receivedAtMs : 0;
}

export interface ClockReading {
  /** Whole seconds left of the phase's limit; negative once over time. */
  remaining: number;
  limit: number;
  /** At or under warnSeconds left (overtime included). */
  warn: boolean;
  overtime: boolean;
  paused: boolean;
}

/**
 * remaining = limit - (now - startedAt - pausedMs - (pausedAt ? now - pausedAt : 0)), in the server's time. Null
 * when no phase is timed (waiting, scoring, …). Rounded up while time is left (the display reads 08:00 at the start
 * and 00:01 in the last second), down once over, so 00:00 lasts one second and -00:01 follows.
 */
export function readClock(clock: TStageClock, offsetMs: number, nowMs: number): ClockReading | null {
  if (clock.limitSeconds === null || clock.phaseStartedAt === null) return null;
  const now = nowMs + offsetMs;
  const started = Date.parse(clock.phaseStartedAt);
  const pausedAt = clock.pausedAt === null ? null : Date.parse(clock.pausedAt);
  const runMs = (pausedAt ?? now) - started - clock.pausedMs;
  const leftMs = clock.limitSeconds * 1000 - Math.max(0, runMs);
  const remaining = leftMs >= 0 ? Math.ceil(leftMs / 1000) : Math.floor(leftMs / 1000);
  return {
    remaining,
    limit: clock.limitSeconds,
    warn: remaining <= clock.warnSeconds,
    overtime: remaining < 0,
    paused: pausedAt !== null,
  };
}

/** 08:00, 00:05, -01:10 (over time by a minute and ten seconds). */
export function formatClock(seconds: number): string {
  const abs = Math.abs(seconds);
  const mm = String(Math.floor(abs / 60)).padStart(2, '0');
  const ss = String(abs % 60).padStart(2, '0');
  return `${seconds < 0 ? '-' : ''}${mm}:${ss}`;
}
