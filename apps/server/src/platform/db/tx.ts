import type { Db, Tx } from './client.ts';

export type AfterCommit = (effect: () => Promise<void> | void) => void;

/**
 * Runs `work` in one transaction and, only after it committed, the effects it queued. An effect that fails never
 * undoes the committed change. Effects live in memory, so they are for what may be lost in a crash (cache
 * invalidation, the prompt to deliver the outbox now); mail and SMS are outbox rows written inside `work`
 * (platform/outbox), which survive a crash and are retried.
 */
export async function inTransaction<T>(
  db: Db,
  work: (tx: Tx, afterCommit: AfterCommit) => Promise<T>,
  onEffectError: (err: unknown) => void = () => {},
): Promise<T> {
  const effects: Array<() => Promise<void> | void> = [];
  const result = await db.transaction((tx) => work(tx, (effect) => effects.push(effect)));
  for (const effect of effects) {
    try {
      await effect();
    } catch (err) {
      onEffectError(err);
    }
  }
  return result;
}

/** Postgres unique-violation name, unwrapped from drizzle's error wrapper. */
export function uniqueViolation(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth += 1) {
    const candidate = e as { code?: string; constraint?: string; cause?: unknown };
    if (candidate.code === '23505') return candidate.constraint ?? '';
    e = candidate.cause;
  }
  return null;
}
