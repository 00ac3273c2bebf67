import { ZCastVote, ZVoteReceipt } from '@casearena/contract';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { castVote, drainVotes } from './cast-vote.ts';
import { guardVote, voteSignals } from './vote-guard.ts';

const ZEntryParams = z.object({ entryId: z.string().uuid() });

/**
 * POST /api/entries/:entryId/votes (issue 9 item 2, S0-14): the guard first (rate limits, the challenge), then the
 * vote. Anonymous callers hear why the entry cannot be voted for now if it cannot (not open, closed, not votable),
 * else UNAUTHENTICATED. The body carries only the idempotency key (and a solved challenge): a forged weight, level or
 * voter type is stripped by the schema and the server decides them.
 */
export const voteRoutes: FastifyPluginAsync = async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = root;
  // A stopping node answers the votes it has queued before its database closes.
  root.addHook('onClose', () => drainVotes(ctx));

  app.post(
    '/api/entries/:entryId/votes',
    { schema: { tags: ['voting'], params: ZEntryParams, body: ZCastVote, response: { 200: ZVoteReceipt } } },
    async (request) => {
      // The guard's refusal wins over any other answer: castVote awaits it before it answers or stores anything.
      const admitted = guardVote(request);
      admitted.catch(() => {});
      const { entryId } = request.params;
      const { idempotencyKey } = request.body;
      return castVote(ctx, request.user ?? null, { entryId, idempotencyKey, ...voteSignals(request), admitted });
    },
  );
};
