import { PassThrough, type Readable } from 'node:stream';
import {
  ZCertificate,
  ZCertificateDesign,
  ZCertificateDesignInput,
  ZCertificateList,
  ZCertificateVerification,
  ZIssueCertificatesResult,
  ZRevokeCertificateInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertAwardsAccess } from './awards.policy.ts';
import { loadDesign, presentDesign, saveDesign, saveSeal } from './certificate-design.ts';
import { issueCertificates } from './certificate-issue.ts';
import { certificateFileName, renderCertificate, renderSetting } from './certificate-render.ts';
import { revokeCertificate } from './certificate-revoke.ts';
import { listCertificates, loadCertificate, mayDownload, presentCertificate, verifyCertificate } from './certificate-views.ts';
import { writeCertificatesZip } from './certificate-zip.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
const ZCertificateParams = z.object({ certificateId: z.string().uuid() });
const tags = ['certificates'];

/**
 * The certificates' HTTP routes (issue 12 item 4, X-7, S0-15): the organizer's design, seal, issue, list, zip and
 * revocation; a certificate's PDF for the organizer and the recipient organization; the public verification the QR
 * code opens. The organizer's writes ask who the caller is before the body is validated (preValidation), so a
 * stranger learns nothing from field errors (NOT_FOUND, as the campaign's other organizer routes).
 */
export async function certificateRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const organizer = async (request: FastifyRequest) => {
    await assertAwardsAccess(ctx.db, requireUser(request), (request.params as { campaignId: string }).campaignId);
  };
  const certificateOrganizer = async (request: FastifyRequest) => {
    const actor = requireUser(request);
    const row = await loadCertificate(ctx.db, (request.params as { certificateId: string }).certificateId);
    await assertAwardsAccess(ctx.db, actor, row.c.campaignId);
  };

  app.get(
    '/api/campaigns/:campaignId/certificates/design',
    { preValidation: organizer, schema: { tags, params: ZCampaignParams, response: { 200: ZCertificateDesign } } },
    async (request) => presentDesign(await loadDesign(ctx.db, request.params.campaignId)),
  );

  app.put(
    '/api/campaigns/:campaignId/certificates/design',
    {
      preValidation: organizer,
      schema: { tags, params: ZCampaignParams, body: ZCertificateDesignInput, response: { 200: ZCertificateDesign } },
    },
    async (request) =>
      saveDesign({ ctx, actor: requireUser(request), campaignId: request.params.campaignId, body: request.body }),
  );

  app.put(
    '/api/campaigns/:campaignId/certificates/seal',
    {
      preValidation: organizer,
      schema: { tags, consumes: ['multipart/form-data'], params: ZCampaignParams, response: { 200: ZCertificateDesign } },
    },
    async (request) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (part?.type !== 'file') throw new AppError('FILE_REQUIRED');
      return saveSeal({
        ctx,
        actor: requireUser(request),
        campaignId: request.params.campaignId,
        filename: part.filename,
        stream: part.file as Readable,
      });
    },
  );

  app.post(
    '/api/campaigns/:campaignId/certificates/issue',
    { preValidation: organizer, schema: { tags, params: ZCampaignParams, response: { 200: ZIssueCertificatesResult } } },
    async (request) => issueCertificates({ ctx, actor: requireUser(request), campaignId: request.params.campaignId }),
  );

  app.get(
    '/api/campaigns/:campaignId/certificates',
    { preValidation: organizer, schema: { tags, params: ZCampaignParams, response: { 200: ZCertificateList } } },
    async (request) => listCertificates(ctx, request.params.campaignId),
  );

  app.get(
    '/api/campaigns/:campaignId/certificates.zip',
    { preValidation: organizer, schema: { tags, params: ZCampaignParams } },
    async (request, reply) => {
      const body = new PassThrough();
      writeCertificatesZip(ctx, request.params.campaignId, body).catch((err: unknown) => {
        request.log.error({ err }, 'certificates zip failed');
        body.destroy(err as Error);
      });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="certificates-${request.params.campaignId}.zip"`)
        .send(body);
    },
  );

  app.get('/api/certificates/:certificateId/pdf', { schema: { tags, params: ZCertificateParams } }, async (request, reply) => {
    const actor = requireUser(request);
    const row = await loadCertificate(ctx.db, request.params.certificateId);
    if (!(await mayDownload(ctx.db, actor, row))) throw new AppError('NOT_FOUND');
    // A revoked certificate is not printed again; its verification page says why.
    if (row.c.revokedAt) throw new AppError('WRONG_STATUS');
    const pdf = await renderCertificate(await renderSetting(ctx, ctx.db, row.c.campaignId), row.c);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(certificateFileName(row.c))}`)
      .send(pdf);
  });

  app.post(
    '/api/certificates/:certificateId/revoke',
    {
      preValidation: certificateOrganizer,
      schema: { tags, params: ZCertificateParams, body: ZRevokeCertificateInput, response: { 200: ZCertificate } },
    },
    async (request) => {
      const row = await revokeCertificate({
        ctx,
        actor: requireUser(request),
        certificateId: request.params.certificateId,
        reason: request.body.reason,
      });
      return presentCertificate(ctx, row, true);
    },
  );

  app.get(
    '/api/public/certificates/:number',
    {
      schema: {
        tags,
        params: z.object({ number: z.string().max(40) }),
        querystring: z.object({ code: z.string().max(64).default('') }),
        response: { 200: ZCertificateVerification },
      },
    },
    async (request) => verifyCertificate(ctx, request.params.number, request.query.code),
  );
}
