import type { TVoteCount, TVoteReceipt } from '@casearena/contract';
import { shanghaiMidnight } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { announceCounts } from './live.ts';
import { recordVotes, type VoteRequest } from './record-votes.ts';
import { type Batcher, type BatcherOptions, createBatcher, type Settled } from './vote-batcher.ts';
import { voteFactsOf } from './vote-facts.ts';
import { refusalError } from './vote-refusal.ts';
import { whyNotCastVote } from './voting.policy.ts';
import { findVoteByKey, readCount } from './voting.repo.ts';

export interface CastVoteInput {
  entryId: string;
  idempotencyKey: string;
  /** The fraud signals the guard answered (vote-guard.ts), kept on the vote row. */
  ip: string;
  deviceId: string | null;
  /**
   * The guard's verdict (vote-guard.ts `guardVote`), still on its way: a vote waits for it in the batch window and is
   * stored only when it resolves; its rejection is the answer, before any other refusal.
   */
  admitted: Promise<void>;
}

/** A queued vote with the guard's verdict it waits for. */
type Queued = VoteRequest & { admitted: Promise<void> };

/**
 * Group commit's settings. PGlite has one connection, so one batch at a time; PostgreSQL's pool lets a second batch
 * fill while the first commits. A batch goes after `windowMs` or at `maxSize` requests.
 */
export const BATCH_SETTINGS = {
  pglite: { windowMs: 2, maxSize: 200, concurrency: 1 },
  postgresql: { windowMs: 2, maxSize: 200, concurrency: 2 },
} satisfies Record<AppContext['dbKind'], BatcherOptions>;

/** SQLSTATEs after which the batch is simply run again: a deadlock between two batches, a serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** One batcher per app (one per process in production); tests with several apps get one each. */
const batchers = new WeakMap<AppContext, Batcher<Queued, TVoteReceipt>>();

function batcherOf(ctx: AppContext): Batcher<Queued, TVoteReceipt> {
  let batcher = batchers.get(ctx);
  if (!batcher) {
    batcher = createBatcher((requests) => runBatch(ctx, requests), BATCH_SETTINGS[ctx.dbKind]);
    batchers.set(ctx, batcher);
  }
  return batcher;
}

/** A batch: the guard's verdicts first (usually in by now), then the admitted votes stored together. */
async function runBatch(ctx: AppContext, queued: Queued[]): Promise<Array<Settled<TVoteReceipt>>> {
  const verdicts = await Promise.allSettled(queued.map((q) => q.admitted));
  if (verdicts.every((v) => v.status === 'fulfilled')) return storeBatch(ctx, queued);
  const results: Array<Settled<TVoteReceipt>> = new Array(queued.length);
  const admitted: number[] = [];
  verdicts.forEach((v, i) => {
    if (v.status === 'rejected') results[i] = { ok: false, error: v.reason };
    else admitted.push(i);
  });
  if (admitted.length === 0) return results;
  const stored = await storeBatch(
    ctx,
    admitted.map((i) => queued[i] as Queued),
  );
  stored.forEach((r, j) => {
    results[admitted[j] as number] = r;
  });
  return results;
}

async function storeBatch(ctx: AppContext, requests: VoteRequest[]): Promise<Array<Settled<TVoteReceipt>>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { results, events } = await recordVotes(ctx, requests);
      // After commit only (recordVotes returns once its statement or transaction committed): a rolled-back count is
      // never shown.
      if (events.length > 0) announceCounts(ctx, events);
      return results;
    } catch (err) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(err) ?? '')) throw err;
    }
  }
}

function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A voter's vote for an entry (S0-14): refused at once when the entry is not on the ballot or the phase is
 * not running (no query when the facts are cached), otherwise queued for the next batch, which asks the whole policy
 * again with the voter's certification at that moment and lets the database enforce once a day per entry, the daily
 * cap and the idempotency key. Answers once the vote row is committed; a replay answers the first vote's receipt.
 * The guard's verdict (`input.admitted`: rate limits, challenge) is awaited before any answer, refusal or store, so
 * its refusal comes first as before. No audit row: the vote row is the record.
 */
export async function castVote(ctx: AppContext, actor: Actor | null, input: CastVoteInput): Promise<TVoteReceipt> {
  const facts = await voteFactsOf(ctx, input.entryId);
  if (!facts) {
    await input.admitted;
    throw new AppError('NOT_FOUND');
  }
  const { entry, rules, phases } = facts;
  const now = ctx.clock.now();
  // Without a voter the policy stops at UNAUTHENTICATED once the entry and the phase are fine: an anonymous caller
  // hears "not open yet" before "sign in".
  const early = whyNotCastVote({ rules, phases, entry, voter: null, now }) ?? 'UNAUTHENTICATED';
  if (early !== 'UNAUTHENTICATED' || !actor || !rules || !phases) {
    await input.admitted;
    // Refused now, but a retry of a vote cast before (the phase closed at midnight in between) answers that vote.
    const original = actor ? await findVoteByKey(ctx.db, actor.id, input.idempotencyKey) : null;
    if (original?.entryId === input.entryId) return replayOf(original, await readCount(ctx.db, input.entryId));
    throw refusalError(early, { rules, phases, voter: null, now });
  }
  return batcherOf(ctx).submit({ voterId: actor.id, ...input, entry, rules, phases });
}

const DAY_MS = 24 * 60 * 60 * 1000;

function replayOf(vote: NonNullable<Awaited<ReturnType<typeof findVoteByKey>>>, count: TVoteCount): TVoteReceipt {
  const { day, castAt, ...rest } = vote;
  const nextVoteAt = new Date(shanghaiMidnight(day).getTime() + DAY_MS).toISOString();
  return { ...rest, castAt: castAt.toISOString(), nextVoteAt, count, replayed: true };
}

/** Waits until every queued vote of this app has been answered (shutdown, tests). */
export function drainVotes(ctx: AppContext): Promise<void> {
  return batchers.get(ctx)?.drain() ?? Promise.resolve();
}
