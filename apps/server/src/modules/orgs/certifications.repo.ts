import type { CertificationStatus, TCertification } from '@casearena/contract';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { users } from '../accounts/index.ts';
import { certificationRequests, organizations } from './orgs.tables.ts';

function selectCertifications(db: Queryable) {
  return db
    .select({ req: certificationRequests, userName: users.name, orgName: organizations.name, file: files })
    .from(certificationRequests)
    .innerJoin(users, eq(users.id, certificationRequests.userId))
    .innerJoin(organizations, eq(organizations.id, certificationRequests.organizationId))
    .innerJoin(files, eq(files.id, certificationRequests.fileId));
}

interface Joined {
  req: typeof certificationRequests.$inferSelect;
  userName: string;
  orgName: string;
  file: typeof files.$inferSelect;
}

function present(r: Joined): TCertification {
  return {
    id: r.req.id,
    kind: r.req.kind,
    status: r.req.status,
    user: { id: r.req.userId, name: r.userName },
    organization: { id: r.req.organizationId, name: r.orgName },
    title: r.req.title,
    note: r.req.note,
    decisionReason: r.req.decisionReason,
    file: { id: r.file.id, name: r.file.name, size: r.file.size, type: r.file.type },
    createdAt: r.req.createdAt.toISOString(),
    decidedAt: r.req.decidedAt?.toISOString() ?? null,
  };
}

export async function findCertification(db: Queryable, id: string): Promise<TCertification | null> {
  const [row] = await selectCertifications(db).where(eq(certificationRequests.id, id));
  return row ? present(row) : null;
}

export async function listMyCertifications(db: Queryable, userId: string): Promise<TCertification[]> {
  const rows = await selectCertifications(db)
    .where(eq(certificationRequests.userId, userId))
    .orderBy(sql`${certificationRequests.createdAt} desc`);
  return rows.map(present);
}

/** The review queue: pending first, oldest first, so nothing waits longer than it must. */
export async function listCertificationQueue(
  db: Queryable,
  q: { status?: CertificationStatus | undefined; page: number; pageSize: number },
) {
  const where: SQL | undefined = q.status ? eq(certificationRequests.status, q.status) : undefined;
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(certificationRequests).where(where);
  const rows = await selectCertifications(db)
    .where(where)
    .orderBy(sql`(${certificationRequests.status} = 'pending') desc`, asc(certificationRequests.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(present), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function certificationFile(db: Queryable, id: string) {
  const [row] = await db
    .select({ ownerId: certificationRequests.userId, file: files })
    .from(certificationRequests)
    .innerJoin(files, eq(files.id, certificationRequests.fileId))
    .where(eq(certificationRequests.id, id));
  return row ?? null;
}

/** The request's owner and status, locked until the deciding transaction ends. */
export async function lockCertification(tx: Tx, id: string) {
  const [row] = await tx
    .select({ userId: certificationRequests.userId, status: certificationRequests.status })
    .from(certificationRequests)
    .where(eq(certificationRequests.id, id))
    .for('update');
  return row ?? null;
}
