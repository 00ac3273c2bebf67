import {
  ZCreateEntryInput,
  ZEntry,
  ZEntryList,
  ZPublicEntryPage,
  ZPublicEntryQuery,
  ZSaveEntryInput,
  ZScreeningInput,
  ZScreeningQueue,
  ZSubmitEntryInput,
} from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCampaigns } from '../campaigns/campaigns.policy.ts';
import { createEntry } from './create-entry.ts';
import { canEditEntry, canSeeEntry } from './entries.policy.ts';
import { findEntry, listOrganizationEntries, screeningQueue } from './entries.repo.ts';
import { listPublicEntries } from './public-entries.ts';
import { saveEntry } from './save-entry.ts';
import { screenEntry } from './screen-entry.ts';
import { submitEntry } from './submit-entry.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

export async function entryRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  /** Loads an entry the actor may see; otherwise NOT_FOUND, so a stranger cannot tell it exists. */
  const visible = async (actor: Actor, id: string) => {
    const entry = await findEntry(ctx.db, id);
    if (!entry || !canSeeEntry(actor, entry)) throw new AppError('NOT_FOUND');
    return entry;
  };
  const editable = async (actor: Actor, id: string) => {
    const entry = await visible(actor, id);
    if (!canEditEntry(actor, entry)) throw new AppError('FORBIDDEN');
    return entry;
  };

  app.post(
    '/api/campaigns/:id/entries',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZCreateEntryInput, response: { 201: ZEntry } } },
    async (request, reply) =>
      reply.status(201).send(await createEntry(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.get('/api/entries/mine', { schema: { tags: ['entries'], response: { 200: ZEntryList } } }, async (request) => {
    const actor = requireUser(request);
    return { items: actor.organizationId ? await listOrganizationEntries(ctx.db, actor.organizationId) : [] };
  });

  app.get('/api/entries/:id', { schema: { tags: ['entries'], params: ZIdParams, response: { 200: ZEntry } } }, async (request) =>
    visible(requireUser(request), request.params.id),
  );

  app.patch(
    '/api/entries/:id',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZSaveEntryInput, response: { 200: ZEntry } } },
    async (request) => {
      const actor = requireUser(request);
      return saveEntry(ctx, actor, await editable(actor, request.params.id), request.body);
    },
  );

  app.post(
    '/api/entries/:id/submit',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZSubmitEntryInput, response: { 200: ZEntry } } },
    async (request) => {
      const actor = requireUser(request);
      return submitEntry(ctx, actor, await editable(actor, request.params.id), request.body);
    },
  );

  // Screening (S0-8): platform staff for now; organizers' own screeners come with organizer staff (issue 3).
  app.get(
    '/api/campaigns/:id/screening-queue',
    {
      schema: {
        tags: ['entries'],
        params: ZIdParams,
        querystring: z.object({ themeId: z.string().uuid().optional() }),
        response: { 200: ZScreeningQueue },
      },
    },
    async (request) => {
      assertCanManageCampaigns(request.user);
      const now = ctx.clock.now();
      const items = await screeningQueue(ctx.db, request.params.id, request.query.themeId);
      return {
        items: items.map((e) => ({ ...e, dueAt: e.dueAt?.toISOString() ?? null, overdue: e.dueAt !== null && e.dueAt < now })),
      };
    },
  );

  app.post(
    '/api/entries/:id/screening',
    {
      // Permission before validation: a caller who may not screen learns nothing from field errors.
      preValidation: async (request) => void assertCanManageCampaigns(request.user),
      schema: { tags: ['entries'], params: ZIdParams, body: ZScreeningInput, response: { 200: ZEntry } },
    },
    async (request) => {
      const actor = assertCanManageCampaigns(request.user);
      return screenEntry(ctx, actor, await visible(actor, request.params.id), request.body);
    },
  );

  app.get(
    '/api/campaigns/:id/entries',
    { schema: { tags: ['entries'], params: ZIdParams, querystring: ZPublicEntryQuery, response: { 200: ZPublicEntryPage } } },
    async (request) => listPublicEntries(ctx.db, request.params.id, request.query),
  );
}
