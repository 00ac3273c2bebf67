import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { users } from './accounts.tables.ts';
import { type Identifier, parseIdentifier } from './identifier.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByIdentifier(db: Queryable, id: NonNullable<Identifier>): Promise<UserRow | null> {
  const column = id.kind === 'email' ? users.email : users.phone;
  const [row] = await db.select().from(users).where(eq(column, id.value));
  return row ?? null;
}

export async function findUserById(db: Queryable, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row ?? null;
}

export async function lockUserRow(db: Queryable, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).for('update');
  return row ?? null;
}

/** The account that uses this email or mainland mobile number (as typed: +86 and spaces allowed), if any. */
export async function findUserIdByIdentifier(db: Queryable, raw: string): Promise<string | null> {
  const id = parseIdentifier(raw);
  return id ? ((await findUserByIdentifier(db, id))?.id ?? null) : null;
}
