import { ZHealth } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export async function healthRoutes(
  root: FastifyInstance,
  opts: { redisStatus: () => 'connected' | 'disabled' | 'unavailable'; version: string },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/health', { schema: { tags: ['platform'], response: { 200: ZHealth } } }, async () => {
    await root.ctx.db.execute(sql`select 1`);
    return {
      status: 'ok' as const,
      database: root.ctx.dbKind,
      redis: opts.redisStatus(),
      version: opts.version,
      time: root.ctx.clock.now().toISOString(),
    };
  });
}
