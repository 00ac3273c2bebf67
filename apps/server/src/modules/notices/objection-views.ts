import type { TObjection } from '@casearena/contract';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { entries } from '../entries/index.ts';
import { evidenceOf } from './evidence.ts';
import { assertOrganizer, isOrganizer, type ObjectionRole, objectionAbilities } from './notices.policy.ts';
import { campaignTitle, loadObjection, type ObjectionRow } from './notices.repo.ts';
import { objections } from './notices.tables.ts';

/**
 * Who may see an objection: its notice's organizer and its objector; to anyone else it does not exist (NOT_FOUND),
 * signed out UNAUTHENTICATED. Returns the caller's role.
 */
export async function objectionRole(db: Queryable, actor: Actor | null, objection: ObjectionRow): Promise<ObjectionRole> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const role = { organizer: await isOrganizer(db, actor, objection.campaignId), objector: objection.userId === actor.id };
  if (!role.organizer && !role.objector) throw new AppError('NOT_FOUND');
  return role;
}

/** One objection as ZObjection: the identity (shown to these two only), the thread without who wrote each message. */
export async function objectionView(db: Queryable, row: ObjectionRow, role: ObjectionRole): Promise<TObjection> {
  const [entry] = await db
    .select({ number: entries.number, title: entries.title })
    .from(entries)
    .where(eq(entries.id, row.entryId));
  const evidence = await evidenceOf(db, row.id);
  return {
    id: row.id,
    campaignId: row.campaignId,
    entryId: row.entryId,
    entryNumber: entry?.number ?? null,
    entryTitle: entry?.title ?? '',
    state: row.state,
    version: row.version,
    realName: row.realName,
    phone: row.phone,
    text: row.text,
    evidence: evidence.map((e) => ({ id: e.id, name: e.name, size: e.size, mime: e.mime })),
    messages: row.messages.map((m) => ({ at: m.at, from: m.from, kind: m.kind, text: m.text })),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    abilities: objectionAbilities(role, row.state),
  };
}

/** GET /api/objections/:objectionId: the organizer or the objector. */
export async function readObjection(db: Queryable, actor: Actor | null, objectionId: string): Promise<TObjection> {
  const row = await loadObjection(db, objectionId);
  return objectionView(db, row, await objectionRole(db, actor, row));
}

/** GET /api/public/campaigns/:campaignId/notice/objections/mine: the caller's own objections, newest first. */
export async function listMyObjections(db: Queryable, actor: Actor, campaignId: string) {
  await campaignTitle(db, campaignId);
  const rows = await db
    .select()
    .from(objections)
    .where(and(eq(objections.campaignId, campaignId), eq(objections.userId, actor.id)))
    .orderBy(desc(objections.createdAt), desc(objections.id));
  const organizer = await isOrganizer(db, actor, campaignId);
  return { objections: await Promise.all(rows.map((r) => objectionView(db, r, { organizer, objector: true }))) };
}

/** GET /api/campaigns/:campaignId/objections: every objection of the notice with its objector (the organizer). */
export async function listCampaignObjections(db: Queryable, actor: Actor | null, campaignId: string) {
  await campaignTitle(db, campaignId);
  const organizer = await assertOrganizer(db, actor, campaignId);
  const rows = await db
    .select()
    .from(objections)
    .where(eq(objections.campaignId, campaignId))
    .orderBy(desc(objections.createdAt), desc(objections.id));
  return {
    objections: await Promise.all(
      rows.map((r) => objectionView(db, r, { organizer: true, objector: r.userId === organizer.id })),
    ),
  };
}

/**
 * GET /api/objections/:objectionId/evidence/:evidenceId: an evidence file of the objection, for its organizer and
 * its objector (anyone else NOT_FOUND, as is an evidence id not of this objection).
 */
export async function evidenceDownload(db: Queryable, actor: Actor | null, objectionId: string, evidenceId: string) {
  const row = await loadObjection(db, objectionId);
  await objectionRole(db, actor, row);
  const file = (await evidenceOf(db, row.id)).find((e) => e.id === evidenceId);
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
