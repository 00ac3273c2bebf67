import { ZRoundsInput, ZRoundsView, ZRoundView } from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { changeRoundStatus } from './change-round-status.ts';
import { type JudgingAccess, judgingAccess, whyNotEditRounds, whyNotReadRounds } from './judging.policy.ts';
import { roundsView, roundView } from './rounds.repo.ts';
import { saveRounds } from './save-rounds.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
const ZRoundParams = z.object({ roundId: z.string().uuid() });

/**
 * Judging rounds: dates, scope, score sheet, materials, blind, validated as a set (issue 10 item 2). GET: the
 * organizer's people and the platform (each round with the caller's abilities); PUT (the whole set): managers and
 * the platform; open and close: managers and the platform, a round being NOT_FOUND to anyone outside the organizer.
 */
export async function roundRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const accessOf = new WeakMap<FastifyRequest, JudgingAccess>();

  /** Asks once, before validation: a caller who may not read learns nothing from field errors. */
  const readable = async (request: FastifyRequest, write: boolean) => {
    const { campaignId } = request.params as { campaignId: string };
    const { campaign, access } = await judgingAccess(ctx.db, request.user, campaignId);
    const refusal = whyNotReadRounds(request.user, access, campaign) ?? (write ? whyNotEditRounds(access, campaign) : null);
    if (refusal) throw new AppError(refusal);
    accessOf.set(request, access);
    return campaign;
  };

  app.get(
    '/api/campaigns/:campaignId/judging/rounds',
    { schema: { tags: ['judging'], params: ZCampaignParams, response: { 200: ZRoundsView } } },
    async (request) => {
      const campaign = await readable(request, false);
      return roundsView(ctx.db, request.params.campaignId, accessOf.get(request) ?? null, campaign, ctx.clock.now());
    },
  );

  app.put(
    '/api/campaigns/:campaignId/judging/rounds',
    {
      preValidation: async (request) => {
        await readable(request, true);
      },
      schema: { tags: ['judging'], params: ZCampaignParams, body: ZRoundsInput, response: { 200: ZRoundsView } },
    },
    async (request) => {
      const { campaignId } = request.params;
      const access = accessOf.get(request) ?? null;
      await saveRounds({ ctx, actor: requireUser(request), campaignId, access, rounds: request.body.rounds });
      const { campaign } = await judgingAccess(ctx.db, request.user, campaignId);
      return roundsView(ctx.db, campaignId, access, campaign, ctx.clock.now());
    },
  );

  for (const [verb, to] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `/api/judging/rounds/:roundId/${verb}`,
      { schema: { tags: ['judging'], params: ZRoundParams, response: { 200: ZRoundView } } },
      async (request) => {
        const actor = requireUser(request);
        const { roundId } = request.params;
        const { access, campaign } = await changeRoundStatus({ ctx, actor, roundId, to });
        return roundView(ctx.db, roundId, access, campaign, ctx.clock.now());
      },
    );
  }
}
