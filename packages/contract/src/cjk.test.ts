import { describe, expect, it } from 'vitest';
import { countChars } from './cjk.ts';

describe('X-5 character counting as Chinese forms do it', () => {
  it('counts each CJK character, full-width punctuation, Latin letter and digit as one', () => {
    expect(countChars('改善医疗服务')).toBe(6);
    expect(countChars('主题一：改善老年人就医体验')).toBe(13);
    expect(countChars('MDT门诊2022年')).toBe(10);
  });

  it('does not count whitespace: spaces, full-width spaces, tabs and line breaks', () => {
    expect(countChars('背景\n目标　做法 成效\t经验')).toBe(10);
    expect(countChars('   ')).toBe(0);
    expect(countChars('')).toBe(0);
  });

  it('counts a character outside the BMP once', () => {
    expect(countChars('𠮷野家')).toBe(3);
  });
});
