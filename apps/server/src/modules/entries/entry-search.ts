import { type SQL, sql } from 'drizzle-orm';
import { escapeLike, normalizeForSearch, queryGrams, searchGrams, searchText } from '../orgs/index.ts';
import { entries } from './entries.tables.ts';

/**
 * What the public theme page and the screening queue search (S0-8, S0-14): the case name, the entry number and the
 * hospital's name, as bigrams (see the orgs README for why not pg_trgm). Kept on the entry row so a search is one
 * index probe; refreshed whenever the title or the number changes.
 */
export function entrySearchColumns(entry: { title: string; number: string | null; organizationName: string }) {
  const texts = [entry.title, entry.organizationName, ...(entry.number ? [entry.number] : [])];
  return { searchText: searchText(texts), searchGrams: searchGrams(texts) };
}

/**
 * The same match as `entrySearchCondition` (entries.repo.ts) without the bigram containment, which only narrows
 * what the LIKE confirms: for walking an ordered index when a term is common (public-entries.ts). Without an
 * indexable `@>` the planner cannot pick the bigram index and sort every match, which it would, as it estimates a
 * few dozen matches for a term in thousands. A query containing the texts' separator finds nothing either way: its
 * bigrams are in no entry, so it is never common.
 */
export function entryTextScan(q: string): SQL | undefined {
  if (queryGrams(q).length === 0) return undefined;
  return sql`${entries.searchText} LIKE ${`%${escapeLike(normalizeForSearch(q))}%`}`;
}
