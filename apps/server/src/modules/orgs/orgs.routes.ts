import {
  ZOrganization,
  ZOrganizationInput,
  ZOrganizationPage,
  ZOrganizationPatch,
  ZOrganizationQuery,
  ZRegionList,
  ZRegionQuery,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { certificationRoutes } from './certifications.routes.ts';
import { memberRoutes } from './members.routes.ts';
import { assertCanManageOrganizations } from './orgs.policy.ts';
import { findOrganization, searchOrganizations } from './orgs.repo.ts';
import { listRegions } from './regions.ts';
import { createOrganization, updateOrganization } from './save-organization.ts';

const ZIdParams = z.object({ id: z.string().uuid() });

export async function orgRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  app.get(
    '/api/regions',
    { schema: { tags: ['orgs'], querystring: ZRegionQuery, response: { 200: ZRegionList } } },
    async (request) => ({
      items: await listRegions(ctx.db, request.query.parentCode),
    }),
  );

  app.get(
    '/api/orgs',
    { schema: { tags: ['orgs'], querystring: ZOrganizationQuery, response: { 200: ZOrganizationPage } } },
    async (request) => searchOrganizations(ctx.db, request.query),
  );

  app.get(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], params: ZIdParams, response: { 200: ZOrganization } } },
    async (request) => {
      const org = await findOrganization(ctx.db, request.params.id);
      if (!org) throw new AppError('NOT_FOUND');
      return org;
    },
  );

  // Permission before validation: a caller who may not change the registry learns nothing from field errors.
  const staffOnly = async (request: FastifyRequest) => void assertCanManageOrganizations(request.user);

  app.post(
    '/api/orgs',
    { preValidation: staffOnly, schema: { tags: ['orgs'], body: ZOrganizationInput, response: { 201: ZOrganization } } },
    async (request, reply) => {
      const actor = assertCanManageOrganizations(request.user);
      return reply.status(201).send(await createOrganization(ctx, actor, request.body));
    },
  );

  app.patch(
    '/api/orgs/:id',
    {
      preValidation: staffOnly,
      schema: { tags: ['orgs'], params: ZIdParams, body: ZOrganizationPatch, response: { 200: ZOrganization } },
    },
    async (request) => {
      const actor = assertCanManageOrganizations(request.user);
      return updateOrganization(ctx, actor, request.params.id, request.body);
    },
  );

  await root.register(certificationRoutes);
  await root.register(memberRoutes);
}
