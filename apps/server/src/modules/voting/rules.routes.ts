import { type CampaignStatus, type TVoteRules, ZVoteRules, ZVoteRulesView } from '@casearena/contract';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCampaignAbility, campaignAccess } from '../campaigns/index.ts';
import { updateVoteRules } from './update-vote-rules.ts';
import {
  type CampaignAccess,
  isOrganizerStaff,
  loadVoteRules,
  rulesOrOff,
  voteWindows,
  whyNotEditVoteRules,
} from './vote-rules.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });

/**
 * The campaign's vote rules (issue 9 item 1). GET: everyone for a published or closed campaign (the public pages show
 * the rules and the voting windows), the organizer's people and platform staff for a draft (NOT_FOUND to anyone else,
 * so a stranger cannot tell a draft exists). PUT: the organizer's managers and platform staff, while it is a draft.
 */
export const rulesRoutes: FastifyPluginAsync = async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const accessOf = new WeakMap<FastifyRequest, CampaignAccess>();

  const view = async (campaignId: string, access: CampaignAccess, status: CampaignStatus, rules: TVoteRules | null) => ({
    campaignId,
    rules: rulesOrOff(rules),
    windows: await voteWindows(ctx.db, campaignId),
    abilities: { edit: whyNotEditVoteRules(access, status) ?? (true as const) },
  });

  app.get(
    '/api/campaigns/:campaignId/vote-rules',
    { schema: { tags: ['voting'], params: ZCampaignParams, response: { 200: ZVoteRulesView } } },
    async (request) => {
      const { campaignId } = request.params;
      const { campaign, access } = await campaignAccess(ctx.db, request.user, campaignId);
      if (campaign.status === 'draft' && !isOrganizerStaff(access)) throw new AppError('NOT_FOUND');
      return view(campaignId, access, campaign.status, await loadVoteRules(ctx.db, campaignId));
    },
  );

  app.put(
    '/api/campaigns/:campaignId/vote-rules',
    {
      // Permission before validation: a caller who may not manage learns nothing from field errors.
      preValidation: async (request) => {
        const { campaignId } = request.params as { campaignId: string };
        const { access } = await assertCampaignAbility(ctx.db, request.user, campaignId, 'manage');
        accessOf.set(request, access);
      },
      schema: { tags: ['voting'], params: ZCampaignParams, body: ZVoteRules, response: { 200: ZVoteRulesView } },
    },
    async (request) => {
      const { campaignId } = request.params;
      const access = accessOf.get(request) ?? null;
      const rules = await updateVoteRules({ ctx, actor: requireUser(request), campaignId, access, rules: request.body });
      return view(campaignId, access, 'draft', rules);
    },
  );
};
