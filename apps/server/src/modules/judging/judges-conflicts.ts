import type { TJudgeConflictsInput } from '@casearena/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { organizations } from '../orgs/index.ts';
import { judgeConflicts, judges } from './judging.tables.ts';
import { poolAccess, whyNotDeclareConflicts } from './pool.policy.ts';
import { type JudgeRow, lockJudge } from './pool.repo.ts';

type ConflictItems = TJudgeConflictsInput['items'];

/**
 * Replaces the judge's declared units on the locked judge row, in the caller's transaction: every unit must be
 * registered (`{path}.N.organizationId` INVALID_CHOICE) and listed once (DUPLICATE). Bumps the judge's version and
 * writes `judge.conflicts_declared` naming who declared (the judge themself or a manager).
 */
export async function writeConflicts(input: {
  tx: Tx;
  actor: Actor;
  judge: JudgeRow;
  items: ConflictItems;
  /** Where the list sits in the request body, for the field errors. */
  path: string;
  at: Date;
}): Promise<void> {
  const { tx, judge, items, at } = input;
  const ids = items.map((i) => i.organizationId);
  const known = new Set(
    ids.length === 0
      ? []
      : (await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, ids))).map((r) => r.id),
  );
  const fields = items.flatMap((item, i): Array<{ path: string; code: 'INVALID_CHOICE' | 'DUPLICATE' }> => {
    const path = `${input.path}.${i}.organizationId`;
    if (!known.has(item.organizationId)) return [{ path, code: 'INVALID_CHOICE' }];
    return ids.indexOf(item.organizationId) === i ? [] : [{ path, code: 'DUPLICATE' }];
  });
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
  await tx.delete(judgeConflicts).where(eq(judgeConflicts.judgeId, judge.id));
  if (items.length > 0) {
    await tx
      .insert(judgeConflicts)
      .values(items.map((i) => ({ judgeId: judge.id, organizationId: i.organizationId, note: i.note, createdAt: at })));
  }
  const [bumped] = await tx
    .update(judges)
    .set({ version: sql`${judges.version} + 1` })
    .where(and(eq(judges.id, judge.id), eq(judges.version, judge.version)))
    .returning({ version: judges.version });
  if (!bumped) throw new AppError('STALE_VERSION');
  await appendAudit(tx, {
    kind: 'judge.conflicts_declared',
    actorId: input.actor.id,
    subjectType: 'judge',
    subjectId: judge.id,
    data: { organizerId: judge.organizerId, organizationIds: ids, by: judge.userId === input.actor.id ? 'judge' : 'manager' },
    at,
  });
  judge.version = bumped.version;
}

/**
 * PUT /api/judges/:judgeId/conflicts: the judge themself or the organizer's managers declare the units the judge
 * works for or is tied to, replacing the set (`whyNotDeclareConflicts`: NOT_FOUND outside the organizer, FORBIDDEN
 * for a screener, WRONG_STATUS for a declined or removed judge); a `version` other than the locked row's is
 * STALE_VERSION.
 */
export async function declareConflicts(
  ctx: AppContext,
  input: { actor: Actor; judgeId: string; body: TJudgeConflictsInput },
): Promise<void> {
  const { actor, body } = input;
  await inTransaction(ctx.db, async (tx) => {
    const judge = await lockJudge(tx, input.judgeId);
    if (!judge) throw new AppError('NOT_FOUND');
    const refusal = whyNotDeclareConflicts(await poolAccess(tx, actor, judge.organizerId), actor, judge);
    if (refusal) throw new AppError(refusal);
    if (body.version !== undefined && body.version !== judge.version) throw new AppError('STALE_VERSION');
    await writeConflicts({ tx, actor, judge, items: body.items, path: 'items', at: ctx.clock.now() });
  });
}
