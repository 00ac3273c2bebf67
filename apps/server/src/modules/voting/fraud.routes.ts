import {
  ZVoteChallenge,
  ZVoteVoid,
  ZVoteVoidInput,
  ZVoteVoidList,
  ZVoteVoidRevertInput,
  ZVotingDashboard,
} from '@casearena/contract';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCampaignAbility } from '../campaigns/index.ts';
import { applyVoid, revertVoid } from './apply-vote-void.ts';
import { votingDashboard } from './dashboard.ts';
import { planVoid, presentVoid } from './void-votes.ts';
import { challengeFor, setUpVoteGuard } from './vote-guard.ts';
import { voteVoids } from './voting.tables.ts';

const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
const ZVoidParams = z.object({ campaignId: z.string().uuid(), voidId: z.string().uuid() });

/** Managers (and platform staff) void; screeners see the dashboard and the plans. */
const manages = (access: unknown) => access === 'platform' || access === 'manager';

/**
 * The organizer's fraud tools (issue 9 item 5) and the vote challenge. Who sees what: the dashboard and void plans
 * are for the organizer's people (managers and screeners) and platform staff — everyone else gets what
 * assertCampaignAbility answers elsewhere (UNAUTHENTICATED, FORBIDDEN; NOT_FOUND for a draft of another organizer);
 * planning, applying and reverting a void are for managers and platform staff only (FORBIDDEN for screeners).
 */
export const fraudRoutes: FastifyPluginAsync<{ redis: Redis | null; namespace: string }> = async (root, options) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  setUpVoteGuard(ctx, options);

  // Anyone may ask (the vote page fetches one when told CHALLENGE_REQUIRED); at most 60 a minute per address, since
  // each costs a key derivation.
  app.get(
    '/api/voting/challenge',
    {
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: { tags: ['voting'], response: { 200: ZVoteChallenge } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return challengeFor(ctx, request.ip);
    },
  );

  app.get(
    '/api/campaigns/:campaignId/voting/dashboard',
    { schema: { tags: ['voting'], params: ZCampaignParams, response: { 200: ZVotingDashboard } } },
    async (request) => {
      const { access } = await assertCampaignAbility(ctx.db, request.user, request.params.campaignId, 'screen');
      return votingDashboard(ctx, request.params.campaignId, manages(access) ? true : 'FORBIDDEN');
    },
  );

  app.post(
    '/api/campaigns/:campaignId/voting/voids',
    { schema: { tags: ['voting'], params: ZCampaignParams, body: ZVoteVoidInput, response: { 201: ZVoteVoid } } },
    async (request, reply) => {
      await assertCampaignAbility(ctx.db, request.user, request.params.campaignId, 'manage');
      return reply.status(201).send(await planVoid(ctx, requireUser(request), request.params.campaignId, request.body));
    },
  );

  app.get(
    '/api/campaigns/:campaignId/voting/voids',
    { schema: { tags: ['voting'], params: ZCampaignParams, response: { 200: ZVoteVoidList } } },
    async (request) => {
      const { access } = await assertCampaignAbility(ctx.db, request.user, request.params.campaignId, 'screen');
      const rows = await ctx.db
        .select()
        .from(voteVoids)
        .where(eq(voteVoids.campaignId, request.params.campaignId))
        .orderBy(desc(voteVoids.createdAt))
        .limit(100);
      return { voids: rows.map((row) => presentVoid(row, manages(access))) };
    },
  );

  app.get(
    '/api/campaigns/:campaignId/voting/voids/:voidId',
    { schema: { tags: ['voting'], params: ZVoidParams, response: { 200: ZVoteVoid } } },
    async (request) => {
      const { access } = await assertCampaignAbility(ctx.db, request.user, request.params.campaignId, 'screen');
      const [row] = await ctx.db
        .select()
        .from(voteVoids)
        .where(and(eq(voteVoids.id, request.params.voidId), eq(voteVoids.campaignId, request.params.campaignId)));
      if (!row) throw new AppError('NOT_FOUND');
      return presentVoid(row, manages(access));
    },
  );

  app.post(
    '/api/campaigns/:campaignId/voting/voids/:voidId/apply',
    { schema: { tags: ['voting'], params: ZVoidParams, response: { 200: ZVoteVoid } } },
    async (request) => {
      // Asked once here for the refusal's code; applyVoid asks again on the locked void.
      await assertCampaignAbility(ctx.db, request.user, request.params.campaignId, 'manage');
      return applyVoid({
        ctx,
        actor: requireUser(request),
        campaignId: request.params.campaignId,
        voidId: request.params.voidId,
      });
    },
  );

  app.post(
    '/api/campaigns/:campaignId/voting/voids/:voidId/revert',
    { schema: { tags: ['voting'], params: ZVoidParams, body: ZVoteVoidRevertInput, response: { 200: ZVoteVoid } } },
    async (request) => {
      await assertCampaignAbility(ctx.db, request.user, request.params.campaignId, 'manage');
      return revertVoid({
        ctx,
        actor: requireUser(request),
        campaignId: request.params.campaignId,
        voidId: request.params.voidId,
        reason: request.body.reason,
      });
    },
  );
};
