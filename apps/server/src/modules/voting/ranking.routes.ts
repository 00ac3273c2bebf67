import { ZLeaderboard, ZPopularity, ZQueryInt32, ZVoteCard } from '@casearena/contract';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCampaignAbility } from '../campaigns/index.ts';
import { leaderboard } from './leaderboard.ts';
import { popularityOf } from './popularity-model.ts';
import { voteCard } from './vote-card.ts';

const ZEntryParams = z.object({ entryId: z.string().uuid() });
const ZThemeParams = z.object({ campaignId: z.string().uuid(), themeId: z.string().uuid() });
const ZPageQuery = z.object({
  limit: ZQueryInt32.min(1).max(200).default(50),
  offset: ZQueryInt32.min(0).max(100_000).default(0),
});

/**
 * Vote cards, leaderboards and the popularity ranking (issue 9 items 4 and 6). The card and the leaderboard are
 * public (NOT_FOUND for a draft campaign, an unknown id, an entry that is not passed); the popularity ranking is for
 * the organizer's people and platform staff (the `screen` ability: managers and screeners).
 */
export const rankingRoutes: FastifyPluginAsync = async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  app.get(
    '/api/entries/:entryId/vote-card',
    { schema: { tags: ['voting'], params: ZEntryParams, response: { 200: ZVoteCard } } },
    async (request) => voteCard(ctx, request.user, request.params.entryId),
  );

  app.get(
    '/api/campaigns/:campaignId/themes/:themeId/leaderboard',
    { schema: { tags: ['voting'], params: ZThemeParams, querystring: ZPageQuery, response: { 200: ZLeaderboard } } },
    async (request) => leaderboard(ctx, request.user, request.params.campaignId, request.params.themeId, request.query),
  );

  app.get(
    '/api/campaigns/:campaignId/popularity',
    {
      preValidation: async (request) =>
        void (await assertCampaignAbility(ctx.db, request.user, (request.params as { campaignId: string }).campaignId, 'screen')),
      schema: { tags: ['voting'], params: z.object({ campaignId: z.string().uuid() }), response: { 200: ZPopularity } },
    },
    async (request) => popularityOf(ctx, request.params.campaignId),
  );
};
