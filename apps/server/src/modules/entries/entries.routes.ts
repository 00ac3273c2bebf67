import { ZCreateEntryInput, ZEntry, ZEntryList, ZSaveEntryInput, ZSubmitEntryInput } from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createEntry } from './create-entry.ts';
import { canEditEntry, canSeeEntry } from './entries.policy.ts';
import { findEntry, listOrganizationEntries } from './entries.repo.ts';
import { saveEntry } from './save-entry.ts';
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
}
