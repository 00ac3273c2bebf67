import { ZHealth } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export async function healthRoutes(
  root: FastifyInstance,
  opts: { redisStatus: () => 'connected' | 'disabled' | 'unavailable'; version: string },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/health',
    { schema: { tags: ['platform'], response: { 200: ZHealth, 503: ZHealth } } },
    async (_request, reply) => {
      const reachable = await root.ctx.db.execute(sql`select 1`).then(
        () => true,
        (err: unknown) => {
          root.log.warn({ err }, 'health: the database did not answer');
          return false;
        },
      );
      return reply.status(reachable ? 200 : 503).send({
        status: reachable ? ('ok' as const) : ('unavailable' as const),
        database: root.ctx.dbKind,
        redis: opts.redisStatus(),
        version: opts.version,
        time: root.ctx.clock.now().toISOString(),
      });
    },
  );
}
