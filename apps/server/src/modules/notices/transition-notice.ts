import { type AuditKind, NOTICE_TRANSITIONS, type TNoticeState } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notices } from './notices.tables.ts';

/** Each edge of NOTICE_TRANSITIONS is one audit kind of the contract's AUDIT_KINDS. */
const KIND_OF = {
  'draft>open': 'notice.open',
  'open>ended': 'notice.ended',
  'ended>final': 'notice.final',
} as const satisfies Record<string, AuditKind>;

export type NoticePatch = Partial<Pick<typeof notices.$inferInsert, 'startsAt' | 'endsAt' | 'finalAt'>>;

/**
 * The one writer of a notice's state (issue 12 item 2, X-3), inside the caller's transaction (the caller has locked
 * the notice's row and asked the policy on it). Checks the edge against NOTICE_TRANSITIONS (WRONG_STATUS otherwise),
 * writes the state with the step's columns by compare-and-set on `from` and `version` (a lost race gives
 * WRONG_STATUS or STALE_VERSION, never a double step), raises the version and appends `notice.<to>` in the same
 * transaction. Returns the new version.
 */
export async function transitionNotice(input: {
  tx: Tx;
  actor: WriterActor;
  campaignId: string;
  from: TNoticeState;
  to: TNoticeState;
  version: number;
  at: Date;
  patch?: NoticePatch;
  data?: Record<string, unknown>;
}): Promise<number> {
  const { tx, from, to, at } = input;
  if (!(NOTICE_TRANSITIONS[from] as readonly TNoticeState[]).includes(to)) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(notices)
    .set({ ...input.patch, state: to, version: sql`${notices.version} + 1`, updatedAt: at })
    .where(and(eq(notices.campaignId, input.campaignId), eq(notices.state, from), eq(notices.version, input.version)))
    .returning({ version: notices.version });
  if (!row) {
    const [now] = await tx.select({ state: notices.state }).from(notices).where(eq(notices.campaignId, input.campaignId));
    throw new AppError(now && now.state === from ? 'STALE_VERSION' : 'WRONG_STATUS');
  }
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: KIND_OF[`${from}>${to}` as keyof typeof KIND_OF],
    actorId: who.actorId,
    subjectType: 'notice',
    subjectId: input.campaignId,
    campaignId: input.campaignId,
    data: { from, to, version: row.version, ...input.data, ...who.data },
    at,
  });
  return row.version;
}
