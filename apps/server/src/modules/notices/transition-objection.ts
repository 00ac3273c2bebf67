import { type AuditKind, OBJECTION_TRANSITIONS, type TObjectionState } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ObjectionRow } from './notices.repo.ts';
import { type ObjectionMessageRow, objections } from './notices.tables.ts';

/** Each edge of OBJECTION_TRANSITIONS: its audit kind (AUDIT_KINDS) and the message it adds to the thread. */
const EDGES = {
  'open>info_requested': { kind: 'objection.info_requested', message: 'info_requested', from: 'organizer' },
  'info_requested>open': { kind: 'objection.answered', message: 'info_given', from: 'objector' },
  'open>upheld': { kind: 'objection.upheld', message: 'upheld', from: 'organizer' },
  'info_requested>upheld': { kind: 'objection.upheld', message: 'upheld', from: 'organizer' },
  'open>dismissed': { kind: 'objection.dismissed', message: 'dismissed', from: 'organizer' },
  'info_requested>dismissed': { kind: 'objection.dismissed', message: 'dismissed', from: 'organizer' },
} as const satisfies Record<string, { kind: AuditKind; message: ObjectionMessageRow['kind']; from: ObjectionMessageRow['from'] }>;

/**
 * The one writer of an objection's state (issue 12 item 2, X-3), inside the caller's transaction (the caller has
 * locked the objection's row and asked the policy). Checks the edge against OBJECTION_TRANSITIONS (WRONG_STATUS
 * otherwise), writes the state by compare-and-set on `from` and `version` (STALE_VERSION when another step came
 * first), adds the step's message (the reason or the answer) to the thread, stamps `closed_at` on upheld and
 * dismissed, and appends `objection.<step>` in the same transaction. Returns the new version.
 */
export async function transitionObjection(input: {
  tx: Tx;
  actor: Actor;
  objection: ObjectionRow;
  to: TObjectionState;
  version: number;
  at: Date;
  text: string;
  data?: Record<string, unknown>;
}): Promise<number> {
  const { tx, objection, to, at } = input;
  const from = objection.state;
  if (!(OBJECTION_TRANSITIONS[from] as readonly TObjectionState[]).includes(to)) throw new AppError('WRONG_STATUS');
  const edge = EDGES[`${from}>${to}` as keyof typeof EDGES];
  const message: ObjectionMessageRow = {
    at: at.toISOString(),
    from: edge.from,
    kind: edge.message,
    text: input.text,
    by: input.actor.id,
  };
  const closed = to === 'upheld' || to === 'dismissed';
  const [row] = await tx
    .update(objections)
    .set({
      state: to,
      messages: sql`${objections.messages} || ${JSON.stringify([message])}::jsonb`,
      version: sql`${objections.version} + 1`,
      updatedAt: at,
      ...(closed ? { closedAt: at } : {}),
    })
    .where(and(eq(objections.id, objection.id), eq(objections.state, from), eq(objections.version, input.version)))
    .returning({ version: objections.version });
  if (!row) {
    const [now] = await tx.select({ state: objections.state }).from(objections).where(eq(objections.id, objection.id));
    throw new AppError(now && now.state === from ? 'STALE_VERSION' : 'WRONG_STATUS');
  }
  await appendAudit(tx, {
    kind: edge.kind,
    actorId: input.actor.id,
    subjectType: 'objection',
    subjectId: objection.id,
    campaignId: objection.campaignId,
    data: { from, to, version: row.version, entryId: objection.entryId, text: input.text, ...input.data },
    at,
  });
  return row.version;
}
