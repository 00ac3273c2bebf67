/**
 * Character counting as Chinese forms do it: every character counts one, whether a CJK ideograph,
 * a full-width punctuation mark, a Latin letter or a digit; whitespace (including the full-width space
 * U+3000 and line breaks) does not count. Counting is by code point, so characters outside the BMP count once.
 */
export function countChars(text: string): number {
  let count = 0;
  for (const ch of text) {
    if (!/\s/u.test(ch)) count += 1;
  }
  return count;
}
