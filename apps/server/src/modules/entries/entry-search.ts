import { type SQL, sql } from 'drizzle-orm';
import { normalizeForSearch, queryGrams, searchGrams, searchText } from '../orgs/index.ts';
import { entries, publicSearchKeys } from './entries.tables.ts';

/**
 * What the public theme page and the screening queue search (S0-8, S0-14): the case name, the entry number and the
 * hospital's name, as bigrams (see the orgs README for why not pg_trgm). Kept on the entry row so a search is one
 * index probe; refreshed whenever the title or the number changes. The public search's campaign and theme tokens
 * are not stored: its index derives them from the row (`publicSearchKeys`, entries.tables.ts).
 */
export function entrySearchColumns(entry: { title: string; number: string | null; organizationName: string }) {
  const texts = [entry.title, entry.organizationName, ...(entry.number ? [entry.number] : [])];
  return { searchText: searchText(texts), searchGrams: searchGrams(texts) };
}

/** A whole entry number (2022-T03-0043), as entries.repo.ts reads it: one row of the (campaign, number) key. */
const ENTRY_NUMBER = /^\d{4}-t\d{2,}-\d{4,}$/;

/** The token `publicSearchKeys` gives a passed entry of this campaign, or of this theme. */
export function publicScopeToken(scope: { campaignId: string; themeId?: string | undefined }): string {
  return scope.themeId ? `t:${scope.themeId}:passed` : `c:${scope.campaignId}:passed`;
}

/**
 * The public search (public-entries.ts) of a term within a campaign or one theme's passed entries:
 * - `number`: the term is a whole entry number, matched on the (campaign, number) key;
 * - `keys`: the term's bigrams and the scope's token, all present in the GIN index (`@>`): the candidates;
 * - `text`: the term itself in the entry's search text, which confirms a candidate (the bigrams may lie apart) and
 *   is all a walk of the number order tests. `strpos` rather than `LIKE '%…%'`: the same match without a pattern
 *   to escape, and a fifth of the CPU per row (measured over 60,000 rows), which is what a walk spends.
 * Undefined for a term without a character to search for.
 */
export type PublicSearch = { number: SQL } | { keys: SQL; text: SQL; grams: string[] };

export function publicSearch(q: string, scope: { campaignId: string; themeId?: string | undefined }): PublicSearch | undefined {
  const normalized = normalizeForSearch(q);
  if (ENTRY_NUMBER.test(normalized)) return { number: sql`${entries.number} = ${normalized.toUpperCase()}` };
  const grams = queryGrams(q);
  if (grams.length === 0) return undefined;
  const wanted = [...grams, publicScopeToken(scope)];
  return {
    keys: sql`${publicSearchKeys(entries)} @> ARRAY[${sql.join(
      wanted.map((g) => sql`${g}`),
      sql`, `,
    )}]::text[]`,
    text: sql`strpos(${entries.searchText}, ${normalized}) > 0`,
    grams,
  };
}
