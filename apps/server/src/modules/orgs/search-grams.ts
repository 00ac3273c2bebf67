/**
 * Chinese substring search that an index can serve on both engines. pg_trgm cannot (see the orgs README for
 * what was measured): its GIN index finds no trigram in a two-character LIKE pattern such as `%协和%` and scans
 * the whole table, a Chinese name has no spaces so trigram similarity of a substring is 0, and under an
 * LC_CTYPE of `C` it yields no trigrams for CJK at all. Instead each organization stores every single character
 * and every adjacent pair of its normalized name and aliases (`search_grams`, GIN-indexed). A query's pairs must
 * all be present (`@>`, served by the index) and a LIKE on `search_text` then confirms the characters are
 * adjacent in the right order.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Every character and every adjacent pair of characters of each text (pairs never span two texts). */
export function searchGrams(texts: string[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    const chars = [...normalizeForSearch(text)];
    chars.forEach((ch, i) => {
      grams.add(ch);
      const next = chars[i + 1];
      if (next) grams.add(ch + next);
    });
  }
  return [...grams];
}

/** The grams a query needs: its single character, or all its adjacent pairs. */
export function queryGrams(query: string): string[] {
  const chars = [...normalizeForSearch(query)];
  if (chars.length <= 1) return chars;
  return [...new Set(chars.slice(0, -1).map((ch, i) => ch + (chars[i + 1] ?? '')))];
}

/** Name and aliases joined with a separator no query can contain, so LIKE never matches across two names. */
export function searchText(texts: string[]): string {
  return texts.map(normalizeForSearch).join('\u0001');
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
