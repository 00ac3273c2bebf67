import {
  type EntryRefusal,
  SCREENING_TABS,
  type TEntry,
  ZBulkPlan,
  ZBulkPlanInput,
  ZCreateEntryInput,
  ZEntryChanges,
  ZEntryList,
  ZEntryVersions,
  ZEntryView,
  ZPublicEntry,
  ZPublicEntryPage,
  ZPublicEntryQuery,
  ZSaveEntryInput,
  ZScreeningInput,
  ZScreeningQueue,
  ZSubmitEntryInput,
  ZWithdrawInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCampaignAbility, formFields } from '../campaigns/index.ts';
import { entryFile, removeAttachment } from './attachment-versions.ts';
import { applyBulk, planBulk } from './bulk-screening.ts';
import { createEntry } from './create-entry.ts';
import {
  type EntryRelation,
  entryAbilities,
  entryRelation,
  type ScopeCache,
  type ScreeningScope,
  screenerRelation,
  screeningScope,
  whyNotEdit,
  whyNotScreenEntry,
  whyNotWithdraw,
} from './entries.policy.ts';
import { findEntry, listOrganizationEntries, screeningQueue } from './entries.repo.ts';
import { changesSinceLastRound, listVersions } from './entry-history.ts';
import { type EntryWrite, writeEntry } from './entry-write.ts';
import { findPublicEntry, publicEntriesJson } from './public-entries.ts';
import { saveEntry } from './save-entry.ts';
import { screenEntry } from './screen-entry.ts';
import { submitEntry } from './submit-entry.ts';
import { uploadRoutes } from './uploads.routes.ts';
import { withdrawEntry } from './withdraw-entry.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

