import { ENTRY_TRANSITIONS, type EntryStatus } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { entries } from './entries.tables.ts';
import { invalidatePublicEntries } from './public-cache.ts';

const AUDIT_KIND = {
  submitted: 'entry.submitted',
  passed: 'entry.passed',
  returned: 'entry.returned',
  excluded: 'entry.excluded',
  withdrawn: 'entry.withdrawn',
} as const;

/**
 * The one writer of an entry's status, inside the caller's transaction (the caller has loaded and locked the row).
 * Checks every `from` → `to` edge against ENTRY_TRANSITIONS, writes with compare-and-set on the status (and the
 * version when the caller edited from one), and appends the audit event in the same transaction; a job's change
 * (`actor: 'system:…'`) is audited with no person and the job's name. A lost race gives WRONG_STATUS or
 * STALE_VERSION, never a double change. The theme pages' cache is dropped after commit.
 */
export async function transitionEntry(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  entryId: string;
  campaignId: string;
  from: readonly EntryStatus[];
  to: keyof typeof AUDIT_KIND;
  at: Date;
  version?: number | undefined;
  set?: Partial<typeof entries.$inferInsert>;
  data?: Record<string, unknown>;
  /** A more precise audit kind than the default for `to` (e.g. entry.expired for an automatic exclusion). */
  kind?: 'entry.expired';
}): Promise<void> {
  const { tx, from, to, at } = input;
  for (const f of from) {
    if (!(ENTRY_TRANSITIONS[f] as readonly EntryStatus[]).includes(to)) throw new AppError('WRONG_STATUS');
  }
  const conditions = [eq(entries.id, input.entryId), inArray(entries.status, [...from])];
  if (input.version !== undefined) conditions.push(eq(entries.version, input.version));
  const [row] = await tx
    .update(entries)
    .set({ ...input.set, status: to, updatedAt: at })
    .where(and(...conditions))
    .returning({ id: entries.id });
  if (!row) {
    const [current] = await tx
      .select({ version: entries.version, status: entries.status })
      .from(entries)
      .where(eq(entries.id, input.entryId));
    if (!current || !from.includes(current.status)) throw new AppError('WRONG_STATUS');
    throw new AppError('STALE_VERSION', { current: current.version, yours: input.version ?? 0 });
  }
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: input.kind ?? AUDIT_KIND[to],
    actorId: who.actorId,
    subjectType: 'entry',
    subjectId: input.entryId,
    campaignId: input.campaignId,
    data: { to, ...input.data, ...who.data },
    at,
  });
  // Theme pages show passed entries: an entry leaving or joining them drops the campaign's cached pages, once the
  // change is visible (a rolled-back decision drops nothing, and no reader refills the cache with the old rows).
  if (to === 'passed' || from.includes('passed')) input.afterCommit(() => invalidatePublicEntries(input.campaignId));
}
