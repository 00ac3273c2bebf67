import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchGrams } from '../orgs/index.ts';
import { entries } from './entries.tables.ts';

/** Above this share of common character pairs two cases count as the same case (一稿多投). */
export const SIMILARITY_LIMIT = 0.8;

function pairs(text: string): Set<string> {
  return new Set(searchGrams([text]).filter((g) => [...g].length === 2));
}

/** Jaccard similarity of the character pairs of two texts (0 … 1): robust to reordering and small edits. */
export function similarity(a: string, b: string): number {
  const x = pairs(a);
  const y = pairs(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common += 1;
  return common / (x.size + y.size - common);
}

/**
 * S1-4 / S2-3: one case may not be entered twice — not in two themes, not reworded slightly. On submission the
 * entry's name and summary are compared with the organization's other live entries in the campaign; a near copy is
 * refused, naming the entry it repeats.
 */
export async function assertNotDuplicateCase(
  db: Queryable,
  entry: { id: string; campaignId: string; organizationId: string; title: string; summary: string },
): Promise<void> {
  const others = await db
    .select({ number: entries.number, title: entries.title, summary: entries.summary })
    .from(entries)
    .where(
      and(
        eq(entries.campaignId, entry.campaignId),
        eq(entries.organizationId, entry.organizationId),
        ne(entries.id, entry.id),
        inArray(entries.status, ['submitted', 'returned', 'passed']),
      ),
    );
  const mine = `${entry.title}\n${entry.summary}`;
  for (const other of others) {
    const score = similarity(mine, `${other.title}\n${other.summary}`);
    if (score >= SIMILARITY_LIMIT)
      throw new AppError('DUPLICATE_CASE', { number: other.number ?? '', title: other.title, percent: Math.round(score * 100) });
  }
}