export async function entryRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  // Attachments: tus uploads (POST /api/uploads, then HEAD/PATCH /api/uploads/:id), in their own scope.
  await uploadRoutes(root);

  /** Loads an entry the actor may see; otherwise NOT_FOUND, so a stranger cannot tell it exists. */
  const visible = async (actor: Actor, id: string) => {
    const entry = await findEntry(ctx.db, id);
    const relation = entry ? await entryRelation(ctx.db, actor, entry) : null;
    if (!entry || !relation) throw new AppError('NOT_FOUND');
    return { entry, relation };
  };
  /**
   * A write: the entry is loaded and locked in the write's transaction and the action's policy function
   * (entries.policy.ts) is asked on that row (writeEntry, issue 8 item 4); the use case runs with it. Submission asks
   * whyNotEdit here and its time rule in submitEntry, screening the whole rule again in screenEntry.
   */
  const write = async (
    actor: Actor,
    id: string,
    work: (w: EntryWrite) => Promise<void>,
    why: (relation: EntryRelation, entry: TEntry) => EntryRefusal | null = whyNotEdit,
  ) => {
    const { entry, relation } = await writeEntry(ctx, actor, id, why, work);
    return view(actor, entry, relation);
  };
  /** An entry as the caller gets it back: with the caller's abilities, from the same policy functions. */
  const view = async (actor: Actor, entry: TEntry, relation: EntryRelation) => ({
    ...entry,
    abilities: await entryAbilities(ctx.db, actor, entry, relation, ctx.clock.now()),
  });
  /**
   * Screening asks whyNotScreenEntry once, before the body is validated (a caller who may not screen learns nothing
   * from field errors); the handler takes the entry it loaded. Those who cannot see the entry learn nothing
   * (NOT_FOUND); a screener whose organization entered it is RECUSED; its other applicants are FORBIDDEN.
   */
  const screening = new WeakMap<FastifyRequest, { actor: Actor; entry: TEntry }>();
  const screenerOfEntry = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    const entry = await findEntry(ctx.db, (request.params as { id: string }).id);
    const relation = entry ? await entryRelation(ctx.db, actor, entry) : null;
    if (!entry || !relation) throw new AppError('NOT_FOUND');
    const scope = await screeningScope(ctx.db, actor, entry.campaignId);
    const refusal = whyNotScreenEntry(actor, relation, entry, scope.phases, ctx.clock.now(), scope.screens);
    if (refusal) throw new AppError(refusal);
    screening.set(request, { actor, entry });
  };
  const screenerOfCampaign = async (request: FastifyRequest) =>
    assertCampaignAbility(ctx.db, request.user, (request.params as { id: string }).id, 'screen');

  app.post(
    '/api/campaigns/:id/entries',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZCreateEntryInput, response: { 201: ZEntryView } } },
    async (request, reply) => {
      const actor = requireUser(request);
      return reply.status(201).send(await view(actor, await createEntry(ctx, actor, request.params.id, request.body), 'owner'));
    },
  );

  app.get('/api/entries/mine', { schema: { tags: ['entries'], response: { 200: ZEntryList } } }, async (request) => {
    const actor = requireUser(request);
    const items = actor.organizationId ? await listOrganizationEntries(ctx.db, actor.organizationId) : [];
    const now = ctx.clock.now();
    const scopes: ScopeCache = new Map();
    return {
      items: await Promise.all(
        items.map(async (e) => ({ ...e, abilities: await entryAbilities(ctx.db, actor, e, 'owner', now, scopes) })),
      ),
    };
  });

  app.get(
    '/api/entries/:id',
    { schema: { tags: ['entries'], params: ZIdParams, response: { 200: ZEntryView } } },
    async (request) => {
      const actor = requireUser(request);
      const { entry, relation } = await visible(actor, request.params.id);
      return view(actor, entry, relation);
    },
  );

  app.patch(
    '/api/entries/:id',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZSaveEntryInput, response: { 200: ZEntryView } } },
    async (request) => {
      const actor = requireUser(request);
      return write(actor, request.params.id, (w) => saveEntry({ ...w, input: request.body }));
    },
  );

  app.post(
    '/api/entries/:id/submit',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZSubmitEntryInput, response: { 200: ZEntryView } } },
    async (request) => {
      const actor = requireUser(request);
      return write(actor, request.params.id, (w) => submitEntry({ ...w, version: request.body.version }));
    },
  );

  app.post(
    '/api/entries/:id/withdraw',
    { schema: { tags: ['entries'], params: ZIdParams, body: ZWithdrawInput, response: { 200: ZEntryView } } },
    async (request) => {
      const actor = requireUser(request);
      return write(actor, request.params.id, (w) => withdrawEntry({ ...w, reason: request.body.reason }), whyNotWithdraw);
    },
  );

  app.get(
    '/api/entries/:id/versions',
    { schema: { tags: ['entries'], params: ZIdParams, response: { 200: ZEntryVersions } } },
    async (request) => listVersions(ctx.db, (await visible(requireUser(request), request.params.id)).entry.id),
  );

  app.get(
    '/api/entries/:id/changes',
    { schema: { tags: ['entries'], params: ZIdParams, response: { 200: ZEntryChanges } } },
    async (request) => {
      const { entry } = await visible(requireUser(request), request.params.id);
      return changesSinceLastRound(ctx.db, entry, await formFields(ctx.db, entry.campaignId, entry.formVersion));
    },
  );

  app.delete(
    '/api/entries/:id/attachments/:slot',
    {
      schema: {
        tags: ['entries'],
        params: z.object({ id: z.string().uuid(), slot: z.string().max(40) }),
        response: { 200: ZEntryView },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      return write(actor, request.params.id, (w) => removeAttachment({ ...w, slot: request.params.slot }));
    },
  );

  // Any file the entry has or had (X-6: replaced and removed files stay reachable from its history).
  app.get('/api/files/:id', { schema: { tags: ['entries'], params: ZIdParams } }, async (request, reply) => {
    const actor = requireUser(request);
    const row = await entryFile(ctx.db, request.params.id);
    if (!row) throw new AppError('NOT_FOUND');
    await visible(actor, row.entryId);
    return reply
      .type(row.file.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file.name)}`)
      .send(await ctx.storage.open(row.file.storageKey));
  });

  // Screening (S0-8): the organizer's screeners and managers, and platform staff.
  app.get(
    '/api/campaigns/:id/screening-queue',
    {
      preValidation: screenerOfCampaign,
      schema: {
        tags: ['entries'],
        params: ZIdParams,
        querystring: z.object({
          themeId: z.string().uuid().optional(),
          q: z.string().trim().max(100).optional(),
          tab: z.enum(SCREENING_TABS).default('pending'),
        }),
        response: { 200: ZScreeningQueue },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const now = ctx.clock.now();
      const { items, counts } = await screeningQueue(ctx.db, request.params.id, request.query, now);
      // The hook checked the screen ability on the campaign; each item's ability is the single decision's rule.
      const scope: ScreeningScope = await screeningScope(ctx.db, actor, request.params.id);
      return {
        counts,
        items: items.map((e) => {
          const refusal = whyNotScreenEntry(actor, screenerRelation(actor, e), e, scope.phases, now, scope.screens);
          return {
            ...e,
            dueAt: e.dueAt?.toISOString() ?? null,
            overdue: e.status === 'submitted' && e.dueAt !== null && e.dueAt < now,
            abilities: { screen: refusal ?? (true as const) },
          };
        }),
      };
    },
  );

  app.post(
    '/api/entries/:id/screening',
    // Permission before validation: a caller who may not screen learns nothing from field errors.
    {
      preValidation: screenerOfEntry,
      schema: { tags: ['entries'], params: ZIdParams, body: ZScreeningInput, response: { 200: ZEntryView } },
    },
    async (request) => {
      const { actor } = screening.get(request) as { actor: Actor; entry: TEntry };
      return write(
        actor,
        request.params.id,
        (w) => screenEntry({ ...w, input: request.body }),
        () => null,
      );
    },
  );

  app.post(
    '/api/campaigns/:id/bulk-plans',
    {
      preValidation: screenerOfCampaign,
      schema: { tags: ['entries'], params: ZIdParams, body: ZBulkPlanInput, response: { 201: ZBulkPlan } },
    },
    async (request, reply) => reply.status(201).send(await planBulk(ctx, requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/bulk-plans/:id/apply',
    { schema: { tags: ['entries'], params: ZIdParams, response: { 200: ZBulkPlan } } },
    async (request) => applyBulk({ ctx, actor: requireUser(request), planId: request.params.id }),
  );

  // Public pages (S0-8): passed entries only.
  app.get(
    '/api/campaigns/:id/entries',
    { schema: { tags: ['entries'], params: ZIdParams, querystring: ZPublicEntryQuery, response: { 200: ZPublicEntryPage } } },
    async (request, reply) => {
      // Already-checked JSON text from the page cache: sent as it is, not serialized again.
      const json = await publicEntriesJson(ctx.db, request.params.id, request.query);
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=5')
        .serializer((payload: unknown) => payload as string)
        .send(json as never);
    },
  );

  app.get(
    '/api/public/entries/:id',
    { schema: { tags: ['entries'], params: ZIdParams, response: { 200: ZPublicEntry } } },
    async (request) => {
      const entry = await findPublicEntry(ctx.db, request.params.id);
      if (!entry) throw new AppError('NOT_FOUND');
      return entry;
    },
  );
}
