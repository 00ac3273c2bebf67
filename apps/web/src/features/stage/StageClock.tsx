import type { TStageClock } from '@casearena/contract';
import type { CSSProperties } from 'react';
import { type ClockReading, clockOffset, formatClock, readClock } from './stage-clock.ts';
import { useNow } from './use-now.ts';

/** The running phase's clock, ticking on this device, corrected by the server's time of the view it came with. */
export function useClockReading(clock: TStageClock | undefined, receivedAtMs: number): ClockReading | null {
  const timed = Boolean(clock && clock.limitSeconds !== null && clock.phaseStartedAt !== null && clock.pausedAt === null);
  const now = useNow(timed);
  if (!clock) return null;
  return readClock(clock, clockOffset(clock, receivedAtMs), now);
}

interface Props {
  reading: ClockReading;
  testId: string;
  style?: CSSProperties;
  /** Colours of the normal, warning (≤ warnSeconds) and overtime states. */
  colors: { normal: string; warn: string; over: string };
}

/** mm:ss, `data-warn="true"` at or under warnSeconds left; overtime reads as -mm:ss in the overtime colour. */
export function ClockText({ reading, testId, style, colors }: Props) {
  const color = reading.overtime ? colors.over : reading.warn ? colors.warn : colors.normal;
  return (
    <span
      data-testid={testId}
      data-warn={reading.warn ? 'true' : 'false'}
      data-overtime={reading.overtime ? 'true' : 'false'}
      data-paused={reading.paused ? 'true' : 'false'}
      role="timer"
      style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 700, color, ...style }}
    >
      {formatClock(reading.remaining)}
    </span>
  );
}
