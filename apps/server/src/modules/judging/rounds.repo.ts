import type { CampaignStatus, TRoundsView, TRoundView } from '@casearena/contract';
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { type CampaignPhases, campaignPhases, loadCampaignPhases } from '../campaigns/index.ts';
import { type JudgingAccess, whyNotCloseRound, whyNotEditRound, whyNotEditRounds, whyNotOpenRound } from './judging.policy.ts';
import { judgingRounds, roundEntries } from './judging.tables.ts';
import { type RoundFields, reachesOverlap, reachOf } from './rounds-validate.ts';

export type RoundRow = typeof judgingRounds.$inferSelect;

/** A campaign's rounds in their order (locked FOR UPDATE when `lock`, inside the caller's transaction). */
export async function loadRounds(db: Queryable, campaignId: string, lock = false): Promise<RoundRow[]> {
  const q = db.select().from(judgingRounds).where(eq(judgingRounds.campaignId, campaignId)).orderBy(asc(judgingRounds.ordinal));
  return lock ? q.for('update') : q;
}

/** A stored round's editable fields, as the PUT sends them (what the set compares and the audit records). */
export function roundFields(r: RoundRow): RoundFields {
  return {
    key: r.key,
    label: r.label,
    ordinal: r.ordinal,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    scope: r.scope,
    sheet: r.sheet,
    materials: r.materials,
    blind: r.blind,
    seeOthers: r.seeOthers,
    judgesPerEntry: r.judgesPerEntry,
    maxLoad: r.maxLoad,
    method: r.method,
    tieBreak: r.tieBreak,
  };
}

/** Another open round of the campaign that reaches one of this round's themes and tracks (one current round per theme). */
export function openRival(round: RoundRow, rounds: RoundRow[]): RoundRow | null {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const reach = reachOf(round, byId);
  return rounds.find((o) => o.id !== round.id && o.status === 'open' && reachesOverlap(reach, reachOf(o, byId))) ?? null;
}

/** The campaign's canScore phases in their order, with their labels (a round's dates lie within one of them). */
export async function scoringPhases(db: Queryable, campaignId: string) {
  const rows = await db
    .select({
      label: campaignPhases.label,
      startsAt: campaignPhases.startsAt,
      endsAt: campaignPhases.endsAt,
      capabilities: campaignPhases.capabilities,
    })
    .from(campaignPhases)
    .where(eq(campaignPhases.campaignId, campaignId))
    .orderBy(asc(campaignPhases.position));
  return rows.filter((p) => p.capabilities.includes('canScore')).map(({ capabilities: _, ...p }) => p);
}

export interface RoundContext {
  access: JudgingAccess;
  campaign: { status: CampaignStatus };
  phases: CampaignPhases;
  rounds: RoundRow[];
  counts: ReadonlyMap<string, number>;
  now: Date;
}

/** One round with the caller's abilities, from the same policy functions the routes ask. */
/** The round an advanced round's entries come from (null: not found), undefined for a round of themes. */
export function sourceOf(round: RoundRow, rounds: RoundRow[]): RoundRow | null | undefined {
  const { scope } = round;
  return scope.kind === 'advanced' ? (rounds.find((o) => o.id === scope.fromRoundId) ?? null) : undefined;
}

export function presentRound(r: RoundRow, cx: RoundContext): TRoundView {
  const open =
    whyNotOpenRound(cx.access, r, cx.phases, cx.now, sourceOf(r, cx.rounds)) ??
    (openRival(r, cx.rounds) ? 'ROUNDS_INVALID' : null);
  return {
    id: r.id,
    campaignId: r.campaignId,
    status: r.status,
    version: r.version,
    ...roundFields(r),
    entryCount: cx.counts.get(r.id) ?? 0,
    abilities: {
      edit: whyNotEditRound(cx.access, cx.campaign, r) ?? true,
      open: open ?? true,
      close: whyNotCloseRound(cx.access, r) ?? true,
    },
  };
}

export async function entryCounts(db: Queryable, roundIds: string[]): Promise<Map<string, number>> {
  if (roundIds.length === 0) return new Map();
  const rows = await db
    .select({ roundId: roundEntries.roundId, n: count() })
    .from(roundEntries)
    .where(inArray(roundEntries.roundId, roundIds))
    .groupBy(roundEntries.roundId);
  return new Map(rows.map((r) => [r.roundId, Number(r.n)]));
}

/** What the phases of a campaign look like when it has none (a campaign row always exists where this is asked). */
const NO_PHASES: CampaignPhases = { status: 'draft', phases: [] };

export async function roundContext(
  db: Queryable,
  campaignId: string,
  access: JudgingAccess,
  campaign: { status: CampaignStatus },
  now: Date,
): Promise<RoundContext> {
  const rounds = await loadRounds(db, campaignId);
  const phases = (await loadCampaignPhases(db, campaignId)) ?? NO_PHASES;
  return {
    access,
    campaign,
    phases,
    rounds,
    counts: await entryCounts(
      db,
      rounds.map((r) => r.id),
    ),
    now,
  };
}

/** GET …/judging/rounds: every round of the campaign with the caller's abilities, and the scoring phases. */
export async function roundsView(
  db: Queryable,
  campaignId: string,
  access: JudgingAccess,
  campaign: { status: CampaignStatus },
  now: Date,
): Promise<TRoundsView> {
  const cx = await roundContext(db, campaignId, access, campaign, now);
  return {
    campaignId,
    rounds: cx.rounds.map((r) => presentRound(r, cx)),
    scoringPhases: (await scoringPhases(db, campaignId)).map((p) => ({
      label: p.label,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
    })),
    abilities: { edit: whyNotEditRounds(access, campaign) ?? true },
  };
}

/** One round's view by id (the open and close answers). */
export async function roundView(
  db: Queryable,
  roundId: string,
  access: JudgingAccess,
  campaign: { status: CampaignStatus },
  now: Date,
): Promise<TRoundView> {
  const [row] = await db
    .select({ campaignId: judgingRounds.campaignId })
    .from(judgingRounds)
    .where(eq(judgingRounds.id, roundId));
  const cx = await roundContext(db, row?.campaignId as string, access, campaign, now);
  return presentRound(cx.rounds.find((r) => r.id === roundId) as RoundRow, cx);
}
