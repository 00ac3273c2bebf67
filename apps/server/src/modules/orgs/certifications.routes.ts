import { ZCertification, ZCertificationList, ZCertificationPage, ZCertificationQuery, ZRejectInput } from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { certificationFile, listCertificationQueue, listMyCertifications } from './certifications.repo.ts';
import { decideCertification } from './decide-certification.ts';
import { assertCanReviewCertifications, canSeeCertification } from './orgs.policy.ts';
import { requestCertificationFromForm } from './request-certification.ts';
import { withdrawCertification } from './withdraw-certification.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

export async function certificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  // Permission before validation: a caller who may not review learns nothing from field errors.
  const reviewersOnly = async (request: FastifyRequest) => void assertCanReviewCertifications(request.user);

  app.post(
    '/api/certifications',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: { tags: ['orgs'], consumes: ['multipart/form-data'], response: { 201: ZCertification } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const parts = request.isMultipart() ? request.parts() : null;
      return reply.status(201).send(await requestCertificationFromForm(ctx, { actor, parts }));
    },
  );

  app.get('/api/certifications/mine', { schema: { tags: ['orgs'], response: { 200: ZCertificationList } } }, async (request) => ({
    items: await listMyCertifications(ctx.db, requireUser(request).id),
  }));

  app.post(
    '/api/certifications/:id/withdraw',
    { schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZCertification } } },
    async (request) => withdrawCertification(ctx, { actor: requireUser(request), id: request.params.id }),
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
      assertCanReviewCertifications(request.user);
      return listCertificationQueue(ctx.db, request.query);
    },
  );

  app.post(
    '/api/admin/certifications/:id/approve',
    { preValidation: reviewersOnly, schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZCertification } } },
    async (request) => {
      const actor = assertCanReviewCertifications(request.user);
      return decideCertification(ctx, { actor, id: request.params.id, decision: 'approved' });
    },
  );

  app.post(
    '/api/admin/certifications/:id/reject',
    {
      preValidation: reviewersOnly,
      schema: { tags: ['orgs'], params: ZIdParams, body: ZRejectInput, response: { 200: ZCertification } },
    },
    async (request) => {
      const actor = assertCanReviewCertifications(request.user);
      return decideCertification(ctx, { actor, id: request.params.id, decision: 'rejected', reason: request.body.reason });
    },
  );
}
