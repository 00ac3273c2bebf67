import { ENTRY_TRANSITIONS, type EntryStatus } from '@casearena/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { SystemActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
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
 * The one writer of an entry's status. Checks every `from` → `to` edge against ENTRY_TRANSITIONS, writes with
 * compare-and-set on the status (and the version when the caller edited from one), and appends the audit event in
 * the caller's transaction. A lost race gives WRONG_STATUS or STALE_VERSION, never a double change.
 */
export async function transitionEntry(
  tx: Tx,
  input: {
    entryId: string;
    campaignId: string;
    from: readonly EntryStatus[];
    to: keyof typeof AUDIT_KIND;
    at: Date;
    version?: number;
    set?: Partial<typeof entries.$inferInsert>;
    data?: Record<string, unknown>;
    /** A more precise audit kind than the default for `to` (e.g. entry.expired for an automatic exclusion). */
    kind?: 'entry.expired';
  } & (
    | { actorId: string; systemActor?: never }
    /** An automatic change: no person acted, the audit event names the job (see platform/audit/system-actor.ts). */
    | { actorId: null; systemActor: SystemActor }
  ),
): Promise<void> {
  for (const from of input.from) {
    if (!(ENTRY_TRANSITIONS[from] as readonly EntryStatus[]).includes(input.to)) throw new AppError('WRONG_STATUS');
  }
  const conditions = [eq(entries.id, input.entryId), inArray(entries.status, [...input.from])];
  if (input.version !== undefined) conditions.push(eq(entries.version, input.version));
  const [row] = await tx
    .update(entries)
    .set({ ...input.set, status: input.to, updatedAt: input.at })
    .where(and(...conditions))
    .returning({ id: entries.id });
  if (!row) {
    const [current] = await tx
      .select({ version: entries.version, status: entries.status })
      .from(entries)
      .where(eq(entries.id, input.entryId));
    if (!current || !input.from.includes(current.status)) throw new AppError('WRONG_STATUS');
    throw new AppError('STALE_VERSION', { current: current.version, yours: input.version ?? 0 });
  }
  // Theme pages show passed entries: an entry leaving or joining them drops the campaign's cached pages.
  if (input.to === 'passed' || input.from.includes('passed')) invalidatePublicEntries(input.campaignId);
  await appendAudit(tx, {
    kind: input.kind ?? AUDIT_KIND[input.to],
    actorId: input.actorId,
    subjectType: 'entry',
    subjectId: input.entryId,
    campaignId: input.campaignId,
    data: { to: input.to, ...input.data, ...(input.systemActor ? { actor: input.systemActor } : {}) },
    at: input.at,
  });
}
