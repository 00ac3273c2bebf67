import {
  CERTIFICATION_TRANSITIONS,
  type CertificationKind,
  type CertificationStatus,
  type NoticeRef,
  renderRef,
} from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { setCertifiedTitle, users } from '../accounts/index.ts';
import { changeMembership, lockMembership } from './change-membership.ts';
import { hasAdministrator } from './members.repo.ts';
import { certificationRequests, organizations } from './orgs.tables.ts';

export type CertificationOutcome = Exclude<CertificationStatus, 'pending'>;

const AUDIT_KIND = {
  approved: 'certification.approved',
  rejected: 'certification.rejected',
  withdrawn: 'certification.withdrawn',
} as const satisfies Record<CertificationOutcome, string>;

/** The notice template the applicant is sent (packages/contract/src/notices.ts); a withdrawal is their own act. */
const NOTICE = {
  approved: 'certification.approved',
  rejected: 'certification.rejected',
  withdrawn: null,
} as const satisfies Record<CertificationOutcome, NoticeRef['template'] | null>;

/**
 * The one writer of a certification request's status, inside the caller's transaction. Checks the edge against
 * CERTIFICATION_TRANSITIONS and writes with compare-and-set on `from`, so a request decided or withdrawn
 * meanwhile gives WRONG_STATUS, never a double decision. Approval makes the applicant a member of the certified
 * organization through changeMembership (and records a professional's title); an approved institution request
 * makes them its administrator when it has none yet. Appends the audit event in the same transaction; the
 * applicant's mail or SMS and the identity-cache refresh run after commit.
 */
export async function transitionCertification(input: {
  ctx: AppContext;
  tx: Tx;
  afterCommit: AfterCommit;
  id: string;
  from: CertificationStatus;
  to: CertificationOutcome;
  /** A person: certifications are decided by reviewers and withdrawn by applicants, never by a job. */
  actor: Actor;
  at: Date;
  reason?: string | undefined;
}): Promise<void> {
  const { ctx, tx, from, to, at } = input;
  if (!(CERTIFICATION_TRANSITIONS[from] as readonly CertificationStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  const reason = to === 'rejected' ? (input.reason ?? null) : null;
  const [row] = await tx
    .update(certificationRequests)
    .set({ status: to, decidedAt: at, decidedBy: input.actor.id, decisionReason: reason })
    .where(and(eq(certificationRequests.id, input.id), eq(certificationRequests.status, from)))
    .returning();
  if (!row) throw new AppError('WRONG_STATUS');
  if (to === 'approved') await joinCertifiedOrganization(input, row);
  await appendAudit(tx, {
    kind: AUDIT_KIND[to],
    actorId: input.actor.id,
    subjectType: 'certification',
    subjectId: row.id,
    data: { from, to, ...(reason ? { reason } : {}) },
    at,
  });
  input.afterCommit(() => ctx.identity.invalidateUser(row.userId));
  const outcome = NOTICE[to];
  if (outcome) await notifyApplicant(ctx, tx, input.afterCommit, { userId: row.userId, kind: row.kind, outcome, reason, at });
}

/** Queues the applicant's mail or SMS in the decision's transaction; the outbox delivers it after commit. */
async function notifyApplicant(
  ctx: AppContext,
  tx: Tx,
  afterCommit: AfterCommit,
  n: {
    userId: string;
    kind: CertificationKind;
    outcome: NonNullable<(typeof NOTICE)[CertificationOutcome]>;
    reason: string | null;
    at: Date;
  },
) {
  const [user] = await tx
    .select({ email: users.email, phone: users.phone, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, n.userId));
  if (!user) return;
  const the = { name: user.name, kind: n.kind };
  const notice: NoticeRef =
    n.outcome === 'certification.rejected'
      ? { template: n.outcome, params: { ...the, reason: n.reason ?? '' } }
      : { template: n.outcome, params: the };
  // Written once, in the applicant's saved language (the profile's locale, which the web's language switch sets).
  const { subject, body } = renderRef(notice, user.locale);
  await enqueueToPerson(ctx.outbox, tx, afterCommit, user, { subject, body }, n.at);
}

/**
 * An approved request is the reviewer's word that the applicant works there: they become a member (moved from
 * another organization if need be), and the first approved institution representative becomes its administrator.
 */
async function joinCertifiedOrganization(
  input: { ctx: AppContext; tx: Tx; afterCommit: AfterCommit; actor: Actor; at: Date },
  row: typeof certificationRequests.$inferSelect,
): Promise<void> {
  const { tx, at } = input;
  if (row.title) await setCertifiedTitle(tx, { userId: row.userId, title: row.title, at });
  const from = (await lockMembership(tx, row.userId)) ?? null;
  const kept = from?.organizationId === row.organizationId ? from.role : null;
  // Two institution approvals for one organization at once must not both find it without an administrator: the
  // organization's row lock makes the second wait for the first to commit, then it sees the administrator.
  if (row.kind === 'institution') await lockOrganization(tx, row.organizationId);
  const firstRepresentative = row.kind === 'institution' && !(await hasAdministrator(tx, row.organizationId));
  const role = kept === 'admin' || firstRepresentative ? 'admin' : 'member';
  await changeMembership({
    ctx: input.ctx,
    tx,
    afterCommit: input.afterCommit,
    actorId: input.actor.id,
    userId: row.userId,
    from,
    to: { organizationId: row.organizationId, role },
    via: 'certification',
    at,
  });
}

async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('update');
}
