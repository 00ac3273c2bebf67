import type { Readable } from 'node:stream';
import {
  ZCertification,
  ZCertificationList,
  ZCertificationPage,
  ZCertificationQuery,
  ZCertificationRequestFields,
  ZRejectInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError, fieldErrorOf } from '../../platform/http/errors.ts';
import { certificationFile, findCertification, listCertificationQueue, listMyCertifications } from './certifications.repo.ts';
import { transitionCertification } from './decide-certification.ts';
import { assertCanReviewCertifications, canSeeCertification } from './orgs.policy.ts';
import { requestCertification } from './request-certification.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

/**
 * Reads a multipart request whose text fields come before the single `file` part (the web app sends them in
 * that order; fields after the file are ignored), validates the fields, and hands the file stream on unbuffered.
 */
async function fieldsThenFile(request: FastifyRequest, actor: Actor, ctx: FastifyInstance['ctx']) {
  if (!request.isMultipart()) throw new AppError('FILE_REQUIRED');
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      continue;
    }
    const parsed = ZCertificationRequestFields.safeParse(fields);
    if (!parsed.success) {
      part.file.resume();
      throw new AppError(
        'VALIDATION_FAILED',
        undefined,
        parsed.error.issues.map((i) => fieldErrorOf({ ...i, path: i.path })),
      );
    }
    return requestCertification(ctx, actor, parsed.data, { stream: part.file as Readable, filename: part.filename });
  }
  throw new AppError('FILE_REQUIRED');
}

export async function certificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  const visible = async (actor: Actor, id: string) => {
    const cert = await findCertification(ctx.db, id);
    if (!cert || !canSeeCertification(actor, cert.user.id)) throw new AppError('NOT_FOUND');
    return cert;
  };

  app.post(
    '/api/certifications',
    {
      bodyLimit: 11 * 1024 * 1024,
      schema: { tags: ['orgs'], consumes: ['multipart/form-data'], response: { 201: ZCertification } },
    },
    async (request, reply) => reply.status(201).send(await fieldsThenFile(request, requireUser(request), ctx)),
  );

  app.get('/api/certifications/mine', { schema: { tags: ['orgs'], response: { 200: ZCertificationList } } }, async (request) => ({
    items: await listMyCertifications(ctx.db, requireUser(request).id),
  }));

  app.post(
    '/api/certifications/:id/withdraw',
    { schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZCertification } } },
    async (request) => {
      const actor = requireUser(request);
      const cert = await visible(actor, request.params.id);
      if (cert.user.id !== actor.id) throw new AppError('FORBIDDEN');
      return transitionCertification(ctx, { actor, id: cert.id, to: 'withdrawn' });
    },
  );

  app.get('/api/certifications/:id/file', { schema: { tags: ['orgs'], params: ZIdParams } }, async (request, reply) => {
    const actor = requireUser(request);
    const row = await certificationFile(ctx.db, request.params.id);
    if (!row || !canSeeCertification(actor, row.ownerId)) throw new AppError('NOT_FOUND');
    return reply
      .type(row.file.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file.name)}`)
      .send(ctx.storage.open(row.file.storageKey));
  });

  app.get(
    '/api/admin/certifications',
    { schema: { tags: ['orgs'], querystring: ZCertificationQuery, response: { 200: ZCertificationPage } } },
    async (request) => {
      assertCanReviewCertifications(request.user);
      return listCertificationQueue(ctx.db, request.query);
    },
  );

  app.post(
    '/api/admin/certifications/:id/approve',
    { schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZCertification } } },
    async (request) => {
      const actor = assertCanReviewCertifications(request.user);
      await visible(actor, request.params.id);
      return transitionCertification(ctx, { actor, id: request.params.id, to: 'approved' });
    },
  );

  app.post(
    '/api/admin/certifications/:id/reject',
    { schema: { tags: ['orgs'], params: ZIdParams, body: ZRejectInput, response: { 200: ZCertification } } },
    async (request) => {
      const actor = assertCanReviewCertifications(request.user);
      await visible(actor, request.params.id);
      return transitionCertification(ctx, { actor, id: request.params.id, to: 'rejected', reason: request.body.reason });
    },
  );
}
