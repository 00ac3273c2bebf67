import { eq } from 'drizzle-orm';
import type { WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { type assignments, scoreSheets } from './judging.tables.ts';
import { transitionAssignment } from './transition-assignment.ts';
import { transitionSheet } from './transition-sheet.ts';

type Row = typeof assignments.$inferSelect;

/**
 * A removed assignment made again (by hand or by a plan's item), in the caller's transaction with the round locked:
 * the assignment goes removed -> assigned through transitionAssignment, and a sheet the judge had abstained on goes
 * abstained -> draft through transitionSheet (locked first, audited as `judging.sheet_reopened` with the reason given),
 * so the judge can score the entry again with what they had typed. A sheet in any other state stays as it is.
 */
export async function restoreAssignment(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  assignment: Pick<Row, 'id' | 'roundId' | 'entryId' | 'judgeId'>;
  campaignId: string;
  at: Date;
  planId?: string;
  data?: Record<string, unknown>;
}): Promise<Row> {
  const { tx, afterCommit, actor, campaignId, at } = input;
  const row = await transitionAssignment({ ...input, from: 'removed', to: 'assigned' });
  const [sheet] = await tx.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, row.id)).for('update');
  if (sheet?.status === 'abstained') {
    await transitionSheet({
      tx,
      afterCommit,
      actor,
      sheet,
      campaignId,
      from: 'abstained',
      to: 'draft',
      version: sheet.version,
      at,
    });
  }
  return row;
}
