import { describe, expect, it } from 'vitest';
import { breakPieces, canvasFont, wrapLines } from './canvas-text.ts';

/** Every character 10 px wide: line widths are character counts times ten. */
const measure = (s: string) => Array.from(s).length * 10;

describe('canvas text: line breaking for the share images', () => {
  it('breaks CJK text anywhere and Latin text at spaces', () => {
    expect(breakPieces('改善 care now')).toEqual(['改', '善', ' ', 'care ', 'now']);
  });

  it('fills lines by measured width and keeps a closing mark on the line it closes', () => {
    expect(wrapLines(measure, '一二三四五六', 30, 5)).toEqual(['一二三', '四五六']);
    // "，" may not start a line: it hangs at the end of the full one.
    expect(wrapLines(measure, '一二三，四五', 30, 5)).toEqual(['一二三，', '四五']);
  });

  it('moves an opening bracket down with what it opens', () => {
    expect(wrapLines(measure, '一二（三四）', 30, 5)).toEqual(['一二', '（三四）']);
  });

  it('cuts a word wider than a line by characters', () => {
    expect(wrapLines(measure, 'abcdefgh', 30, 5)).toEqual(['abc', 'def', 'gh']);
  });

  it('ends the last kept line in an ellipsis that fits when text is left over', () => {
    expect(wrapLines(measure, '一二三四五六七', 30, 2)).toEqual(['一二三', '四五…']);
  });

  it('names the system CJK font stack with the size and weight', () => {
    expect(canvasFont(30, 'bold').startsWith('bold 30px "PingFang SC"')).toBe(true);
    expect(canvasFont(24).startsWith('24px "PingFang SC"')).toBe(true);
  });
});
