import { randomBytes } from 'node:crypto';
import type { TCampaign } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
// Bulk rows for speed: the tables come from db/schema.ts (never a module's tables file), the rest from index.ts files.
import { entries, users, voteCounts, votes } from '../db/schema.ts';
import { simulateVoting } from '../modules/voting/index.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { shanghaiDate, shanghaiMidnight } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { generateEntries, openDemoCall } from './demo-generator.ts';

const DAY = 24 * 3600 * 1000;
/** Passed entries in the voting demo call: 20 generated hospitals, each with a case in each of the first four themes. */
const VOTING_ENTRIES = 80;
/** Voting began this many days ago: the simulated votes fill those whole days, today is left to the demo voters. */
const DAYS_VOTED = 2;

/**
 * A third demo call in its public voting phase (issue 9): screening is over (every entry passed), voting began two
 * days ago, and those two days carry simulated votes — honest voters (a hospital's staff mobilized on the first
 * morning among them) and planted brushing rings of each shape (a burst of fresh accounts, a co-voting ring, a
 * device farm, a slow drip) that the organizer's voting dashboard flags. The simulated voters cannot sign in (their
 * password is random). Votes are rows written in bulk with the counts derived from them in one statement, so
 * `npm run cli -- votes verify --campaign <id>` passes; today is left free for the demo voters.
 */
export async function seedVotingDemo(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
): Promise<{ campaign: TCampaign; votes: number }> {
  const campaign = await openDemoCall(ctx, staff, organizerId, {
    phase: 'voting',
    daysIn: DAYS_VOTED,
    suffix: '（演示·网络投票进行中）',
  });
  await generateEntries(ctx, staff, campaign, VOTING_ENTRIES, {
    author: 'demo-voting-author@demo.casearena.cn',
    allPassed: true,
  });
  const passed = await ctx.db
    .select({ id: entries.id, themeId: entries.themeId })
    .from(entries)
    .where(and(eq(entries.campaignId, campaign.id), eq(entries.status, 'passed')))
    .orderBy(entries.number);
  if (passed.length === 0) return { campaign, votes: 0 };

  const start = shanghaiMidnight(shanghaiDate(new Date(ctx.clock.now().getTime() - DAYS_VOTED * DAY)));
  const sim = simulateVoting({
    seed: 2022,
    days: DAYS_VOTED,
    entries: passed.length,
    themes: campaign.themes.length,
    hospitals: 20,
    honestVoters: 1_200,
    mobilizedStaff: 120,
    rings: 4,
    ringSizeMin: 20,
    ringSizeMax: 60,
    start,
  });
  const entryOf = new Map<string, { id: string; themeId: string }>();
  const simEntries = [...new Set(sim.votes.map((v) => v.entryId))].sort();
  simEntries.forEach((simId, i) => {
    const entry = passed[i % passed.length];
    if (entry) entryOf.set(simId, entry);
  });

  // One random, never-told password for every simulated voter: they exist to have voted, not to sign in.
  const passwordHash = await hashPassword(randomBytes(18).toString('base64url'));
  const created = new Map<string, Date>();
  for (const v of sim.votes) if (!created.has(v.voterId)) created.set(v.voterId, v.voterCreatedAt);
  const voterIds = new Map<string, string>();
  const simVoters = [...created.keys()];
  for (let i = 0; i < simVoters.length; i += 500) {
    const batch = simVoters.slice(i, i + 500);
    const rows = await ctx.db
      .insert(users)
      .values(
        batch.map((simId, j) => {
          const at = created.get(simId) ?? start;
          return {
            name: `演示投票人${String(i + j + 1).padStart(4, '0')}`,
            email: `demo-voter-${i + j + 1}@voters.demo.casearena.cn`,
            passwordHash,
            createdAt: at,
            updatedAt: at,
          };
        }),
      )
      .returning({ id: users.id });
    batch.forEach((simId, j) => {
      const row = rows[j];
      if (row) voterIds.set(simId, row.id);
    });
  }

  // A simulated voter holds no certification, so every one of their votes weighs a registered user's +1 (S0-14).
  const today = shanghaiMidnight(shanghaiDate(ctx.clock.now()));
  const rows = sim.votes.flatMap((v) => {
    const entry = entryOf.get(v.entryId);
    // A ring's last votes may spill past the simulated days: today stays free for the demo voters.
    if (v.at >= today) return [];
    const voterId = voterIds.get(v.voterId);
    if (!entry || !voterId) return [];
    return [
      {
        campaignId: campaign.id,
        themeId: entry.themeId,
        entryId: entry.id,
        voterId,
        day: shanghaiDate(v.at),
        castAt: v.at,
        weight: 1,
        level: 'none' as const,
        ip: v.ip,
        deviceId: v.deviceId,
        idempotencyKey: `demo-${v.voteId}`,
      },
    ];
  });
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1_000) {
    // The simulation may map two of a voter's votes of one day to one entry: the once-a-day key keeps the first.
    const done = await ctx.db
      .insert(votes)
      .values(rows.slice(i, i + 1_000))
      .onConflictDoNothing()
      .returning({ id: votes.id });
    inserted += done.length;
  }
  await ctx.db.execute(sql`
    insert into ${voteCounts} (entry_id, campaign_id, theme_id, weight, votes, voided_weight, voided_votes, last_vote_at)
    select entry_id, campaign_id, theme_id, sum(weight), count(*), 0, 0, max(cast_at)
    from ${votes} where campaign_id = ${campaign.id}
    group by entry_id, campaign_id, theme_id`);
  return { campaign, votes: inserted };
}
