import { ZAwardAdjustmentInput, ZAwardRulesInput, ZAwardSetActionInput, ZAwardSetView, ZHonourList } from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { requestLocale } from '../../platform/http/errors.ts';
import { assertAwardsAccess } from './awards.policy.ts';
import { awardSetView, exportAwards, honourList, XLSX_TYPE } from './awards-views.ts';
import { adjustAwards, awardSetAction, updateRules } from './awards-write.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
const tags = ['awards'];

/**
 * The awards' HTTP routes (issue 12): the organizer's set (view with abilities, rules, compute / freeze,
 * adjustments, the Excel export) and the public honour list. The writes ask who the caller is before the body is
 * validated (preValidation), so a stranger learns nothing from field errors: NOT_FOUND to anyone but the
 * organizer's manager. The use cases decide again on the locked set row and answer with the set's view.
 */
export async function awardsRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const campaignOf = (request: FastifyRequest) => (request.params as Record<string, string>).campaignId ?? '';
  const manager = async (request: FastifyRequest) => {
    await assertAwardsAccess(ctx.db, requireUser(request), campaignOf(request));
  };
  const view = (request: FastifyRequest) => awardSetView(ctx.db, requireUser(request), campaignOf(request), ctx.clock.now());

  app.get(
    '/api/campaigns/:campaignId/awards',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZAwardSetView } } },
    async (request) => view(request),
  );

  app.put(
    '/api/campaigns/:campaignId/awards/rules',
    {
      preValidation: manager,
      schema: { tags, params: ZCampaignParams, body: ZAwardRulesInput, response: { 200: ZAwardSetView } },
    },
    async (request) => {
      await updateRules({ ctx, actor: requireUser(request), campaignId: request.params.campaignId, body: request.body });
      return view(request);
    },
  );

  app.post(
    '/api/campaigns/:campaignId/awards/actions',
    {
      preValidation: manager,
      schema: { tags, params: ZCampaignParams, body: ZAwardSetActionInput, response: { 200: ZAwardSetView } },
    },
    async (request) => {
      const { action, version } = request.body;
      await awardSetAction({ ctx, actor: requireUser(request), campaignId: request.params.campaignId, action, version });
      return view(request);
    },
  );

  app.post(
    '/api/campaigns/:campaignId/awards/adjustments',
    {
      preValidation: manager,
      schema: { tags, params: ZCampaignParams, body: ZAwardAdjustmentInput, response: { 200: ZAwardSetView } },
    },
    async (request) => {
      await adjustAwards({ ctx, actor: requireUser(request), campaignId: request.params.campaignId, body: request.body });
      return view(request);
    },
  );

  app.get(
    '/api/campaigns/:campaignId/awards/export.xlsx',
    { schema: { tags, params: ZCampaignParams } },
    async (request, reply) => {
      const body = await exportAwards(ctx.db, requireUser(request), request.params.campaignId);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="awards-${request.params.campaignId}.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/api/public/campaigns/:campaignId/honours',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZHonourList } } },
    async (request) => honourList(ctx.db, request.params.campaignId, requestLocale(request)),
  );
}
