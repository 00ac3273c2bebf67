import type { EntryRefusal, TEntry } from '@casearena/contract';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type AfterCommit, inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type EntryRelation, entryRelation } from './entries.policy.ts';
import { findEntry, lockEntry } from './entries.repo.ts';

/** What a use case that changes one entry is handed: the open transaction and the entry as locked in it. */
export interface EntryWrite {
  ctx: AppContext;
  tx: Tx;
  afterCommit: AfterCommit;
  actor: Actor;
  /** Read in `tx` with its row locked: the policy and the use case check this copy, never one read before. */
  entry: TEntry;
  relation: Exclude<EntryRelation, null>;
}

/**
 * How one entry is changed (issue 8 item 4): opens the transaction, loads the entry there with its row locked,
 * asks the action's policy on that locked row (someone who may not see it gets NOT_FOUND, as for a missing one),
 * runs the use case with it and, after commit, reads the entry back for the answer. A concurrent write of the same
 * entry (a double click, a screener and the applicant at once, the correction sweep) waits for the lock and then
 * sees this one's result, so it is refused by the same rule instead of acting on what was true before.
 */
export async function writeEntry(
  ctx: AppContext,
  actor: Actor,
  entryId: string,
  why: (relation: Exclude<EntryRelation, null>, entry: TEntry) => EntryRefusal | null,
  work: (w: EntryWrite) => Promise<void>,
): Promise<{ entry: TEntry; relation: Exclude<EntryRelation, null> }> {
  const relation = await inTransaction(
    ctx.db,
    async (tx, afterCommit) => {
      const entry = await lockEntry(tx, entryId);
      const relation = entry ? await entryRelation(tx, actor, entry) : null;
      if (!entry || !relation) throw new AppError('NOT_FOUND');
      const refusal = why(relation, entry);
      if (refusal) throw new AppError(refusal);
      await work({ ctx, tx, afterCommit, actor, entry, relation });
      return relation;
    },
    (err) => ctx.log.error({ err }, 'entry write: after-commit effect failed'),
  );
  return { entry: (await findEntry(ctx.db, entryId)) as TEntry, relation };
}
