import {
  fieldMessage,
  type TCampaign,
  ZAddOrganizerMemberInput,
  ZCampaignList,
  ZCampaignTemplates,
  ZCampaignView,
  ZCreateCampaignInput,
  ZForm,
  ZFormDefinition,
  ZOrganizerMembers,
  ZPublishCheck,
  ZQueryInt32,
  ZUpdateCampaignInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError, requestLocale } from '../../platform/http/errors.ts';
import { platformAbilities } from '../accounts/index.ts';
import { addDownload, findDownload, removeDownload } from './campaign-downloads.ts';
import { findForm, saveForm } from './campaign-forms.ts';
import {
  assertCampaignAbility,
  campaignAbilities,
  campaignAccess,
  canSeeCampaign,
  organizersToCreateFor,
} from './campaigns.policy.ts';
import { findCampaign, listPublicCampaigns, listWorkCampaigns } from './campaigns.repo.ts';
import { changeCampaignStatus } from './change-campaign-status.ts';
import { createCampaign } from './create-campaign.ts';
import { addOrganizerMember, assertManagesOrganizer, listOrganizerMembers, removeOrganizerMember } from './organizer-members.ts';
import { templateChoices } from './templates.ts';
import { publishCheck } from './transition-campaign.ts';
import { updateCampaign } from './update-campaign.ts';

const ZIdParams = z.object({ id: z.string().uuid() });
const ZMemberParams = z.object({ id: z.string().uuid(), userId: z.string().uuid() });

