import type { Readable } from 'node:stream';
import {
  ZNoticeActionInput,
  ZNoticeSettingsInput,
  ZObjection,
  ZObjectionActionInput,
  ZObjectionEvidence,
  ZObjectionInput,
  ZObjectionList,
  ZPublicNotice,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { uploadEvidence } from './evidence.ts';
import { fileObjection } from './file-objection.ts';
import { noticeAction } from './notice-actions.ts';
import { noticeView } from './notice-view.ts';
import { assertOrganizer } from './notices.policy.ts';
import { campaignTitle, loadObjection } from './notices.repo.ts';
import { objectionAction } from './objection-action.ts';
import { evidenceDownload, listCampaignObjections, listMyObjections, objectionRole, readObjection } from './objection-views.ts';
import { saveNoticeSettings } from './save-notice-settings.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
const ZObjectionParams = z.object({ objectionId: z.string().uuid() });
const tags = ['notices'];

/**
 * The public notice's HTTP routes (issue 12 item 2; S3-7): the organizer's settings, publish and finalize; the
 * public page; evidence uploads and objections by anyone signed in; the objection's thread for its organizer and its
 * objector. The writes ask who the caller is before the body is validated (preValidation), so a stranger learns
 * nothing from field errors; the use cases decide again on the locked rows.
 */
export async function noticeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const paramOf = (request: FastifyRequest, name: 'campaignId' | 'objectionId') =>
    (request.params as Record<string, string>)[name] ?? '';
  const organizer = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    await campaignTitle(ctx.db, paramOf(request, 'campaignId'));
    await assertOrganizer(ctx.db, actor, paramOf(request, 'campaignId'));
  };
  const signedIn = async (request: FastifyRequest) => {
    requireUser(request);
    await campaignTitle(ctx.db, paramOf(request, 'campaignId'));
  };
  const party = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    await objectionRole(ctx.db, actor, await loadObjection(ctx.db, paramOf(request, 'objectionId')));
  };
  const organizerView = (request: FastifyRequest, campaignId: string) =>
    noticeView(ctx.db, { actor: requireUser(request), campaignId, now: ctx.clock.now(), publicOnly: false });

  app.get(
    '/api/campaigns/:campaignId/notice',
    { preValidation: organizer, schema: { tags, params: ZCampaignParams, response: { 200: ZPublicNotice } } },
    async (request) => organizerView(request, request.params.campaignId),
  );

  app.put(
    '/api/campaigns/:campaignId/notice',
    {
      preValidation: organizer,
      schema: { tags, params: ZCampaignParams, body: ZNoticeSettingsInput, response: { 200: ZPublicNotice } },
    },
    async (request) => {
      const { campaignId } = request.params;
      await saveNoticeSettings({ ctx, actor: requireUser(request), campaignId, body: request.body });
      return organizerView(request, campaignId);
    },
  );

  app.post(
    '/api/campaigns/:campaignId/notice/actions',
    {
      preValidation: organizer,
      schema: { tags, params: ZCampaignParams, body: ZNoticeActionInput, response: { 200: ZPublicNotice } },
    },
    async (request) => {
      const { campaignId } = request.params;
      await noticeAction({ ctx, actor: requireUser(request), campaignId, body: request.body });
      return organizerView(request, campaignId);
    },
  );

  app.get(
    '/api/public/campaigns/:campaignId/notice',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZPublicNotice } } },
    async (request) =>
      noticeView(ctx.db, {
        actor: request.user ?? null,
        campaignId: request.params.campaignId,
        now: ctx.clock.now(),
        publicOnly: true,
      }),
  );

  app.post(
    '/api/public/campaigns/:campaignId/notice/evidence',
    {
      preValidation: signedIn,
      schema: { tags, consumes: ['multipart/form-data'], params: ZCampaignParams, response: { 201: ZObjectionEvidence } },
    },
    async (request, reply) => {
      const file = await uploadEvidence(ctx, requireUser(request), {
        campaignId: request.params.campaignId,
        file: async () => {
          const part = await request.file();
          return part?.type === 'file' ? { filename: part.filename, stream: part.file as Readable } : null;
        },
      });
      return reply.status(201).send(file);
    },
  );

  app.post(
    '/api/public/campaigns/:campaignId/notice/objections',
    {
      preValidation: signedIn,
      schema: { tags, params: ZCampaignParams, body: ZObjectionInput, response: { 201: ZObjection } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const id = await fileObjection({ ctx, actor, campaignId: request.params.campaignId, body: request.body });
      return reply.status(201).send(await readObjection(ctx.db, actor, id));
    },
  );

  app.get(
    '/api/public/campaigns/:campaignId/notice/objections/mine',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZObjectionList } } },
    async (request) => listMyObjections(ctx.db, requireUser(request), request.params.campaignId),
  );

  app.get(
    '/api/campaigns/:campaignId/objections',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZObjectionList } } },
    async (request) => listCampaignObjections(ctx.db, requireUser(request), request.params.campaignId),
  );

  app.get(
    '/api/objections/:objectionId',
    { schema: { tags, params: ZObjectionParams, response: { 200: ZObjection } } },
    async (request) => readObjection(ctx.db, requireUser(request), request.params.objectionId),
  );

  app.post(
    '/api/objections/:objectionId/actions',
    {
      preValidation: party,
      schema: { tags, params: ZObjectionParams, body: ZObjectionActionInput, response: { 200: ZObjection } },
    },
    async (request) => {
      const actor = requireUser(request);
      const { objectionId } = request.params;
      await objectionAction({ ctx, actor, objectionId, body: request.body });
      return readObjection(ctx.db, actor, objectionId);
    },
  );

  app.get(
    '/api/objections/:objectionId/evidence/:evidenceId',
    { schema: { tags, params: ZObjectionParams.extend({ evidenceId: z.string().uuid() }) } },
    async (request, reply) => {
      const { objectionId, evidenceId } = request.params;
      const file = await evidenceDownload(ctx.db, requireUser(request), objectionId, evidenceId);
      return reply
        .type(file.mime)
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(await ctx.storage.open(file.storageKey));
    },
  );
}
