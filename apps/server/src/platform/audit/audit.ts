import { createHash } from 'node:crypto';
import type { AuditKind } from '@casearena/contract';
import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { auditEvents, auditHead } from './audit.tables.ts';
import type { CheckpointRef } from './checkpoints.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  kind: AuditKind;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  campaignId?: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** JSON with sorted keys, so the hash does not depend on how jsonb reorders an object. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedFields {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  kind: string;
  subjectType: string;
  subjectId: string;
  campaignId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
}

export function eventHash(e: HashedFields): string {
  const body = canonicalJson({
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    kind: e.kind,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    campaignId: e.campaignId,
    data: e.data,
    prevHash: e.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one event inside the caller's transaction (X-3). Appends are serialized by a row lock on the
 * chain head, which also keeps `seq` gap-free: a rolled-back transaction rolls its event and the head back.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.execute(sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ${GENESIS_HASH}) ON CONFLICT (id) DO NOTHING`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  const prev = head ?? { seq: 0, hash: GENESIS_HASH };
  const event: HashedFields = {
    seq: prev.seq + 1,
    occurredAt: new Date(Math.floor(input.at.getTime())),
    actorId: input.actorId,
    kind: input.kind,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    campaignId: input.campaignId ?? null,
    data: input.data ?? {},
    prevHash: prev.hash,
  };
  const hash = eventHash(event);
  try {
    await tx.insert(auditEvents).values({ ...event, hash });
    await tx.update(auditHead).set({ seq: event.seq, hash }).where(eq(auditHead.id, 1));
  } catch (err) {
    // The database refused the append: a trigger (CA001) or a head that no longer points at the newest event (the
    // next seq is taken). Either means the log was tampered with; the change is refused with it, as a clear 503.
    if (auditRefusal(err)) throw new AppError('AUDIT_UNAVAILABLE');
    throw err;
  }
}

/** The append-only triggers' SQLSTATE (migration 0006), or a duplicate seq; unwrapped from drizzle's error. */
export function auditRefusal(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth += 1) {
    const c = e as { code?: string; constraint?: string; cause?: unknown };
    if (c.code === 'CA001' || (c.code === '23505' && c.constraint === 'audit_events_pkey')) return true;
    e = c.cause;
  }
  return false;
}

export type VerifyProblem =
  | 'hash_mismatch'
  | 'chain_broken'
  | 'missing_event'
  | 'head_mismatch'
  /** The event at a checkpoint's seq exists but carries another hash: the chain was rewritten. */
  | 'checkpoint_mismatch'
  /** The chain ends before a checkpoint's seq: events were deleted (newest ones, or all) and the head rewound. */
  | 'behind_checkpoint';

export type VerifyResult =
  | { ok: true; events: number; checkpoints: number }
  | { ok: false; events: number; brokenAt: number; reason: VerifyProblem; checkpoint?: CheckpointRef };

/**
 * Walks the whole chain in pages and reports the first problem: an event whose hash or link does not hold, a head
 * that is not the last event, or a checkpoint (kept outside the database) that the chain no longer carries.
 */
export async function verifyAudit(
  db: Queryable,
  options: { checkpoints?: readonly CheckpointRef[]; pageSize?: number } = {},
): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? 5000;
  const checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  let nextCheckpoint = 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} >= ${expectedSeq}`)
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, events: count, brokenAt: expectedSeq, reason: 'missing_event' };
      if (row.prevHash !== prevHash) return { ok: false, events: count, brokenAt: row.seq, reason: 'chain_broken' };
      const data = (row.data ?? {}) as Record<string, unknown>;
      if (eventHash({ ...row, data }) !== row.hash) {
        return { ok: false, events: count, brokenAt: row.seq, reason: 'hash_mismatch' };
      }
      for (; checkpoints[nextCheckpoint]?.seq === row.seq; nextCheckpoint += 1) {
        const checkpoint = checkpoints[nextCheckpoint] as CheckpointRef;
        if (checkpoint.hash !== row.hash) {
          return { ok: false, events: count, brokenAt: row.seq, reason: 'checkpoint_mismatch', checkpoint };
        }
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const headSeq = head?.seq ?? 0;
  if (headSeq !== count || (head && head.hash !== prevHash)) {
    return { ok: false, events: count, brokenAt: count + 1, reason: 'head_mismatch' };
  }
  const beyond = checkpoints[nextCheckpoint];
  if (beyond) return { ok: false, events: count, brokenAt: count + 1, reason: 'behind_checkpoint', checkpoint: beyond };
  return { ok: true, events: count, checkpoints: checkpoints.length };
}
