import {
  ZEntryJudgingResults,
  ZFreezeAnswer,
  ZPublishAnswer,
  ZResultPreview,
  ZResultRule,
  ZRoundProgress,
  ZRoundRanking,
} from '@casearena/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/http/errors.ts';
import { entryJudgingResults } from './result-entry.ts';
import { loadRound, resultCaller } from './result-facts.ts';
import { assertManages, assertOrganizerStaff } from './result-policy.ts';
import { exportRanking, exportSheets, XLSX_TYPE } from './results-excel.ts';
import { freezeResults, presentPreview, previewOf } from './results-freeze.ts';
import { roundProgress } from './results-progress.ts';
import { publishResults } from './results-publish.ts';
import { linesOf, rankingView } from './results-ranking.ts';

const ZRoundParams = z.object({ roundId: z.string().uuid() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A round's results (issue 10 items 5-7): the panel's progress, the ranking with breakdowns and panel quality,
 * the advancement or tier rule previewed, frozen and published, and an entry's published results. The writes
 * ask who the caller is before the body is validated, so a stranger learns nothing from field errors (NOT_FOUND);
 * the use cases decide the round's status again on its locked row.
 */
export async function resultRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;

  const managersOnly = async (request: FastifyRequest) => {
    const { roundId } = request.params as { roundId: string };
    const actor = requireUser(request);
    if (!UUID.test(roundId)) throw new AppError('NOT_FOUND');
    assertManages(await resultCaller(ctx.db, actor, await loadRound(ctx.db, roundId)));
  };
  const staffOnly = async (request: FastifyRequest) => {
    const { roundId } = request.params as { roundId: string };
    const actor = requireUser(request);
    if (!UUID.test(roundId)) throw new AppError('NOT_FOUND');
    assertOrganizerStaff(await resultCaller(ctx.db, actor, await loadRound(ctx.db, roundId)));
  };

  app.get(
    '/api/judging/rounds/:roundId/progress',
    { schema: { tags: ['judging'], params: ZRoundParams, response: { 200: ZRoundProgress } } },
    async (request) => {
      const actor = requireUser(request);
      const round = await loadRound(ctx.db, request.params.roundId);
      return roundProgress(ctx.db, await resultCaller(ctx.db, actor, round), round);
    },
  );

  app.get(
    '/api/judging/rounds/:roundId/ranking',
    { schema: { tags: ['judging'], params: ZRoundParams, response: { 200: ZRoundRanking } } },
    async (request) => {
      const actor = requireUser(request);
      const round = await loadRound(ctx.db, request.params.roundId);
      return rankingView(ctx.db, await resultCaller(ctx.db, actor, round), round);
    },
  );

  app.post(
    '/api/judging/rounds/:roundId/results/preview',
    {
      preValidation: staffOnly,
      schema: { tags: ['judging'], params: ZRoundParams, body: ZResultRule, response: { 200: ZResultPreview } },
    },
    async (request) => {
      const round = await loadRound(ctx.db, request.params.roundId);
      const { lines, facts } = await linesOf(ctx.db, round);
      return presentPreview(round.id, previewOf(lines, request.body), facts);
    },
  );

  app.post(
    '/api/judging/rounds/:roundId/results/freeze',
    {
      preValidation: managersOnly,
      schema: { tags: ['judging'], params: ZRoundParams, body: ZResultRule, response: { 200: ZFreezeAnswer } },
    },
    async (request) => freezeResults({ ctx, actor: requireUser(request), roundId: request.params.roundId, rule: request.body }),
  );

  app.post(
    '/api/judging/rounds/:roundId/results/publish',
    { preValidation: managersOnly, schema: { tags: ['judging'], params: ZRoundParams, response: { 200: ZPublishAnswer } } },
    async (request) => publishResults({ ctx, actor: requireUser(request), roundId: request.params.roundId }),
  );

  app.get(
    '/api/entries/:entryId/judging-results',
    { schema: { tags: ['judging'], params: z.object({ entryId: z.string().uuid() }), response: { 200: ZEntryJudgingResults } } },
    async (request) => entryJudgingResults(ctx.db, requireUser(request), request.params.entryId),
  );

  // The organizer's Excel exports (issue 10 item 7): every score sheet, and the ranking with its figures.
  for (const [name, run] of [
    ['sheets', exportSheets],
    ['ranking', exportRanking],
  ] as const) {
    app.get(
      `/api/judging/rounds/:roundId/${name}.xlsx`,
      { schema: { tags: ['judging'], params: ZRoundParams } },
      async (request, reply) => {
        const body = await run(ctx.db, requireUser(request), request.params.roundId);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${name}-${request.params.roundId}.xlsx"`)
          .send(body);
      },
    );
  }
}
