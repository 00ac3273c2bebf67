import { searchGrams, searchText } from '../orgs/search-grams.ts';

/**
 * What the public theme page and the screening queue search (S0-8, S0-14): the case name, the entry number and the
 * hospital's name, as bigrams (see the orgs README for why not pg_trgm). Kept on the entry row so a search is one
 * index probe; refreshed whenever the title or the number changes.
 */
export function entrySearchColumns(entry: { title: string; number: string | null; organizationName: string }) {
  const texts = [entry.title, entry.organizationName, ...(entry.number ? [entry.number] : [])];
  return { searchText: searchText(texts), searchGrams: searchGrams(texts) };
}
