import {
  type TCertification,
  ZCertificationList,
  ZCertificationPage,
  ZCertificationQuery,
  ZCertificationView,
  ZRejectInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { certificationFile, listCertificationQueue, listMyCertifications } from './certifications.repo.ts';
import { decideCertification } from './decide-certification.ts';
import { assertCanReviewCertifications, canSeeCertification, certificationAbilities } from './orgs.policy.ts';
import { requestCertificationFromForm } from './request-certification.ts';
import { withdrawCertification } from './withdraw-certification.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

export async function certificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  // Permission before validation, asked once: a caller who may not review learns nothing from field errors. The
  // status is checked by the writer in the transaction (WRONG_STATUS), as `abilities.decide` reports it.
  const reviewersOnly = async (request: FastifyRequest) => void assertCanReviewCertifications(request.user);
  /** A request as the caller gets it back: with the caller's abilities (issue 8 item 3). */
  const view = (actor: Actor, c: TCertification) => ({ ...c, abilities: certificationAbilities(actor, c) });

  app.post(
    '/api/certifications',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: { tags: ['orgs'], consumes: ['multipart/form-data'], response: { 201: ZCertificationView } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const parts = request.isMultipart() ? request.parts() : null;
      return reply.status(201).send(view(actor, await requestCertificationFromForm(ctx, { actor, parts })));
    },
  );

  app.get('/api/certifications/mine', { schema: { tags: ['orgs'], response: { 200: ZCertificationList } } }, async (request) => {
    const actor = requireUser(request);
    return { items: (await listMyCertifications(ctx.db, actor.id)).map((c) => view(actor, c)) };
  });

  app.post(
    '/api/certifications/:id/withdraw',
    { schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZCertificationView } } },
    async (request) => {
      const actor = requireUser(request);
      return view(actor, await withdrawCertification(ctx, { actor, id: request.params.id }));
    },
  );

  app.get('/api/certifications/:id/file', { schema: { tags: ['orgs'], params: ZIdParams } }, async (request, reply) => {
    const actor = requireUser(request);
    const row = await certificationFile(ctx.db, request.params.id);
    if (!row || !canSeeCertification(actor, row.ownerId)) throw new AppError('NOT_FOUND');
    return reply
      .type(row.file.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file.name)}`)
      .send(await ctx.storage.open(row.file.storageKey));
  });

  app.get(
    '/api/admin/certifications',
    {
      preValidation: reviewersOnly,
      schema: { tags: ['orgs'], querystring: ZCertificationQuery, response: { 200: ZCertificationPage } },
    },
    async (request) => {
      const actor = requireUser(request);
      const page = await listCertificationQueue(ctx.db, request.query);
      return { ...page, items: page.items.map((c) => view(actor, c)) };
    },
  );

  app.post(
    '/api/admin/certifications/:id/approve',
    { preValidation: reviewersOnly, schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZCertificationView } } },
    async (request) => {
      const actor = requireUser(request);
      return view(actor, await decideCertification(ctx, { actor, id: request.params.id, decision: 'approved' }));
    },
  );

  app.post(
    '/api/admin/certifications/:id/reject',
    {
      preValidation: reviewersOnly,
      schema: { tags: ['orgs'], params: ZIdParams, body: ZRejectInput, response: { 200: ZCertificationView } },
    },
    async (request) => {
      const actor = requireUser(request);
      const decided = await decideCertification(ctx, {
        actor,
        id: request.params.id,
        decision: 'rejected',
        reason: request.body.reason,
      });
      return view(actor, decided);
    },
  );
}
