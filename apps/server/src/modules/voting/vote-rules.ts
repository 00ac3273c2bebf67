import { DEFAULT_VOTE_RULES, SEED_000_TEMPLATE, type TVoteRules } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { campaigns } from '../campaigns/index.ts';
import { voteRules } from './voting.tables.ts';

/**
 * A campaign's vote rules: the organizer's saved row, else the template's (seed 000 carries S0-14's weights), else
 * null (the campaign has no public voting).
 */
export async function loadVoteRules(db: Queryable, campaignId: string): Promise<TVoteRules | null> {
  const [row] = await db
    .select({ rules: voteRules.rules, templateKey: campaigns.templateKey })
    .from(campaigns)
    .leftJoin(voteRules, eq(voteRules.campaignId, campaigns.id))
    .where(eq(campaigns.id, campaignId));
  if (!row) return null;
  if (row.rules) return row.rules;
  return row.templateKey === SEED_000_TEMPLATE.key ? DEFAULT_VOTE_RULES : null;
}
