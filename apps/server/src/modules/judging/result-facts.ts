import type { TResultRule } from '@casearena/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import type { RankInput, SheetScores } from './aggregate.ts';
import { type JudgingAccess, judgingAccess, type PanelRelation, panelRelation } from './judging.policy.ts';
import { assignments, judges, judgingRounds, roundEntries, roundResults, scoreSheets } from './judging.tables.ts';

export type RoundRow = typeof judgingRounds.$inferSelect;

/** An entry of the round with what the ranking shows of it (identity read live; results never). */
export interface EntryFact {
  entryId: string;
  themeId: string;
  themeCode: string;
  themeTitle: string;
  trackKey: string | null;
  number: string | null;
  title: string;
  organizationId: string;
  organizationName: string;
  partnerIds: string[];
  submittedAt: Date | null;
}

/** The round's live inputs: its entries, the submitted sheets of live assignments, the live assignments, names. */
export interface RoundFacts {
  entries: EntryFact[];
  sheets: SheetScores[];
  assignments: { judgeId: string; entryId: string }[];
  judgeNames: Map<string, string>;
}

/**
 * What a freeze stores per entry in round_results.breakdown (X-3: everything the published result rests on, so the
 * frozen ranking, its agreement figures and an applicant's breakdown are read from here and never recomputed from
 * sheets that could be changed later). Whether it is published is the round's column, not the breakdown's.
 */
export interface FrozenBreakdown {
  v: 1;
  groupKey: string;
  sheets: number;
  tooFewSheets: boolean;
  perCriterion: Record<string, number>;
  perJudge: {
    judgeId: string;
    name: string;
    raw: number;
    normalized: number | null;
    dropped: boolean;
    scores: Record<string, number>;
  }[];
  /** Judges assigned the entry at the freeze without a submitted sheet. */
  missingJudges: { judgeId: string; name: string }[];
  position: number | null;
  reason: string | null;
  formula: { method: RoundRow['method']; sheet: RoundRow['sheet']; tieBreak: string[] };
  rule: TResultRule;
}

export type FrozenRow = Omit<typeof roundResults.$inferSelect, 'breakdown'> & { breakdown: FrozenBreakdown };

/** The group an entry is ranked in: its theme, or theme and track when it entered a track. */
export const groupKeyOf = (e: { themeId: string; trackKey: string | null }) =>
  e.trackKey ? `${e.themeId}:${e.trackKey}` : e.themeId;

/** The round by id, locked FOR UPDATE when asked (inside the caller's transaction); NOT_FOUND when unknown. */
export async function loadRound(db: Queryable, roundId: string, lock = false): Promise<RoundRow> {
  const q = db.select().from(judgingRounds).where(eq(judgingRounds.id, roundId));
  const [round] = lock ? await q.for('update') : await q;
  if (!round) throw new AppError('NOT_FOUND');
  return round;
}

export interface ResultCaller {
  actor: Actor;
  access: JudgingAccess;
  panel: PanelRelation | null;
}

/** The caller's relation to the round's campaign: organizer staff (access) and/or a judge of its panel. */
export async function resultCaller(db: Queryable, actor: Actor | null, round: RoundRow): Promise<ResultCaller> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const { access } = await judgingAccess(db, actor, round.campaignId);
  return { actor, access, panel: access === null ? await panelRelation(db, actor, round.campaignId) : null };
}

/** The round's entries with their theme, number, title and unit, by entry id. */
export async function roundEntryFacts(db: Queryable, roundId: string): Promise<EntryFact[]> {
  return db
    .select({
      entryId: roundEntries.entryId,
      themeId: roundEntries.themeId,
      themeCode: campaignThemes.code,
      themeTitle: campaignThemes.title,
      trackKey: roundEntries.trackKey,
      number: entries.number,
      title: entries.title,
      organizationId: entries.organizationId,
      organizationName: organizations.name,
      partnerIds: entries.partnerIds,
      submittedAt: entries.submittedAt,
    })
    .from(roundEntries)
    .innerJoin(entries, eq(entries.id, roundEntries.entryId))
    .innerJoin(organizations, eq(organizations.id, entries.organizationId))
    .innerJoin(campaignThemes, eq(campaignThemes.id, roundEntries.themeId))
    .where(eq(roundEntries.roundId, roundId))
    .orderBy(asc(roundEntries.entryId));
}

