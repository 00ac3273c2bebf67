import type { TJudge, TJudgeView } from '@casearena/contract';
import { aliasedTable, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { users } from '../accounts/index.ts';
import { organizations } from '../orgs/index.ts';
import { judgeConflicts, judges } from './judging.tables.ts';
import { judgeAbilities, type PoolAccess } from './pool.policy.ts';

export type JudgeRow = typeof judges.$inferSelect;

const organizer = aliasedTable(organizations, 'organizer');
const unit = aliasedTable(organizations, 'unit');

function selectJudges(db: Queryable) {
  return db
    .select({ judge: judges, organizerName: organizer.name, unitName: unit.name, inviterName: users.name })
    .from(judges)
    .innerJoin(organizer, eq(organizer.id, judges.organizerId))
    .leftJoin(unit, eq(unit.id, judges.organizationId))
    .leftJoin(users, eq(users.id, judges.invitedBy));
}

/** Judges as the contract has them, with their declared conflicts; in the order of the rows given. */
interface JoinedJudge {
  judge: JudgeRow;
  organizerName: string;
  unitName: string | null;
  inviterName: string | null;
}

async function present(db: Queryable, rows: JoinedJudge[]): Promise<TJudge[]> {
  const ids = rows.map((r) => r.judge.id);
  const conflicts =
    ids.length === 0
      ? []
      : await db
          .select({ c: judgeConflicts, name: organizations.name })
          .from(judgeConflicts)
          .innerJoin(organizations, eq(organizations.id, judgeConflicts.organizationId))
          .where(inArray(judgeConflicts.judgeId, ids))
          .orderBy(sql`${organizations.name} collate "C"`, asc(organizations.id));
  return rows.map(({ judge: j, organizerName, unitName, inviterName }) => ({
    id: j.id,
    organizer: { id: j.organizerId, name: organizerName },
    userId: j.userId,
    name: j.name,
    email: j.email,
    mobile: j.mobile,
    organization: j.organizationId && unitName ? { id: j.organizationId, name: unitName } : null,
    organizationName: j.organizationId && unitName ? unitName : j.organizationName || null,
    title: j.title,
    specialties: j.specialties,
    status: j.status,
    invitedBy: j.invitedBy && inviterName ? { id: j.invitedBy, name: inviterName } : null,
    invitedAt: j.invitedAt.toISOString(),
    answeredAt: j.answeredAt?.toISOString() ?? null,
    version: j.version,
    conflicts: conflicts
      .filter((c) => c.c.judgeId === j.id)
      .map((c) => ({
        organization: { id: c.c.organizationId, name: c.name },
        note: c.c.note,
        createdAt: c.c.createdAt.toISOString(),
      })),
  }));
}

export async function findJudge(db: Queryable, judgeId: string): Promise<TJudge | null> {
  const [judge] = await present(db, await selectJudges(db).where(eq(judges.id, judgeId)));
  return judge ?? null;
}

/** An organizer's pool: active judges first, then open invitations, then the rest; by name in byte order. */
export async function listJudges(db: Queryable, organizerId: string): Promise<TJudge[]> {
  const rows = await selectJudges(db)
    .where(eq(judges.organizerId, organizerId))
    .orderBy(
      sql`case ${judges.status} when 'active' then 0 when 'invited' then 1 when 'declined' then 2 else 3 end`,
      sql`${judges.name} collate "C"`,
      asc(judges.id),
    );
  return present(db, rows);
}

/** An account's rows in every organizer's pool, newest invitation first. */
export async function listJudgesOfUser(db: Queryable, userId: string): Promise<TJudge[]> {
  return present(db, await selectJudges(db).where(eq(judges.userId, userId)).orderBy(desc(judges.invitedAt), asc(judges.id)));
}

/** The judge's row, locked for the transaction's change (module shape rule 4). */
export async function lockJudge(tx: Tx, judgeId: string): Promise<JudgeRow | null> {
  const [row] = await tx.select().from(judges).where(eq(judges.id, judgeId)).for('update');
  return row ?? null;
}

/** The judge an invitation link names, locked; only an open invitation still carries its token's hash. */
export async function lockJudgeByToken(tx: Tx, tokenHash: string): Promise<JudgeRow | null> {
  const [row] = await tx.select().from(judges).where(eq(judges.inviteTokenHash, tokenHash)).for('update');
  return row ?? null;
}

/** A judge with the caller's abilities on it. */
export const judgeView = (access: PoolAccess, actor: Actor | null, judge: TJudge): TJudgeView => ({
  ...judge,
  abilities: judgeAbilities(access, actor, judge),
});
