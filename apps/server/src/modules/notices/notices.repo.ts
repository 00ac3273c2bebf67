import { CLOSED_OBJECTION_STATES, type TObjectionState } from '@casearena/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns } from '../campaigns/index.ts';
import { notices, objections } from './notices.tables.ts';

export type NoticeRow = typeof notices.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The campaign's notice row (null before its settings were first saved); `lock` takes it in a transaction. */
export async function findNotice(db: Queryable, campaignId: string, lock?: 'update' | 'share'): Promise<NoticeRow | null> {
  const query = db.select().from(notices).where(eq(notices.campaignId, campaignId));
  const [row] = lock ? await query.for(lock) : await query;
  return row ?? null;
}

/** The campaign's title, or NOT_FOUND (also for an id that is no uuid). */
export async function campaignTitle(db: Queryable, campaignId: string): Promise<string> {
  if (!UUID.test(campaignId)) throw new AppError('NOT_FOUND');
  const [row] = await db.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!row) throw new AppError('NOT_FOUND');
  return row.title;
}

/** An objection's row, or NOT_FOUND; `lock` takes it in a transaction. */
export async function loadObjection(db: Queryable, objectionId: string, lock?: 'update'): Promise<ObjectionRow> {
  if (!UUID.test(objectionId)) throw new AppError('NOT_FOUND');
  const query = db.select().from(objections).where(eq(objections.id, objectionId));
  const [row] = lock ? await query.for(lock) : await query;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const OPEN_STATES: TObjectionState[] = ['open', 'info_requested'];

/** How many of the notice's objections are still open (open or info_requested) and how many are closed. */
export async function objectionCounts(db: Queryable, campaignId: string): Promise<{ open: number; closed: number }> {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${inArray(objections.state, OPEN_STATES)})::int`,
      closed: sql<number>`count(*) filter (where ${inArray(objections.state, [...CLOSED_OBJECTION_STATES])})::int`,
    })
    .from(objections)
    .where(and(eq(objections.campaignId, campaignId)));
  return { open: row?.open ?? 0, closed: row?.closed ?? 0 };
}

export const isClosed = (state: TObjectionState) => CLOSED_OBJECTION_STATES.includes(state);
