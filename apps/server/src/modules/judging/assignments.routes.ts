import {
  ZAssignmentInput,
  ZAssignmentPlanInput,
  ZAssignmentPlanView,
  ZAssignmentSwap,
  ZAssignmentSwapInput,
  ZAssignmentsView,
  ZAssignmentView,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { exportAssignments, importAssignmentPlan } from './assignment-excel.ts';
import { applyAssignmentPlan, createAssignmentPlan, discardAssignmentPlan, readAssignmentPlan } from './assignment-plans.ts';
import { roundOfAssignment, seenRound } from './assignment-policy.ts';
import { addManualAssignment, listAssignments, removeAssignment, swapAssignment } from './assignments-manual.ts';

const ZRoundParams = z.object({ roundId: z.string().uuid() });
const ZPlanParams = z.object({ roundId: z.string().uuid(), planId: z.string().uuid() });
const ZAssignmentParams = z.object({ assignmentId: z.string().uuid() });

/**
 * Assigning judges to a round's entries (issue 10 item 3, X-4): plan -> preview -> apply, and manual changes. The
 * organizer's managers and the platform change; its screeners read; to anyone else the round does not exist
 * (NOT_FOUND). Each use case loads and locks its rows in its transaction and decides there; the answers carry the
 * caller's abilities.
 */
export async function assignmentRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  const tags = ['judging'];
  /** Asked before the body is validated: a caller who may not see the round learns nothing from field errors. */
  const sees = async (request: FastifyRequest) => {
    const { roundId } = request.params as { roundId: string };
    if (z.string().uuid().safeParse(roundId).success) await seenRound(ctx.db, request.user, roundId, false);
  };

  app.get(
    '/api/judging/rounds/:roundId/assignments',
    { schema: { tags, params: ZRoundParams, response: { 200: ZAssignmentsView } } },
    async (request) => listAssignments(ctx, request.user, request.params.roundId),
  );

  app.post(
    '/api/judging/rounds/:roundId/assignments',
    { preValidation: sees, schema: { tags, params: ZRoundParams, body: ZAssignmentInput, response: { 201: ZAssignmentView } } },
    async (request, reply) => {
      reply.code(201);
      return addManualAssignment(ctx, request.user, request.params.roundId, request.body);
    },
  );

  app.post(
    '/api/judging/assignments/:assignmentId/remove',
    { schema: { tags, params: ZAssignmentParams, response: { 200: ZAssignmentView } } },
    async (request) => removeAssignment(ctx, request.user, request.params.assignmentId),
  );

  /** Before the body is validated, as above, for a swap addressed by its assignment. */
  const seesAssignment = async (request: FastifyRequest) => {
    const { assignmentId } = request.params as { assignmentId: string };
    if (!z.string().uuid().safeParse(assignmentId).success) return;
    const roundId = await roundOfAssignment(ctx.db, assignmentId);
    if (!roundId) throw new AppError(request.user ? 'NOT_FOUND' : 'UNAUTHENTICATED');
    await seenRound(ctx.db, request.user, roundId, false);
  };

  app.post(
    '/api/judging/assignments/:assignmentId/swap',
    {
      preValidation: seesAssignment,
      schema: { tags, params: ZAssignmentParams, body: ZAssignmentSwapInput, response: { 200: ZAssignmentSwap } },
    },
    async (request) => swapAssignment(ctx, request.user, request.params.assignmentId, request.body),
  );

  app.post(
    '/api/judging/rounds/:roundId/assignment-plans',
    {
      preValidation: sees,
      schema: { tags, params: ZRoundParams, body: ZAssignmentPlanInput, response: { 201: ZAssignmentPlanView } },
    },
    async (request, reply) => {
      reply.code(201);
      return createAssignmentPlan(ctx, request.user, request.params.roundId, request.body);
    },
  );

  app.get(
    '/api/judging/rounds/:roundId/assignment-plans/:planId',
    { schema: { tags, params: ZPlanParams, response: { 200: ZAssignmentPlanView } } },
    async (request) => readAssignmentPlan(ctx, request.user, request.params.roundId, request.params.planId),
  );

  app.get('/api/judging/rounds/:roundId/assignments.xlsx', { schema: { tags, params: ZRoundParams } }, async (request, reply) => {
    const body = await exportAssignments(ctx, request.user, request.params.roundId);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="assignments-${request.params.roundId}.xlsx"`)
      .send(body);
  });

  app.post(
    '/api/judging/rounds/:roundId/assignment-plans/import',
    { preValidation: sees, schema: { tags, params: ZRoundParams, response: { 201: ZAssignmentPlanView } } },
    async (request, reply) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (part?.type !== 'file') throw new AppError('FILE_REQUIRED');
      const plan = await importAssignmentPlan(ctx, request.user, request.params.roundId, part.file);
      return reply.status(201).send(plan);
    },
  );

  for (const [verb, run] of [
    ['apply', applyAssignmentPlan],
    ['discard', discardAssignmentPlan],
  ] as const) {
    app.post(
      `/api/judging/rounds/:roundId/assignment-plans/:planId/${verb}`,
      { schema: { tags, params: ZPlanParams, response: { 200: ZAssignmentPlanView } } },
      async (request) => run(ctx, request.user, request.params.roundId, request.params.planId),
    );
  }
}
