import { ZCampaign, ZCampaignList, ZCreateCampaignInput } from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCampaigns, canSeeCampaign } from './campaigns.policy.ts';
import { findCampaign, listPublicCampaigns } from './campaigns.repo.ts';
import { createCampaign } from './create-campaign.ts';
import { transitionCampaign } from './transition-campaign.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

export async function campaignRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const managersOnly = async (request: FastifyRequest) => void assertCanManageCampaigns(request.user);

  app.get('/api/campaigns', { schema: { tags: ['campaigns'], response: { 200: ZCampaignList } } }, async () => ({
    items: await listPublicCampaigns(ctx.db, ctx.clock.now()),
  }));

  app.get(
    '/api/campaigns/:id',
    { schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZCampaign } } },
    async (request) => {
      const campaign = await findCampaign(ctx.db, request.params.id, ctx.clock.now());
      if (!campaign || !canSeeCampaign(request.user, campaign.status)) throw new AppError('NOT_FOUND');
      return campaign;
    },
  );

  app.post(
    '/api/campaigns',
    { preValidation: managersOnly, schema: { tags: ['campaigns'], body: ZCreateCampaignInput, response: { 201: ZCampaign } } },
    async (request, reply) =>
      reply.status(201).send(await createCampaign(ctx, assertCanManageCampaigns(request.user), request.body)),
  );

  app.post(
    '/api/campaigns/:id/publish',
    { preValidation: managersOnly, schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZCampaign } } },
    async (request) =>
      transitionCampaign(ctx, {
        actor: assertCanManageCampaigns(request.user),
        id: request.params.id,
        from: 'draft',
        to: 'published',
      }),
  );

  app.post(
    '/api/campaigns/:id/close',
    { preValidation: managersOnly, schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZCampaign } } },
    async (request) =>
      transitionCampaign(ctx, {
        actor: assertCanManageCampaigns(request.user),
        id: request.params.id,
        from: 'published',
        to: 'closed',
      }),
  );
}
