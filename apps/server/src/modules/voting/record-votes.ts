import { randomUUID } from 'node:crypto';
import type { TVoteCount, TVoteCountEvent, TVoteReceipt, TVoteRules } from '@casearena/contract';
import { inArray } from 'drizzle-orm';
import { shanghaiDate, shanghaiMidnight } from '../../platform/clock/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../accounts/index.ts';
import type { CampaignPhases } from '../campaigns/index.ts';
import { certificationLevelsOf } from '../orgs/index.ts';
import type { Settled } from './vote-batcher.ts';
import { refusalError } from './vote-refusal.ts';
import {
  advanceCounts,
  advanceVoterDays,
  type Candidate,
  findOriginals,
  insertVotes,
  insertVotesAndCount,
  lockVoterDays,
  pairKey,
} from './vote-statements.ts';
import { type VotableEntryFacts, type VoterFacts, whyNotCastVote } from './voting.policy.ts';

/** A vote waiting in the batcher: who, for what, and the facts the policy was asked on before it queued. */
export interface VoteRequest {
  voterId: string;
  entryId: string;
  entry: VotableEntryFacts;
  rules: TVoteRules;
  phases: CampaignPhases;
  idempotencyKey: string;
  ip: string;
  deviceId: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_ACCOUNT_AGES = 100_000;
/** Accounts' creation times never change: a node keeps them, so a batch reads only its voters' certifications. */
const accountCreatedAt = new WeakMap<object, Map<string, Date>>();

/**
 * One batch of votes (see vote-batcher.ts): the voters' certification levels at this moment (S0-14), the policy again
 * with ctx.clock's now, then the database decides. Without a daily cap (the usual rules) that is ONE statement in
 * autocommit (vote-statements.ts `insertVotesAndCount`: the multi-row insert with ON CONFLICT DO NOTHING on the
 * once-a-day and the idempotency keys, and the counts' upsert by what it stored). With a cap, one transaction: the
 * capped voter-days locked, the insert, the voter-days and the counts advanced. Then one look-up telling replays from
 * "already voted today" when the database refused some. Answers one result per request, in order; `events` are the
 * new counts to announce (after commit: everything here has committed when it returns).
 */
export async function recordVotes(
  ctx: AppContext,
  requests: VoteRequest[],
): Promise<{ results: Array<Settled<TVoteReceipt>>; events: TVoteCountEvent[] }> {
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  const nextVoteAt = new Date(shanghaiMidnight(day).getTime() + DAY_MS);
  const results: Array<Settled<TVoteReceipt>> = new Array(requests.length);
  const refuse = (i: number, error: AppError) => {
    results[i] = { ok: false, error };
  };

  const voters = await votersAt(ctx, ctx.db, [...new Set(requests.map((r) => r.voterId))]);
  const candidates: Candidate[] = [];
  for (const [index, request] of requests.entries()) {
    const voter = voters.get(request.voterId) ?? null;
    const question = { rules: request.rules, phases: request.phases, entry: request.entry, voter, now };
    const refusal = whyNotCastVote(question);
    if (refusal || !voter) {
      refuse(index, refusalError(refusal ?? 'UNAUTHENTICATED', question));
      continue;
    }
    const weight = request.rules.weights[voter.level];
    candidates.push({ index, id: randomUUID(), request, voter, weight, cap: request.rules.dailyCapPerVoter });
  }

  let outcome: Stored;
  if (candidates.length === 0) outcome = { inserted: [], conflicted: [], overCap: [], counts: new Map() };
  else if (candidates.every((c) => c.cap === null)) {
    const { stored, counts } = await insertVotesAndCount(ctx.db, candidates, day, now);
    outcome = {
      inserted: candidates.filter((c) => stored.has(c.id)),
      conflicted: candidates.filter((c) => !stored.has(c.id)),
      overCap: [],
      counts,
    };
  } else outcome = await inTransaction(ctx.db, (tx) => storeCapped(tx, candidates, day, now));
  const { inserted, conflicted, overCap, counts } = outcome;

  const found = await findOriginals(ctx.db, [...conflicted, ...overCap], day);
  const { originals, votedToday } = found;
  // This batch's own counts (from its statement) stay; a replay of an older vote answers its entry's committed count.
  for (const [entryId, count] of found.counts) if (!counts.has(entryId)) counts.set(entryId, count);
  const countOf = (entryId: string) => counts.get(entryId) ?? zero(entryId);

  for (const c of inserted) {
    const receipt = { voteId: c.id, entryId: c.request.entryId, weight: c.weight, level: c.voter.level };
    const at = { castAt: now.toISOString(), nextVoteAt: nextVoteAt.toISOString() };
    results[c.index] = { ok: true, value: { ...receipt, ...at, count: countOf(c.request.entryId), replayed: false } };
  }
  const refused = (c: Candidate, code: 'ALREADY_VOTED_TODAY' | 'DAILY_VOTE_CAP') => {
    const { rules, phases } = requests[c.index] as VoteRequest;
    refuse(c.index, refusalError(code, { rules, phases, voter: c.voter, now }));
  };
  for (const [list, code] of [
    [conflicted, 'ALREADY_VOTED_TODAY'],
    [overCap, 'DAILY_VOTE_CAP'],
  ] as const) {
    for (const c of list) {
      const original = originals.get(pairKey(c.voter.id, c.request.idempotencyKey));
      if (!original) refused(c, votedToday.has(pairKey(c.voter.id, c.request.entryId)) ? 'ALREADY_VOTED_TODAY' : code);
      // The same key on another entry is a client's bug, never a second vote.
      else if (original.receipt.entryId !== c.request.entryId) refuse(c.index, new AppError('VALIDATION_FAILED'));
      else results[c.index] = { ok: true, value: { ...original.receipt, count: countOf(original.receipt.entryId) } };
    }
  }

  const touched = new Map(inserted.map((c) => [c.request.entryId, c.request.entry]));
  const events = [...touched].map(([entryId, entry]) => ({
    ...countOf(entryId),
    campaignId: entry.campaignId,
    themeId: entry.themeId,
  }));
  return { results, events };
}

interface Stored {
  inserted: Candidate[];
  /** Refused by the database: already voted for that entry today, or a replay of a stored key. */
  conflicted: Candidate[];
  overCap: Candidate[];
  counts: Map<string, TVoteCount>;
}

/** A batch with daily caps, in one transaction: each capped voter-day decided on its locked row. */
async function storeCapped(tx: Tx, candidates: Candidate[], day: string, now: Date): Promise<Stored> {
  // Daily caps: this batch's share of each capped voter-day is decided on its locked row.
  const free = await lockVoterDays(tx, candidates, day);
  const slotKey = (c: Candidate) => pairKey(c.request.entry.campaignId, c.voter.id);
  const inserted: Candidate[] = [];
  const conflicted: Candidate[] = [];
  const overCap: Candidate[] = [];
  let waiting = candidates;
  // Usually one round. A capped vote the database refused (already voted for that entry today, or a replay) gave its
  // slot back, so the voter's next vote of the batch gets another round: the cap counts only stored votes.
  while (waiting.length > 0) {
    const take: Candidate[] = [];
    const later: Candidate[] = [];
    const left = new Map(free);
    for (const c of waiting) {
      const slots = left.get(slotKey(c));
      if (slots === undefined) take.push(c);
      else if (slots > 0) {
        left.set(slotKey(c), slots - 1);
        take.push(c);
      } else later.push(c);
    }
    const stored = take.length > 0 ? await insertVotes(tx, take, day, now) : new Set<string>();
    for (const c of take) {
      if (!stored.has(c.id)) {
        conflicted.push(c);
        continue;
      }
      inserted.push(c);
      const slots = free.get(slotKey(c));
      if (slots !== undefined) free.set(slotKey(c), slots - 1);
    }
    waiting = later.filter((c) => (free.get(slotKey(c)) ?? 0) > 0);
    overCap.push(...later.filter((c) => (free.get(slotKey(c)) ?? 0) <= 0));
  }
  await advanceVoterDays(tx, inserted, day);

  const counts = await advanceCounts(tx, inserted, now);
  return { inserted, conflicted, overCap, counts };
}

const zero = (entryId: string): TVoteCount => ({ entryId, weight: 0, votes: 0, voidedVotes: 0 });

/** Each voter's account creation time (cached per node) and certification level now, read just before the batch stores. */
async function votersAt(ctx: AppContext, tx: Queryable, ids: string[]): Promise<Map<string, VoterFacts>> {
  let known = accountCreatedAt.get(ctx);
  if (!known) {
    known = new Map();
    accountCreatedAt.set(ctx, known);
  }
  const missing = ids.filter((id) => !known.has(id));
  const [levels, rows] = await Promise.all([
    certificationLevelsOf(tx, ids),
    missing.length > 0
      ? tx.select({ id: users.id, createdAt: users.createdAt }).from(users).where(inArray(users.id, missing))
      : Promise.resolve([]),
  ]);
  for (const row of rows) {
    known.set(row.id, row.createdAt);
    if (known.size > MAX_ACCOUNT_AGES) known.delete(known.keys().next().value as string);
  }
  const voters = new Map<string, VoterFacts>();
  for (const id of ids) {
    const createdAt = known.get(id);
    if (createdAt) voters.set(id, { id, createdAt, level: levels.get(id) ?? 'none' });
  }
  return voters;
}
