import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { users } from './accounts.tables.ts';

/** The fields a request's actor carries, for the platform's auth hook (which may not read module tables itself). */
export async function findActor(db: Db, userId: string): Promise<Actor | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role, locale: users.locale, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
