import type { TStageScreen } from '@casearena/contract';
import type { Db } from '../../platform/db/client.ts';

/** The public big-screen view of a stage (null: no such stage). Provisional body. */
export async function loadScreen(db: Db, stageId: string, now: Date): Promise<TStageScreen | null> {
  void db;
  void stageId;
  void now;
  return null;
}
