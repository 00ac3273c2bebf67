import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';

/** One entry whose vote_counts row disagrees with its vote rows: what the rows say and what the counter holds. */
export interface CountDifference {
  entryId: string;
  fromRows: { weight: number; votes: number; voidedWeight: number; voidedVotes: number };
  counted: { weight: number; votes: number; voidedWeight: number; voidedVotes: number } | null;
}

const figures = (row: Record<string, unknown>, prefix: string) => ({
  weight: Number(row[`${prefix}weight`] ?? 0),
  votes: Number(row[`${prefix}votes`] ?? 0),
  voidedWeight: Number(row[`${prefix}voided_weight`] ?? 0),
  voidedVotes: Number(row[`${prefix}voided_votes`] ?? 0),
});

/**
 * Recomputes every count of a campaign from its vote rows (issue 9 item 3) and answers the entries where the running
 * counter disagrees: weight and votes of the votes no applied void holds, voided_* of those it does. An entry with
 * rows but no counter, or a counter with no rows, is a difference too (a counter of zeros without rows is not).
 */
export async function verifyVotes(
  db: Queryable,
  campaignId: string,
): Promise<{ entries: number; votes: number; differences: CountDifference[] }> {
  const result = await db.execute(sql`
    with from_rows as (
      select v.entry_id,
        coalesce(sum(v.weight) filter (where vv.id is null), 0)::float8 as weight,
        count(*) filter (where vv.id is null)::int as votes,
        coalesce(sum(v.weight) filter (where vv.id is not null), 0)::float8 as voided_weight,
        count(*) filter (where vv.id is not null)::int as voided_votes
      from votes v
      left join vote_voids vv on vv.id = v.void_id and vv.status = 'applied'
      where v.campaign_id = ${campaignId}
      group by v.entry_id
    )
    select coalesce(r.entry_id, c.entry_id) as entry_id,
      r.weight as r_weight, r.votes as r_votes, r.voided_weight as r_voided_weight, r.voided_votes as r_voided_votes,
      c.entry_id is not null as counted,
      c.weight::float8 as c_weight, c.votes as c_votes, c.voided_weight::float8 as c_voided_weight, c.voided_votes as c_voided_votes
    from from_rows r
    full join (select * from vote_counts where campaign_id = ${campaignId}) c on c.entry_id = r.entry_id
    order by 1`);
  const rows = (result as unknown as { rows: Array<Record<string, unknown>> }).rows;
  const differences: CountDifference[] = [];
  let votes = 0;
  for (const row of rows) {
    const fromRows = figures(row, 'r_');
    const counted = row.counted === true || row.counted === 't' ? figures(row, 'c_') : null;
    votes += fromRows.votes + fromRows.voidedVotes;
    const held = counted ?? { weight: 0, votes: 0, voidedWeight: 0, voidedVotes: 0 };
    const same = (Object.keys(fromRows) as Array<keyof typeof fromRows>).every((k) => fromRows[k] === held[k]);
    const missing = counted === null && fromRows.votes + fromRows.voidedVotes > 0;
    if (!same || missing) differences.push({ entryId: String(row.entry_id), fromRows, counted });
  }
  return { entries: rows.length, votes, differences };
}

/**
 * `casearena votes verify --campaign <id>`: prints the outcome (zh-CN, then en) and each difference; 0 when every
 * count agrees with its rows, 1 otherwise.
 */
export async function runVotesVerify(
  db: Queryable,
  campaignId: string,
  out: { log: (line: string) => void; error: (line: string) => void } = console,
): Promise<number> {
  const { entries, votes, differences } = await verifyVotes(db, campaignId);
  if (differences.length === 0) {
    out.log(`票数一致：${entries} 个案例、${votes} 张选票均与计数相符 (counts agree: ${entries} entries, ${votes} votes)`);
    return 0;
  }
  out.error(`票数不一致：${differences.length} 个案例的计数与选票记录不符 (COUNTS DISAGREE for ${differences.length} entries)`);
  for (const d of differences) {
    const held = d.counted
      ? `weight ${d.counted.weight}, votes ${d.counted.votes}, voided ${d.counted.voidedVotes} (${d.counted.voidedWeight})`
      : 'no counter row';
    const rows = `weight ${d.fromRows.weight}, votes ${d.fromRows.votes}, voided ${d.fromRows.voidedVotes} (${d.fromRows.voidedWeight})`;
    out.error(`  ${d.entryId}: rows say ${rows}; counter holds ${held}`);
  }
  return 1;
}
