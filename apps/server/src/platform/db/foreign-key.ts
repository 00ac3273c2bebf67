import { type AnyPgColumn, pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * The tables whose `id` another module may point at with a foreign key. Naming them here, instead of importing the
 * owner's table object, keeps `*.tables.ts` files free of cross-module imports (and the accounts <-> orgs cycle
 * broken) while PostgreSQL still enforces the key. `test/boundaries.test.ts` checks each name against db/schema.ts.
 */
export const referencedTables = [
  'users',
  'organizations',
  'campaigns',
  'campaign_themes',
  'entries',
  'judges',
  'judging_rounds',
] as const;
export type ReferencedTable = (typeof referencedTables)[number];

const keys = new Map<ReferencedTable, AnyPgColumn>();

/**
 * The `id` column of another module's table, for `.references(() => keyOf('users'))`. The stand-in table is never
 * exported, so drizzle-kit sees only the real one; the generated constraint is the same as with the real object.
 */
export function keyOf(table: ReferencedTable): AnyPgColumn {
  let key = keys.get(table);
  if (!key) {
    key = pgTable(table, { id: uuid('id').primaryKey() }).id;
    keys.set(table, key);
  }
  return key;
}
