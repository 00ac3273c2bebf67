import {
  ZJudgeAcceptInput,
  ZJudgeConflictsInput,
  ZJudgeInvitation,
  ZJudgeInviteInput,
  ZJudgePool,
  ZJudgeReinviteInput,
  ZJudgeRemoved,
  ZJudgeRemoveInput,
  ZJudgeView,
  ZMyJudges,
  ZPanel,
  ZPanelInput,
  ZPanelSaved,
} from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, SESSION_COOKIE, SESSION_DAYS } from '../../platform/auth/sessions.ts';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findActor } from '../accounts/index.ts';
import { answerJudgeInvitation, readJudgeInvitation } from './judges-answer.ts';
import { declareConflicts } from './judges-conflicts.ts';
import { inviteJudge, organizationNameOf, reinviteJudge } from './judges-invite.ts';
import { removeJudge } from './judges-remove.ts';
import { poolAccess, whyNotManagePool, whyNotSeeJudge, whyNotSeePool } from './pool.policy.ts';
import { findJudge, judgeView, listJudges, listJudgesOfUser } from './pool.repo.ts';
import { readPanel, savePanel } from './pool-panel.ts';

const ZOrganizerParams = z.object({ organizerId: z.string().uuid() });
const ZJudgeParams = z.object({ judgeId: z.string().uuid() });
const ZCampaignParams = z.object({ campaignId: z.string().uuid() });
/** Any text: a token that is not one of ours is INVITE_INVALID like a used one, not a validation error. */
const ZTokenParams = z.object({ token: z.string().min(1).max(200) });

/** One judge as the caller may see it (NOT_FOUND otherwise), with the caller's abilities. */
async function judgeAs(db: Queryable, actor: Actor | null, judgeId: string) {
  const judge = await findJudge(db, judgeId);
  if (!judge) throw new AppError('NOT_FOUND');
  const access = await poolAccess(db, actor, judge.organizer.id);
  const hidden = whyNotSeeJudge(access, actor, judge);
  if (hidden) throw new AppError(hidden);
  return judgeView(access, actor, judge);
}

/** The organizer's expert pool: invitations, acceptance, declared conflicts, panels and lead judges (issue 10). */
export async function poolRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const tags = ['judging'];

  app.get(
    '/api/organizers/:organizerId/judges',
    { schema: { tags, params: ZOrganizerParams, response: { 200: ZJudgePool } } },
    async (request) => {
      const actor = requireUser(request);
      const { organizerId } = request.params;
      const name = await organizationNameOf(ctx.db, organizerId);
      const access = name ? await poolAccess(ctx.db, actor, organizerId) : null;
      const hidden = whyNotSeePool(access);
      if (hidden || !name) throw new AppError(hidden ?? 'NOT_FOUND');
      return {
        organizer: { id: organizerId, name },
        items: (await listJudges(ctx.db, organizerId)).map((j) => judgeView(access, actor, j)),
        abilities: { invite: whyNotManagePool(access) ?? (true as const) },
      };
    },
  );

  app.post(
    '/api/organizers/:organizerId/judges',
    { schema: { tags, params: ZOrganizerParams, body: ZJudgeInviteInput, response: { 201: ZJudgeView } } },
    async (request, reply) => {
      const actor = requireUser(request);
      const judgeId = await inviteJudge(ctx, { actor, organizerId: request.params.organizerId, invite: request.body });
      return reply.status(201).send(await judgeAs(ctx.db, actor, judgeId));
    },
  );

  app.get('/api/me/judges', { schema: { tags, response: { 200: ZMyJudges } } }, async (request) => {
    const actor = requireUser(request);
    const mine = await listJudgesOfUser(ctx.db, actor.id);
    // The caller may also be staff of one of these organizers: abilities per organizer.
    const access = new Map(
      await Promise.all(
        [...new Set(mine.map((j) => j.organizer.id))].map(async (id) => [id, await poolAccess(ctx.db, actor, id)] as const),
      ),
    );
    return { items: mine.map((j) => judgeView(access.get(j.organizer.id) ?? null, actor, j)) };
  });

  app.get('/api/judges/:judgeId', { schema: { tags, params: ZJudgeParams, response: { 200: ZJudgeView } } }, async (request) =>
    judgeAs(ctx.db, requireUser(request), request.params.judgeId),
  );

  app.put(
    '/api/judges/:judgeId/conflicts',
    { schema: { tags, params: ZJudgeParams, body: ZJudgeConflictsInput, response: { 200: ZJudgeView } } },
    async (request) => {
      const actor = requireUser(request);
      await declareConflicts(ctx, { actor, judgeId: request.params.judgeId, body: request.body });
      return judgeAs(ctx.db, actor, request.params.judgeId);
    },
  );

  app.post(
    '/api/judges/:judgeId/remove',
    { schema: { tags, params: ZJudgeParams, body: ZJudgeRemoveInput, response: { 200: ZJudgeRemoved } } },
    async (request) => {
      const actor = requireUser(request);
      const ended = await removeJudge(ctx, { actor, judgeId: request.params.judgeId, version: request.body.version });
      return { ...(await judgeAs(ctx.db, actor, request.params.judgeId)), ended };
    },
  );

  app.post(
    '/api/judges/:judgeId/reinvite',
    { schema: { tags, params: ZJudgeParams, body: ZJudgeReinviteInput, response: { 200: ZJudgeView } } },
    async (request) => {
      const actor = requireUser(request);
      await reinviteJudge(ctx, { actor, judgeId: request.params.judgeId, version: request.body.version });
      return judgeAs(ctx.db, actor, request.params.judgeId);
    },
  );

  app.get(
    '/api/judging/invitations/:token',
    { schema: { tags, params: ZTokenParams, response: { 200: ZJudgeInvitation } } },
    async (request) => readJudgeInvitation(ctx.db, request.user, request.params.token),
  );

  app.post(
    '/api/judging/invitations/:token/accept',
    { schema: { tags, params: ZTokenParams, body: ZJudgeAcceptInput, response: { 200: ZJudgeView } } },
    async (request, reply) => {
      const { judgeId, userId } = await answerJudgeInvitation(ctx, {
        actor: request.user,
        token: request.params.token,
        answer: 'accept',
        body: request.body,
      });
      if (request.user) return judgeAs(ctx.db, request.user, judgeId);
      // Accepted signed out: the account was made just now with the password given, so it is signed in, as after
      // registering.
      const self = await findActor(ctx.db, userId as string);
      if (!self) throw new AppError('INTERNAL');
      const session = await createSession(ctx.db, {
        userId: self.id,
        now: ctx.clock.now(),
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        maxAge: SESSION_DAYS * 24 * 3600,
      });
      return judgeAs(ctx.db, self, judgeId);
    },
  );

  app.post(
    '/api/judging/invitations/:token/decline',
    { schema: { tags, params: ZTokenParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await answerJudgeInvitation(ctx, { actor: request.user, token: request.params.token, answer: 'decline' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/campaigns/:campaignId/judging/panel',
    { schema: { tags, params: ZCampaignParams, response: { 200: ZPanel } } },
    async (request) => readPanel(ctx.db, requireUser(request), request.params.campaignId),
  );

  app.put(
    '/api/campaigns/:campaignId/judging/panel',
    { schema: { tags, params: ZCampaignParams, body: ZPanelInput, response: { 200: ZPanelSaved } } },
    async (request) => {
      const actor = requireUser(request);
      const ended = await savePanel(ctx, { actor, campaignId: request.params.campaignId, panel: request.body });
      return { ...(await readPanel(ctx.db, actor, request.params.campaignId)), ended };
    },
  );
}
