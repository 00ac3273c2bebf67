import {
  type TInvitation,
  type TInvitationView,
  type TOrgMembers,
  ZAssignMemberInput,
  ZInvitationList,
  ZInvitationView,
  ZInviteInput,
  ZOrgMembers,
} from '@casearena/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { answerInvitation } from './answer-invitation.ts';
import { assignMember } from './assign-member.ts';
import { membershipOf } from './change-membership.ts';
import { inviteMember } from './invite-member.ts';
import { leaveOrganization } from './leave-organization.ts';
import { listMembers, listMyInvitations, listPendingInvitations, organizationName } from './members.repo.ts';
import { canSeeMembers, invitationAbilities, memberAbilitiesOn, membersAbilities } from './orgs.policy.ts';
import { removeMember } from './remove-member.ts';

const ZIdParams = z.object({ id: z.string().uuid() });
const ZMemberParams = z.object({ id: z.string().uuid(), userId: z.string().uuid() });
const ZOk = z.object({ ok: z.literal(true) });

/** Invitations as the caller gets them: with the caller's abilities, from their stored membership (issue 8 item 3). */
async function invitationViews(db: Queryable, actor: Actor, items: TInvitation[]) {
  const own = await membershipOf(db, actor.id);
  return items.map((inv) => ({ ...inv, abilities: invitationAbilities(actor, own, inv) }));
}
const invitationView = async (db: Queryable, actor: Actor, inv: TInvitation) =>
  (await invitationViews(db, actor, [inv]))[0] as TInvitationView;

/**
 * The members page: who belongs (each with the caller's `remove`), open invitations for those who may invite, and
 * the caller's `invite` and `leave` (issue 8 item 3), from the policy functions the write routes ask.
 */
async function membersView(db: Queryable, actor: Actor, organizationId: string): Promise<TOrgMembers> {
  const own = await membershipOf(db, actor.id);
  const name = await organizationName(db, organizationId);
  if (!name || !canSeeMembers(actor, own, organizationId)) throw new AppError('NOT_FOUND');
  const abilities = membersAbilities(actor, own, organizationId);
  const members = await listMembers(db, organizationId);
  return {
    organization: { id: organizationId, name },
    items: members.map((m) => ({ ...m, abilities: memberAbilitiesOn(actor, own, organizationId, m) })),
    invitations:
      abilities.invite === true
        ? (await listPendingInvitations(db, organizationId)).map((inv) => ({
            ...inv,
            abilities: invitationAbilities(actor, own, inv),
          }))
        : [],
    abilities,
  };
}

/** Membership of organizations: invitations, leaving, removal and staff assignment (see docs/security.md). */
export async function memberRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const tags = ['orgs'];

  app.get('/api/orgs/:id/members', { schema: { tags, params: ZIdParams, response: { 200: ZOrgMembers } } }, async (request) =>
    membersView(ctx.db, requireUser(request), request.params.id),
  );

  app.put(
    '/api/orgs/:id/members/:userId',
    { schema: { tags, params: ZMemberParams, body: ZAssignMemberInput, response: { 200: ZOrgMembers } } },
    async (request) => {
      const actor = requireUser(request);
      const { id, userId } = request.params;
      await assignMember(ctx, { actor, organizationId: id, userId, role: request.body.role });
      return membersView(ctx.db, actor, id);
    },
  );

  app.delete(
    '/api/orgs/:id/members/:userId',
    { schema: { tags, params: ZMemberParams, response: { 200: ZOk } } },
    async (request) => {
      const { id, userId } = request.params;
      await removeMember(ctx, { actor: requireUser(request), organizationId: id, userId });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/orgs/:id/invitations',
    { schema: { tags, params: ZIdParams, body: ZInviteInput, response: { 201: ZInvitationView } } },
    async (request, reply) => {
      const actor = requireUser(request);
      const invitation = await inviteMember(ctx, { actor, organizationId: request.params.id, invite: request.body });
      return reply.status(201).send(await invitationView(ctx.db, actor, invitation));
    },
  );

  app.get('/api/me/invitations', { schema: { tags, response: { 200: ZInvitationList } } }, async (request) => {
    const actor = requireUser(request);
    return { items: await invitationViews(ctx.db, actor, await listMyInvitations(ctx.db, actor.id)) };
  });

  for (const [verb, answer] of [
    ['accept', 'accepted'],
    ['decline', 'declined'],
    ['revoke', 'revoked'],
  ] as const) {
    app.post(
      `/api/invitations/:id/${verb}`,
      { schema: { tags, params: ZIdParams, response: { 200: ZInvitationView } } },
      async (request) => {
        const actor = requireUser(request);
        return invitationView(ctx.db, actor, await answerInvitation(ctx, { actor, id: request.params.id, answer }));
      },
    );
  }

  app.delete('/api/me/organization', { schema: { tags, response: { 200: ZOk } } }, async (request) => {
    await leaveOrganization(ctx, { actor: requireUser(request) });
    return { ok: true as const };
  });
}
