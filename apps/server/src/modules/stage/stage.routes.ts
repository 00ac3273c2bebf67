import {
  ZCreateStageInput,
  ZStageActionInput,
  ZStageHostView,
  ZStageJudgeView,
  ZStageList,
  ZStageResults,
  ZStageScoreAnswer,
  ZStageScoreInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { requestLocale } from '../../platform/http/errors.ts';
import { createStage } from './create-stage.ts';
import { assertHost } from './stage.policy.ts';
import { loadStage } from './stage.repo.ts';
import { stageAction } from './stage-actions.ts';
import { stageJudgeOf, submitStageScore } from './stage-score.ts';
import { hostView, judgeView, listStages, readHostView, resultsView } from './stage-views.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
const ZStageParams = z.object({ stageId: z.string().uuid() });
const tags = ['stage'];

/**
 * The stage's HTTP routes (issue 11): the host's console (create, read, one step at a time), the judges' phones
 * (their view, their scores), the list and the results. The writes ask who the caller is before the body is
 * validated (preValidation), so a stranger learns nothing from field errors: a host route is NOT_FOUND to anyone
 * but the host, the score route NOT_STAGE_JUDGE to anyone but the stage's judges. The use cases decide the state
 * again on the locked stage row.
 */
export async function stageRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  // The path's ids are checked against the route's schema before these hooks (platform/http/input-guards.ts).
  const paramOf = (request: FastifyRequest, name: 'campaignId' | 'stageId') =>
    (request.params as Record<string, string>)[name] ?? '';
  const campaignHost = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    await assertHost(ctx.db, actor, paramOf(request, 'campaignId'));
  };
  const stageHost = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    const stage = await loadStage(ctx.db, paramOf(request, 'stageId'));
    await assertHost(ctx.db, actor, stage.campaignId);
  };
  const stageJudge = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    const stage = await loadStage(ctx.db, paramOf(request, 'stageId'));
    await stageJudgeOf(ctx.db, stage.id, actor);
  };

  app.post(
    '/api/campaigns/:campaignId/stages',
    {
      preValidation: campaignHost,
      schema: { tags, params: ZCampaignParams, body: ZCreateStageInput, response: { 201: ZStageHostView } },
    },
    async (request, reply) => {
      const id = await createStage({
        ctx,
        actor: requireUser(request),
        campaignId: request.params.campaignId,
        body: request.body,
      });
      return reply.status(201).send(await hostView(ctx.db, await loadStage(ctx.db, id), ctx.clock.now()));
    },
  );

  app.get(
    '/api/campaigns/:campaignId/stages',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZStageList } } },
    async (request) => listStages(ctx.db, requireUser(request), request.params.campaignId),
  );

  app.get(
    '/api/stages/:stageId',
    { schema: { tags, params: ZStageParams, response: { 200: ZStageHostView } } },
    async (request) => {
      const actor = requireUser(request);
      return readHostView(ctx.db, actor, request.params.stageId, ctx.clock.now());
    },
  );

  app.post(
    '/api/stages/:stageId/actions',
    {
      preValidation: stageHost,
      schema: { tags, params: ZStageParams, body: ZStageActionInput, response: { 200: ZStageHostView } },
    },
    async (request) => {
      const { stageId } = request.params;
      await stageAction({ ctx, actor: requireUser(request), stageId, body: request.body });
      return hostView(ctx.db, await loadStage(ctx.db, stageId), ctx.clock.now());
    },
  );

  app.get(
    '/api/stages/:stageId/judge',
    { schema: { tags, params: ZStageParams, response: { 200: ZStageJudgeView } } },
    async (request) => {
      const actor = requireUser(request);
      const stage = await loadStage(ctx.db, request.params.stageId);
      return judgeView(ctx.db, stage, await stageJudgeOf(ctx.db, stage.id, actor), ctx.clock.now());
    },
  );

  app.post(
    '/api/stages/:stageId/scores',
    {
      preValidation: stageJudge,
      schema: { tags, params: ZStageParams, body: ZStageScoreInput, response: { 200: ZStageScoreAnswer } },
    },
    async (request) =>
      submitStageScore({ ctx, actor: requireUser(request), stageId: request.params.stageId, body: request.body }),
  );

  app.get(
    '/api/stages/:stageId/results',
    { schema: { tags, params: ZStageParams, response: { 200: ZStageResults } } },
    async (request) => resultsView(ctx.db, request.user ?? null, request.params.stageId, ctx.clock.now(), requestLocale(request)),
  );
}