/** Names of the given judges of the pool. */
export async function judgeNamesOf(db: Queryable, judgeIds: string[]): Promise<Map<string, string>> {
  if (judgeIds.length === 0) return new Map();
  const rows = await db
    .select({ id: judges.id, name: judges.name })
    .from(judges)
    .where(inArray(judges.id, [...new Set(judgeIds)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The round's live facts: submitted sheets of assignments still standing (a removed judge's sheet does not count;
 * an abstention is not a score), and the standing assignments for the sheets missing.
 */
export async function liveFacts(db: Queryable, round: RoundRow): Promise<RoundFacts> {
  const entryFacts = await roundEntryFacts(db, round.id);
  const sheets = await db
    .select({ judgeId: scoreSheets.judgeId, entryId: scoreSheets.entryId, scores: scoreSheets.scores })
    .from(scoreSheets)
    .innerJoin(assignments, eq(assignments.id, scoreSheets.assignmentId))
    .where(and(eq(scoreSheets.roundId, round.id), eq(scoreSheets.status, 'submitted'), eq(assignments.status, 'assigned')));
  const live = await db
    .select({ judgeId: assignments.judgeId, entryId: assignments.entryId })
    .from(assignments)
    .where(and(eq(assignments.roundId, round.id), eq(assignments.status, 'assigned')));
  const judgeNames = await judgeNamesOf(db, [...live.map((a) => a.judgeId), ...sheets.map((s) => s.judgeId)]);
  return { entries: entryFacts, sheets, assignments: live, judgeNames };
}

/**
 * The round's stated tie-break as rankRound's ascending keys: `criterion:<key>` — more points first, the entry's
 * mean over its submitted sheets, negated; `submittedAt` — the entry submitted earlier first.
 */
function tieBreakKeys(round: RoundRow, e: EntryFact, sheets: readonly SheetScores[]): number[] {
  return round.tieBreak.map((item) => {
    if (item === 'submittedAt') return e.submittedAt ? e.submittedAt.getTime() : Number.POSITIVE_INFINITY;
    const key = item.slice('criterion:'.length);
    const points = sheets.map((s) => s.scores[key]).filter((v): v is number => typeof v === 'number');
    return points.length > 0 ? -(points.reduce((a, b) => a + b, 0) / points.length) : Number.POSITIVE_INFINITY;
  });
}

/** rankRound's input for the round's live facts: its method and sheet, groups by theme (and track). */
export function rankInputOf(round: RoundRow, facts: RoundFacts): RankInput {
  const byEntry = new Map<string, SheetScores[]>();
  for (const s of facts.sheets) byEntry.set(s.entryId, [...(byEntry.get(s.entryId) ?? []), s]);
  return {
    spec: round.sheet,
    method: round.method,
    sheets: facts.sheets,
    entries: facts.entries.map((e) => ({
      entryId: e.entryId,
      groupKey: groupKeyOf(e),
      tieBreak: tieBreakKeys(round, e, byEntry.get(e.entryId) ?? []),
    })),
  };
}

/** The round's frozen rows, by entry id. */
export async function frozenRows(db: Queryable, roundId: string): Promise<FrozenRow[]> {
  const rows = await db.select().from(roundResults).where(eq(roundResults.roundId, roundId)).orderBy(asc(roundResults.entryId));
  return rows.map((r) => ({ ...r, breakdown: r.breakdown as FrozenBreakdown }));
}
