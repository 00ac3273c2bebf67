import {
  errorMessage,
  type TSheetAnswer,
  type TSheetView,
  ZAbstainInput,
  ZJudgeAssignment,
  ZMyAssignments,
  ZSaveSheetInput,
  ZSheetAnswer,
  ZSubmitSheetInput,
} from '@casearena/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError, requestLocale } from '../../platform/http/errors.ts';
import { loadCampaignPhases } from '../campaigns/index.ts';
import { abstainSheet } from './sheet-abstain.ts';
import { judgeFile } from './sheet-files.ts';
import { myAssignments } from './sheet-list.ts';
import { sheetAbilities } from './sheet-policy.ts';
import { judgePreview } from './sheet-preview.ts';
import { judgeEntry, loadJudgeAssignment, presentRound, presentSheet } from './sheet-repo.ts';
import { saveSheet } from './sheet-save.ts';
import { submitSheet } from './sheet-submit.ts';
import { question } from './sheet-write.ts';

const ZAssignmentParams = z.object({ assignmentId: z.string().uuid() });

/**
 * The judges' workspace (issue 10 item 4): my entries with progress, one entry as this judge may see it (the blind
 * projection in a blind round, S0-4), the draft save (compare-and-set on the version), submit and lock, abstain.
 * Any assignment that is not the caller's — another judge's, a removed one, none at all — is NOT_FOUND, never the
 * entry (X-4). Writes load and lock the assignment in their transaction (sheet-write.ts).
 */
export async function sheetRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  /** A write's answer; a stale version answers 409 STALE_VERSION with the server's copy to merge with. */
  const answer = (reply: FastifyReply, locale: 'zh-CN' | 'en', result: TSheetAnswer | { stale: TSheetView; yours: number }) => {
    if (!('stale' in result)) return reply.send(result);
    const params = { current: result.stale.version, yours: result.yours };
    return reply.status(409).send({
      error: { code: 'STALE_VERSION', message: errorMessage('STALE_VERSION', locale, params), params },
      sheet: result.stale,
    });
  };

  // Permission before validation: a caller who is not the assignment's judge learns nothing from field errors.
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const judgeOnly = async (request: FastifyRequest) => {
    const { assignmentId } = request.params as { assignmentId: string };
    if (!UUID.test(assignmentId)) throw new AppError('NOT_FOUND');
    await loadJudgeAssignment(ctx.db, requireUser(request), assignmentId);
  };

  app.get('/api/judging/me/assignments', { schema: { tags: ['judging'], response: { 200: ZMyAssignments } } }, async (request) =>
    myAssignments(ctx, requireUser(request)),
  );

  app.get(
    '/api/judging/assignments/:assignmentId',
    { schema: { tags: ['judging'], params: ZAssignmentParams, response: { 200: ZJudgeAssignment } } },
    async (request) => {
      const actor = requireUser(request);
      const state = await loadJudgeAssignment(ctx.db, actor, request.params.assignmentId);
      const phases = await loadCampaignPhases(ctx.db, state.round.campaignId);
      return {
        assignmentId: state.assignment.id,
        status: state.assignment.status,
        round: presentRound(state.round),
        entry: await judgeEntry(ctx.db, state.round, state.assignment.entryId),
        spec: state.round.sheet,
        sheet: presentSheet(state.sheet, state.round.sheet),
        abilities: sheetAbilities(question(state, phases, ctx.clock.now())),
      };
    },
  );

  app.get(
    '/api/judging/assignments/:assignmentId/files/:fileId',
    { schema: { tags: ['judging'], params: ZAssignmentParams.extend({ fileId: z.string().uuid() }) } },
    async (request, reply) => {
      const file = await judgeFile({
        ctx,
        actor: requireUser(request),
        assignmentId: request.params.assignmentId,
        fileId: request.params.fileId,
        range: request.headers.range,
      });
      reply
        .type(file.type)
        .header('accept-ranges', 'bytes')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      if (!file.range) return reply.header('content-length', file.size).send(file.body);
      const { start, end } = file.range;
      return reply
        .status(206)
        .header('content-range', `bytes ${start}-${end}/${file.size}`)
        .header('content-length', end - start + 1)
        .send(file.body);
    },
  );

  app.put(
    '/api/judging/assignments/:assignmentId/sheet',
    {
      preValidation: judgeOnly,
      schema: { tags: ['judging'], params: ZAssignmentParams, body: ZSaveSheetInput, response: { 200: ZSheetAnswer } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const result = await saveSheet({ ctx, actor, assignmentId: request.params.assignmentId, sheet: request.body });
      return answer(reply, requestLocale(request), result);
    },
  );

  app.post(
    '/api/judging/assignments/:assignmentId/sheet/submit',
    {
      preValidation: judgeOnly,
      schema: { tags: ['judging'], params: ZAssignmentParams, body: ZSubmitSheetInput, response: { 200: ZSheetAnswer } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const result = await submitSheet({ ctx, actor, assignmentId: request.params.assignmentId, body: request.body });
      return answer(reply, requestLocale(request), result);
    },
  );

  app.post(
    '/api/judging/assignments/:assignmentId/abstain',
    {
      preValidation: judgeOnly,
      schema: { tags: ['judging'], params: ZAssignmentParams, body: ZAbstainInput, response: { 200: ZSheetAnswer } },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const result = await abstainSheet({ ctx, actor, assignmentId: request.params.assignmentId, reason: request.body.reason });
      return answer(reply, requestLocale(request), result);
    },
  );

  // A PDF preview of a PPT/PPTX (issue 10 item 4), where LibreOffice is installed; PREVIEW_UNAVAILABLE otherwise.
  app.get(
    '/api/judging/assignments/:assignmentId/files/:fileId/preview.pdf',
    { schema: { tags: ['judging'], params: ZAssignmentParams.extend({ fileId: z.string().uuid() }) } },
    async (request, reply) => {
      const pdf = await judgePreview({
        ctx,
        actor: requireUser(request),
        assignmentId: request.params.assignmentId,
        fileId: request.params.fileId,
        range: request.headers.range,
      });
      reply
        .type('application/pdf')
        .header('accept-ranges', 'bytes')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(pdf.name)}`);
      if (!pdf.range) return reply.header('content-length', pdf.size).send(pdf.body);
      const { start, end } = pdf.range;
      return reply
        .status(206)
        .header('content-range', `bytes ${start}-${end}/${pdf.size}`)
        .header('content-length', end - start + 1)
        .send(pdf.body);
    },
  );
}
