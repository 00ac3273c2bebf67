import type { TCampaign } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCampaign } from './campaigns.repo.ts';
import { campaigns } from './campaigns.tables.ts';
import { transitionCampaign } from './transition-campaign.ts';

/**
 * An organizer's manager publishes or closes a call (the route has checked the manage ability). The campaign's row is
 * loaded and locked in the transaction and its status there is the edge's `from`, so two publishes at once, or a
 * publish and a close, are decided one after the other: the second gets WRONG_STATUS. Publishing runs the publish
 * check in the same transaction (CAMPAIGN_INCOMPLETE). Returns the campaign as it is after commit.
 */
export async function changeCampaignStatus(input: {
  ctx: AppContext;
  actor: Actor;
  id: string;
  to: 'published' | 'closed';
}): Promise<TCampaign> {
  const { ctx } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx, afterCommit) => {
    const [current] = await tx
      .select({ status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.id, input.id))
      .for('update');
    if (!current) throw new AppError('NOT_FOUND');
    await transitionCampaign({ tx, afterCommit, actor: input.actor, id: input.id, from: current.status, to: input.to, at });
  });
  return (await findCampaign(ctx.db, input.id, at)) as TCampaign;
}
