import type { TEntry, TScreeningInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { endOfShanghaiDay, formatShanghai } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../accounts/index.ts';
import { findEntry } from './entries.repo.ts';
import { entries, screeningDecisions } from './entries.tables.ts';
import { transitionEntry } from './transition-entry.ts';

const TO = { pass: 'passed', return: 'returned', exclude: 'excluded' } as const;

/**
 * A screener decides a submitted entry (S0-8): pass (it appears on the theme page), return with reasons,
 * suggestions and a correction deadline (S3-5), or exclude. The decision is kept, audited with the entry's
 * transition, and the entry's author is told by email or SMS after commit.
 */
export async function screenEntry(ctx: AppContext, actor: Actor, entry: TEntry, input: TScreeningInput): Promise<TEntry> {
  const now = ctx.clock.now();
  const deadline = input.decision === 'return' ? endOfShanghaiDay(input.correctionDeadline) : null;
  if (deadline && deadline <= now) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'correctionDeadline', code: 'OUT_OF_RANGE' }]);
  }
  const reasons = input.decision === 'pass' ? '' : input.reasons;
  const suggestions = input.decision === 'return' ? input.suggestions : '';
  await inTransaction(
    ctx.db,
    async (tx, afterCommit) => {
      await transitionEntry(tx, {
        entryId: entry.id,
        campaignId: entry.campaignId,
        from: ['submitted'],
        to: TO[input.decision],
        actorId: actor.id,
        at: now,
        data: { reasons, suggestions, correctionDeadline: deadline?.toISOString() ?? null },
      });
      await tx.insert(screeningDecisions).values({
        entryId: entry.id,
        decision: input.decision,
        reasons,
        suggestions,
        correctionDeadline: deadline,
        decidedBy: actor.id,
        decidedAt: now,
      });
      afterCommit(() => notifyAuthor(ctx, entry, input.decision, reasons, deadline, now));
    },
    (err) => ctx.log.error({ err }, 'screening notice failed'),
  );
  return (await findEntry(ctx.db, entry.id)) as TEntry;
}

async function notifyAuthor(
  ctx: AppContext,
  entry: TEntry,
  decision: TScreeningInput['decision'],
  reasons: string,
  deadline: Date | null,
  at: Date,
) {
  const [author] = await ctx.db
    .select({ email: users.email, phone: users.phone })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.authorId))
    .where(eq(entries.id, entry.id));
  if (!author) return;
  const what = `您申报的案例“${entry.title}”（${entry.number ?? ''}）`;
  const body = {
    pass: `${what}已通过审核，将在主题页面展示。`,
    return: `${what}需要修改：${reasons}。请在 ${deadline ? formatShanghai(deadline) : ''}（北京时间）前修改并重新提交。`,
    exclude: `${what}未通过审核：${reasons}。`,
  }[decision];
  const message = { subject: 'CaseArena 案例擂台：案例审核结果', body };
  if (author.email) await ctx.sender.send({ channel: 'email', to: author.email, ...message }, at);
  else if (author.phone) await ctx.sender.send({ channel: 'sms', to: author.phone, ...message }, at);
}
