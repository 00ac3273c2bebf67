import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { assertHost } from './stage.policy.ts';
import { loadStage, type StageRow } from './stage.repo.ts';

/**
 * A stage the caller hosts, for the host's routes: the row (locked as `loadStage` locks it, when asked), then the
 * host check on its campaign. NOT_FOUND for a stage that does not exist and for anyone but its host alike,
 * UNAUTHENTICATED signed out. Kept out of stage.repo.ts, which the policy reads: the repo does not decide access.
 */
export async function loadHostedStage(
  db: Queryable,
  actor: Actor | null,
  stageId: string,
  lock?: 'update',
): Promise<{ stage: StageRow; host: Actor }> {
  const stage = await loadStage(db, stageId, lock);
  const host = await assertHost(db, actor, stage.campaignId);
  return { stage, host };
}
