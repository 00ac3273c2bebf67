import { CERTIFICATION_LEVELS, type CertificationLevel, type TVotingDashboard } from '@casearena/contract';
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { detectAnomalies, subnetOf } from './detector.ts';
import { type LevelledVoteFact, loadVoteFacts } from './fraud-facts.ts';
import { voteCounts } from './voting.tables.ts';

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const NEW_ACCOUNT_MS = 24 * HOUR_MS;
const TOP = 10;

/** 'YYYY-MM-DD HH:00' of an instant in Beijing time. */
export function shanghaiHour(at: Date): string {
  const text = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 13)}:00`;
}

const noLevels = () =>
  Object.fromEntries(CERTIFICATION_LEVELS.map((l) => [l, { votes: 0, weight: 0 }])) as Record<
    CertificationLevel,
    { votes: number; weight: number }
  >;

function topSources(facts: readonly LevelledVoteFact[], keyOf: (f: LevelledVoteFact) => string | null) {
  const by = new Map<string, { votes: number; voters: Set<string> }>();
  for (const f of facts) {
    const key = keyOf(f);
    if (key === null) continue;
    const row = by.get(key) ?? { votes: 0, voters: new Set<string>() };
    row.votes += 1;
    row.voters.add(f.voterId);
    by.set(key, row);
  }
  return [...by]
    .map(([key, r]) => ({ key, votes: r.votes, voters: r.voters.size }))
    .sort((a, b) => b.votes - a.votes || b.voters - a.voters || (a.key < b.key ? -1 : 1))
    .slice(0, TOP);
}

/**
 * The organizer's voting dashboard (issue 9 item 5), read from the vote rows (never from expert results, S0-11):
 * counted votes per Beijing hour per theme, per entry with the weight by the voter's level, the share cast by
 * accounts younger than 24 h at the moment of the vote, the top addresses, subnets (/24, /64) and devices, and the
 * detector's findings over every vote (voided ones marked, so the detector knows them). The caller has checked the
 * caller may see it.
 */
export async function votingDashboard(
  ctx: AppContext,
  campaignId: string,
  canVoid: true | 'FORBIDDEN',
): Promise<TVotingDashboard> {
  const facts = await loadVoteFacts(ctx.db, campaignId);
  const counted = facts.filter((f) => !f.voided);
  const themes = await ctx.db
    .select({ id: campaignThemes.id, code: campaignThemes.code, title: campaignThemes.title })
    .from(campaignThemes)
    .where(eq(campaignThemes.campaignId, campaignId))
    .orderBy(asc(campaignThemes.position));

  const hourly = new Map<string, { hour: string; themeId: string; votes: number; weight: number }>();
  for (const f of counted) {
    const hour = shanghaiHour(f.at);
    const key = `${hour}|${f.themeId}`;
    const row = hourly.get(key) ?? { hour, themeId: f.themeId, votes: 0, weight: 0 };
    row.votes += 1;
    row.weight += f.weight;
    hourly.set(key, row);
  }
  const themeOrder = new Map(themes.map((t, i) => [t.id, i]));

  const counts = await ctx.db
    .select({
      entryId: voteCounts.entryId,
      themeId: voteCounts.themeId,
      votes: voteCounts.votes,
      weight: voteCounts.weight,
      voidedVotes: voteCounts.voidedVotes,
      number: entries.number,
      title: entries.title,
      organizationName: organizations.name,
    })
    .from(voteCounts)
    .innerJoin(entries, eq(entries.id, voteCounts.entryId))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .where(eq(voteCounts.campaignId, campaignId));
  const levels = new Map<string, Record<CertificationLevel, { votes: number; weight: number }>>();
  for (const f of counted) {
    let row = levels.get(f.entryId);
    if (!row) {
      row = noLevels();
      levels.set(f.entryId, row);
    }
    row[f.level].votes += 1;
    row[f.level].weight += f.weight;
  }
  const fresh = counted.filter((f) => f.at.getTime() - f.voterCreatedAt.getTime() < NEW_ACCOUNT_MS);
  const detection = detectAnomalies(facts);
  const voidedVotes = facts.length - counted.length;

  return {
    campaignId,
    generatedAt: ctx.clock.now().toISOString(),
    totals: {
      votes: counted.length,
      weight: counted.reduce((s, f) => s + f.weight, 0),
      voters: new Set(counted.map((f) => f.voterId)).size,
      voidedVotes,
    },
    themes,
    hourly: [...hourly.values()].sort(
      (a, b) =>
        (a.hour < b.hour ? -1 : a.hour > b.hour ? 1 : 0) || (themeOrder.get(a.themeId) ?? 0) - (themeOrder.get(b.themeId) ?? 0),
    ),
    entries: counts
      .map((c) => ({ ...c, byLevel: levels.get(c.entryId) ?? noLevels() }))
      .sort((a, b) => b.weight - a.weight || b.votes - a.votes || ((a.number ?? '') < (b.number ?? '') ? -1 : 1)),
    newAccounts: {
      votes: fresh.length,
      voters: new Set(fresh.map((f) => f.voterId)).size,
      share: counted.length === 0 ? 0 : fresh.length / counted.length,
    },
    topIps: topSources(counted, (f) => f.ip),
    topSubnets: topSources(counted, (f) => subnetOf(f.ip)),
    topDevices: topSources(counted, (f) => f.deviceId),
    flags: detection.flags.map((flag) => ({
      kind: flag.kind,
      key: flag.key,
      votes: flag.voteIds.length,
      voters: flag.voterIds.length,
      entryIds: flag.entryIds,
      figures: flag.figures,
      summary: flag.summary,
    })),
    abilities: { void: canVoid },
  };
}

/** The vote ids of the detector's findings with these keys (a void plan's `flagKeys`); unknown keys select nothing. */
export async function flaggedVoteIds(ctx: AppContext, campaignId: string, keys: readonly string[]) {
  if (keys.length === 0) return { voteIds: [] as string[], unknown: [] as string[] };
  const detection = detectAnomalies(await loadVoteFacts(ctx.db, campaignId));
  const wanted = new Set(keys);
  const found = detection.flags.filter((f) => wanted.has(f.key));
  const known = new Set(found.map((f) => f.key));
  return { voteIds: [...new Set(found.flatMap((f) => f.voteIds))], unknown: keys.filter((k) => !known.has(k)) };
}