export async function campaignRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  // Permission before validation: a caller who may not manage learns nothing from field errors.
  const managers = async (request: FastifyRequest) =>
    void (await assertCampaignAbility(ctx.db, request.user, (request.params as { id: string }).id, 'manage'));
  /** A campaign as the caller gets it back: with the caller's abilities from the policy functions (issue 8 item 3). */
  const view = async (actor: Actor | null, c: TCampaign) => {
    const { access } = await campaignAccess(ctx.db, actor, c.id);
    return { ...c, abilities: campaignAbilities(access, c) };
  };

  app.get('/api/campaigns', { schema: { tags: ['campaigns'], response: { 200: ZCampaignList } } }, async () => ({
    items: await listPublicCampaigns(ctx.db, ctx.clock.now()),
  }));

  app.get('/api/campaigns/mine', { schema: { tags: ['campaigns'], response: { 200: ZCampaignList } } }, async (request) => {
    const actor = requireUser(request);
    return { items: await listWorkCampaigns(ctx.db, ctx.clock.now(), actor.id, platformAbilities.manageCampaigns(actor)) };
  });

  app.get(
    '/api/campaigns/:id',
    { schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZCampaignView } } },
    async (request) => {
      const { campaign, access } = await campaignAccess(ctx.db, request.user, request.params.id);
      if (!canSeeCampaign(access, campaign.status)) throw new AppError('NOT_FOUND');
      const found = (await findCampaign(ctx.db, request.params.id, ctx.clock.now())) as TCampaign;
      return { ...found, abilities: campaignAbilities(access, found) };
    },
  );

  app.post(
    '/api/campaigns',
    { schema: { tags: ['campaigns'], body: ZCreateCampaignInput, response: { 201: ZCampaignView } } },
    async (request, reply) => {
      const actor = requireUser(request);
      return reply.status(201).send(await view(actor, await createCampaign(ctx, actor, request.body)));
    },
  );

  app.patch(
    '/api/campaigns/:id',
    {
      preValidation: managers,
      schema: { tags: ['campaigns'], params: ZIdParams, body: ZUpdateCampaignInput, response: { 200: ZCampaignView } },
    },
    async (request) => {
      const actor = requireUser(request);
      return view(actor, await updateCampaign(ctx, actor, request.params.id, request.body));
    },
  );

  app.get(
    '/api/campaigns/:id/form',
    {
      schema: {
        tags: ['campaigns'],
        params: ZIdParams,
        querystring: z.object({ version: ZQueryInt32.min(1).optional() }),
        response: { 200: ZForm },
      },
    },
    async (request) => {
      const { campaign, access } = await campaignAccess(ctx.db, request.user, request.params.id);
      if (!canSeeCampaign(access, campaign.status)) throw new AppError('NOT_FOUND');
      const form = await findForm(ctx.db, request.params.id, request.query.version);
      if (!form) throw new AppError('NOT_FOUND');
      return form;
    },
  );

  app.put(
    '/api/campaigns/:id/form',
    {
      preValidation: managers,
      schema: { tags: ['campaigns'], params: ZIdParams, body: ZFormDefinition, response: { 200: ZForm } },
    },
    async (request) => saveForm(ctx, requireUser(request), request.params.id, request.body),
  );

  // Issue 8 item 12: the template choice, and whether this caller may start a call at all (the web's button).
  app.get(
    '/api/campaign-templates',
    { schema: { tags: ['campaigns'], response: { 200: ZCampaignTemplates } } },
    async (request) => {
      const organizers = await organizersToCreateFor(ctx.db, requireUser(request));
      return { items: templateChoices(ctx.clock.now()), organizers, abilities: { createCampaign: organizers.length > 0 } };
    },
  );

  // Issue 8 item 5: what publishing would refuse (problems) or only warn about, before the organizer tries.
  app.get(
    '/api/campaigns/:id/publish-check',
    { preValidation: managers, schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZPublishCheck } } },
    async (request) => {
      const locale = requestLocale(request);
      const { problems, warnings } = await publishCheck(ctx.db, request.params.id, ctx.clock.now());
      const say = (f: (typeof problems)[number]) => ({ ...f, message: fieldMessage(f.code, locale, f.params) });
      return { problems: problems.map(say), warnings: warnings.map(say) };
    },
  );

  for (const [action, to] of [
    ['publish', 'published'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `/api/campaigns/:id/${action}`,
      { preValidation: managers, schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZCampaignView } } },
      async (request) => {
        const actor = requireUser(request);
        return view(actor, await changeCampaignStatus({ ctx, actor, id: request.params.id, to }));
      },
    );
  }

  // Downloadable templates (the PPT template …): managers upload, everyone who sees the campaign downloads.
  app.post(
    '/api/campaigns/:id/downloads',
    {
      preValidation: managers,
      schema: {
        tags: ['campaigns'],
        params: ZIdParams,
        querystring: z.object({ label: z.string().trim().max(60).default('') }),
        response: { 201: ZCampaignView },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      await addDownload(ctx, actor, request.params.id, request.query.label, await request.file());
      return reply
        .status(201)
        .send(await view(actor, (await findCampaign(ctx.db, request.params.id, ctx.clock.now())) as TCampaign));
    },
  );
  app.delete(
    '/api/campaigns/:id/downloads/:fileId',
    {
      preValidation: managers,
      schema: {
        tags: ['campaigns'],
        params: z.object({ id: z.string().uuid(), fileId: z.string().uuid() }),
        response: { 200: ZCampaignView },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      await removeDownload(ctx, actor, request.params.id, request.params.fileId);
      return view(actor, (await findCampaign(ctx.db, request.params.id, ctx.clock.now())) as TCampaign);
    },
  );
  app.get(
    '/api/campaigns/:id/downloads/:fileId',
    { schema: { tags: ['campaigns'], params: z.object({ id: z.string().uuid(), fileId: z.string().uuid() }) } },
    async (request, reply) => {
      const { campaign, access } = await campaignAccess(ctx.db, request.user, request.params.id);
      if (!canSeeCampaign(access, campaign.status)) throw new AppError('NOT_FOUND');
      const file = await findDownload(ctx, request.params.id, request.params.fileId);
      if (!file) throw new AppError('NOT_FOUND');
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(await ctx.storage.open(file.storageKey));
    },
  );

  // An organizer's own people (managers, screeners).
  app.get(
    '/api/organizations/:id/organizer-members',
    { schema: { tags: ['campaigns'], params: ZIdParams, response: { 200: ZOrganizerMembers } } },
    async (request) => {
      await assertManagesOrganizer(ctx, request.user, request.params.id);
      return listOrganizerMembers(ctx, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/organizer-members',
    {
      preValidation: async (request) =>
        void (await assertManagesOrganizer(ctx, request.user, (request.params as { id: string }).id)),
      schema: { tags: ['campaigns'], params: ZIdParams, body: ZAddOrganizerMemberInput, response: { 200: ZOrganizerMembers } },
    },
    async (request) => addOrganizerMember(ctx, requireUser(request), request.params.id, request.body),
  );
  app.delete(
    '/api/organizations/:id/organizer-members/:userId',
    { schema: { tags: ['campaigns'], params: ZMemberParams, response: { 200: ZOrganizerMembers } } },
    async (request) => {
      const actor = await assertManagesOrganizer(ctx, request.user, request.params.id);
      return removeOrganizerMember(ctx, actor, request.params.id, request.params.userId);
    },
  );
}
