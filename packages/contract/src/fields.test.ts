import { describe, expect, it } from 'vitest';
import { isCalendarDate, ZInt32, ZQueryInt32 } from './fields.ts';

describe('contract helpers for values PostgreSQL must be able to store', () => {
  it('accepts only calendar days that exist (leap years included)', () => {
    expect(['2024-02-29', '2000-02-29', '2022-12-31', '0001-01-01'].map(isCalendarDate)).toEqual([true, true, true, true]);
    expect(
      ['2022-02-30', '2023-02-29', '1900-02-29', '2022-13-01', '2022-00-10', '2022-04-31', '0000-01-01'].map(isCalendarDate),
    ).toEqual([false, false, false, false, false, false, false]);
    expect(['2022-2-3', '2022-02-03T00:00', ' 2022-02-03', ''].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it('limits whole numbers to an integer column: 2^31 - 1 passes, 2^31 does not', () => {
    expect(ZInt32.safeParse(2_147_483_647).success).toBe(true);
    expect(ZInt32.safeParse(2_147_483_648).success).toBe(false);
    expect(ZInt32.safeParse(-2_147_483_649).success).toBe(false);
    expect(ZQueryInt32.safeParse('2147483648').success).toBe(false);
    expect(ZQueryInt32.safeParse('42').data).toBe(42);
  });
});
