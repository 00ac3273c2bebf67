import type { CertificationLevel, TVoteCount, TVoteReceipt } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { shanghaiMidnight } from '../../platform/clock/index.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import type { VotableEntryFacts, VoterFacts } from './voting.policy.ts';

// The statements of one vote batch (record-votes.ts), each one round trip for the whole batch: column arrays go in as
// single parameters and `unnest` turns them into rows, so the statement text is the same for 1 vote or 200.

/** A vote of the batch that the policy let through, with the weight its voter's level gives now. */
export interface Candidate {
  index: number;
  id: string;
  request: { entryId: string; entry: VotableEntryFacts; idempotencyKey: string; ip: string; deviceId: string | null };
  voter: VoterFacts;
  weight: number;
  cap: number | null;
}

export interface Original {
  receipt: Omit<TVoteReceipt, 'count'>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;
const uuids = (values: string[]) => sql`${sql.param(values)}::uuid[]`;
const texts = (values: Array<string | null>) => sql`${sql.param(values)}::text[]`;
const ints = (values: number[]) => sql`${sql.param(values)}::int[]`;
export const pairKey = (a: string, b: string) => `${a} ${b}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Creates and locks (FOR UPDATE, by the upsert's DO UPDATE) each capped voter-day of the batch, in key order so two
 * batches never wait on each other crosswise; answers the free slots per "campaign voter".
 */
export async function lockVoterDays(tx: Tx, candidates: Candidate[], day: string): Promise<Map<string, number>> {
  const caps = new Map<string, { campaignId: string; voterId: string; cap: number }>();
  for (const c of candidates) {
    if (c.cap === null) continue;
    caps.set(pairKey(c.request.entry.campaignId, c.voter.id), {
      campaignId: c.request.entry.campaignId,
      voterId: c.voter.id,
      cap: c.cap,
    });
  }
  const free = new Map<string, number>();
  if (caps.size === 0) return free;
  const keys = [...caps.keys()].sort(byText);
  const rows = rowsOf(
    await tx.execute(sql`
      insert into voter_days (campaign_id, voter_id, day, used)
      select c, v, ${day}::date, 0 from unnest(${uuids(keys.map((k) => caps.get(k)?.campaignId as string))}, ${uuids(keys.map((k) => caps.get(k)?.voterId as string))}) as x(c, v)
      on conflict (campaign_id, voter_id, day) do update set used = voter_days.used
      returning campaign_id, voter_id, used`),
  );
  for (const row of rows) {
    const key = pairKey(String(row.campaign_id), String(row.voter_id));
    free.set(key, Math.max(0, (caps.get(key)?.cap ?? 0) - Number(row.used)));
  }
  return free;
}

const voteOrder = (a: Candidate, b: Candidate) =>
  byText(a.voter.id, b.voter.id) ||
  byText(a.request.entryId, b.request.entryId) ||
  byText(a.request.idempotencyKey, b.request.idempotencyKey);

/** The batch's vote rows as one set of column arrays, in key order (index locks in one order across batches). */
function voteRows(take: Candidate[], day: string, now: Date) {
  const rows = [...take].sort(voteOrder);
  return sql`
    select id, campaign_id, theme_id, entry_id, voter_id, ${day}::date as day, ${now.toISOString()}::timestamptz as cast_at, weight, level, ip, device_id, key
    from unnest(
      ${uuids(rows.map((c) => c.id))}, ${uuids(rows.map((c) => c.request.entry.campaignId))},
      ${uuids(rows.map((c) => c.request.entry.themeId))}, ${uuids(rows.map((c) => c.request.entryId))},
      ${uuids(rows.map((c) => c.voter.id))}, ${ints(rows.map((c) => c.weight))}, ${texts(rows.map((c) => c.voter.level))},
      ${texts(rows.map((c) => c.request.ip))}, ${texts(rows.map((c) => c.request.deviceId))},
      ${texts(rows.map((c) => c.request.idempotencyKey))}
    ) as t(id, campaign_id, theme_id, entry_id, voter_id, weight, level, ip, device_id, key)`;
}

const VOTE_COLUMNS = sql.raw(
  'id, campaign_id, theme_id, entry_id, voter_id, day, cast_at, weight, level, ip, device_id, idempotency_key',
);

/** One multi-row insert; the database refuses a second vote of the day and a reused key. Answers the stored ids. */
export async function insertVotes(tx: Tx, take: Candidate[], day: string, now: Date): Promise<Set<string>> {
  const result = await tx.execute(sql`
    insert into votes (${VOTE_COLUMNS}) ${voteRows(take, day, now)}
    on conflict do nothing
    returning id`);
  return new Set(rowsOf(result).map((r) => String(r.id)));
}

/**
 * The batch without daily caps in ONE statement, committed on its own (no BEGIN/COMMIT round trips): the multi-row
 * insert (ON CONFLICT DO NOTHING: once a day per entry, the idempotency key) and the upsert of the counts by what it
 * stored, as data-modifying CTEs, so the rows and their counts commit together or not at all. Answers the stored ids
 * and the new counts of the entries it counted.
 */
export async function insertVotesAndCount(
  db: Queryable,
  take: Candidate[],
  day: string,
  now: Date,
): Promise<{ stored: Set<string>; counts: Map<string, TVoteCount> }> {
  const rows = rowsOf(
    await db.execute(sql`
      with ins as (
        insert into votes (${VOTE_COLUMNS}) ${voteRows(take, day, now)}
        on conflict do nothing
        returning id, entry_id, campaign_id, theme_id, weight
      ), agg as (
        select entry_id, campaign_id, theme_id, sum(weight)::int as w, count(*)::int as n from ins group by entry_id, campaign_id, theme_id
      ), cnt as (
        insert into vote_counts (entry_id, campaign_id, theme_id, weight, votes, last_vote_at)
        select entry_id, campaign_id, theme_id, w, n, ${now.toISOString()}::timestamptz from agg order by entry_id
        on conflict (entry_id) do update set
          weight = vote_counts.weight + excluded.weight,
          votes = vote_counts.votes + excluded.votes,
          last_vote_at = greatest(vote_counts.last_vote_at, excluded.last_vote_at)
        returning entry_id, weight, votes, voided_votes
      )
      select 'v' as k, id::text as id, 0::bigint as weight, 0 as votes, 0 as voided_votes from ins
      union all
      select 'c', entry_id::text, weight, votes, voided_votes from cnt`),
  );
  const stored = new Set<string>();
  const counts = new Map<string, TVoteCount>();
  for (const row of rows) {
    const id = String(row.id);
    if (row.k === 'v') stored.add(id);
    else
      counts.set(id, {
        entryId: id,
        weight: Number(row.weight),
        votes: Number(row.votes),
        voidedVotes: Number(row.voided_votes),
      });
  }
  return { stored, counts };
}

/** Advances each capped voter-day by the votes of this batch that were stored. */
export async function advanceVoterDays(tx: Tx, inserted: Candidate[], day: string): Promise<void> {
  const used = new Map<string, { campaignId: string; voterId: string; n: number }>();
  for (const c of inserted) {
    if (c.cap === null) continue;
    const key = pairKey(c.request.entry.campaignId, c.voter.id);
    const hit = used.get(key) ?? { campaignId: c.request.entry.campaignId, voterId: c.voter.id, n: 0 };
    hit.n += 1;
    used.set(key, hit);
  }
  if (used.size === 0) return;
  const list = [...used.values()];
  await tx.execute(sql`
    update voter_days as d set used = d.used + x.n
    from unnest(${uuids(list.map((u) => u.campaignId))}, ${uuids(list.map((u) => u.voterId))}, ${ints(list.map((u) => u.n))}) as x(c, v, n)
    where d.campaign_id = x.c and d.voter_id = x.v and d.day = ${day}::date`);
}

/**
 * For the votes the database refused or the cap held back: the stored vote under the same key (a replay's original,
 * keyed "voter key"), whether the voter already voted for that entry today (keyed "voter entry"), and those entries'
 * counts as committed (one statement: a batch of duplicates costs two round trips, not three).
 */
export async function findOriginals(
  tx: Queryable,
  refused: Candidate[],
  day: string,
): Promise<{ originals: Map<string, Original>; votedToday: Set<string>; counts: Map<string, TVoteCount> }> {
  const originals = new Map<string, Original>();
  const votedToday = new Set<string>();
  const counts = new Map<string, TVoteCount>();
  if (refused.length === 0) return { originals, votedToday, counts };
  const rows = rowsOf(
    await tx.execute(sql`
      select distinct v.id, v.entry_id, v.voter_id, v.idempotency_key, v.weight, v.level, v.cast_at, v.day::text as day,
        c.weight as count_weight, c.votes as count_votes, c.voided_votes as count_voided
      from votes v
      left join vote_counts c on c.entry_id = v.entry_id
      join unnest(${uuids(refused.map((c) => c.voter.id))}, ${texts(refused.map((c) => c.request.idempotencyKey))},
        ${uuids(refused.map((c) => c.request.entryId))}) as x(voter_id, key, entry_id)
        on v.voter_id = x.voter_id and (v.idempotency_key = x.key or (v.entry_id = x.entry_id and v.day = ${day}::date))`),
  );
  for (const row of rows) {
    const entryId = String(row.entry_id);
    counts.set(entryId, {
      entryId,
      weight: Number(row.count_weight ?? 0),
      votes: Number(row.count_votes ?? 0),
      voidedVotes: Number(row.count_voided ?? 0),
    });
    if (String(row.day) === day) votedToday.add(pairKey(String(row.voter_id), String(row.entry_id)));
    const next = new Date(shanghaiMidnight(String(row.day)).getTime() + DAY_MS);
    originals.set(pairKey(String(row.voter_id), String(row.idempotency_key)), {
      receipt: {
        voteId: String(row.id),
        entryId: String(row.entry_id),
        weight: Number(row.weight),
        level: row.level as CertificationLevel,
        castAt: new Date(row.cast_at as string | Date).toISOString(),
        nextVoteAt: next.toISOString(),
        replayed: true,
      },
    });
  }
  return { originals, votedToday, counts };
}

/** One upsert for every entry the batch counted, in entry order (row locks in one order across batches). */
export async function advanceCounts(tx: Tx, inserted: Candidate[], now: Date): Promise<Map<string, TVoteCount>> {
  const perEntry = new Map<string, { entry: VotableEntryFacts; weight: number; votes: number }>();
  for (const c of inserted) {
    const hit = perEntry.get(c.request.entryId) ?? { entry: c.request.entry, weight: 0, votes: 0 };
    hit.weight += c.weight;
    hit.votes += 1;
    perEntry.set(c.request.entryId, hit);
  }
  const counts = new Map<string, TVoteCount>();
  if (perEntry.size === 0) return counts;
  const ids = [...perEntry.keys()].sort(byText);
  const of = (id: string) => perEntry.get(id) as { entry: VotableEntryFacts; weight: number; votes: number };
  const rows = rowsOf(
    await tx.execute(sql`
      insert into vote_counts (entry_id, campaign_id, theme_id, weight, votes, last_vote_at)
      select e, c, t, w, n, ${now.toISOString()}::timestamptz
      from unnest(${uuids(ids)}, ${uuids(ids.map((id) => of(id).entry.campaignId))}, ${uuids(ids.map((id) => of(id).entry.themeId))},
        ${ints(ids.map((id) => of(id).weight))}, ${ints(ids.map((id) => of(id).votes))}) as x(e, c, t, w, n)
      on conflict (entry_id) do update set
        weight = vote_counts.weight + excluded.weight,
        votes = vote_counts.votes + excluded.votes,
        last_vote_at = greatest(vote_counts.last_vote_at, excluded.last_vote_at)
      returning entry_id, weight, votes, voided_votes`),
  );
  for (const row of rows) {
    const entryId = String(row.entry_id);
    counts.set(entryId, { entryId, weight: Number(row.weight), votes: Number(row.votes), voidedVotes: Number(row.voided_votes) });
  }
  return counts;
}
