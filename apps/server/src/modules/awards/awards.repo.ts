import type { TAwardSetState } from '@casearena/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { awardSets, awards } from './awards.tables.ts';
import { defaultRules } from './default-rules.ts';

export type AwardSetRow = typeof awardSets.$inferSelect;

/** The set's state and version, or null for a campaign whose set was never written (it shows draft). */
export async function readAwardSetState(
  db: Queryable,
  campaignId: string,
): Promise<{ state: TAwardSetState; version: number } | null> {
  const [row] = await db
    .select({ state: awardSets.state, version: awardSets.version })
    .from(awardSets)
    .where(eq(awardSets.campaignId, campaignId));
  return row ?? null;
}

/** The set's row, or what a campaign without one shows: draft, version 0, its template's default rules. */
export async function loadAwardSet(db: Queryable, campaignId: string): Promise<AwardSetRow> {
  const [row] = await db.select().from(awardSets).where(eq(awardSets.campaignId, campaignId));
  if (row) return row;
  const [campaign] = await db
    .select({ templateKey: campaigns.templateKey, createdAt: campaigns.createdAt })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (!campaign) throw new AppError('NOT_FOUND');
  return {
    campaignId,
    state: 'draft',
    rules: defaultRules(campaign.templateKey),
    version: 0,
    computedAt: null,
    frozenAt: null,
    finalAt: null,
    createdAt: campaign.createdAt,
    updatedAt: campaign.createdAt,
  };
}

/**
 * The set's row locked for the caller's transaction (FOR UPDATE), written first (draft, version 0, the default
 * rules) for a campaign that has none, so every writer compares and sets on a row.
 */
export async function lockAwardSet(tx: Tx, campaignId: string, at: Date): Promise<AwardSetRow> {
  const [found] = await tx.select().from(awardSets).where(eq(awardSets.campaignId, campaignId)).for('update');
  if (found) return found;
  const shown = await loadAwardSet(tx, campaignId);
  await tx
    .insert(awardSets)
    .values({ campaignId, state: 'draft', rules: shown.rules, version: 0, createdAt: at, updatedAt: at })
    .onConflictDoNothing();
  const [row] = await tx.select().from(awardSets).where(eq(awardSets.campaignId, campaignId)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** One live award with its names, as the notice, the certificates and the honour list show it. */
export interface LiveAward {
  id: string;
  campaignId: string;
  ruleKey: string;
  kind: string;
  level: string;
  levelOrder: number;
  labelZh: string;
  labelEn: string;
  themeId: string | null;
  themeTitle: string | null;
  themePosition: number | null;
  trackKey: string | null;
  entryId: string | null;
  entryNumber: string | null;
  entryTitle: string | null;
  organizationId: string;
  organizationName: string;
  position: number;
  honourZh: string | null;
  honourEn: string | null;
  tied: boolean;
}

/** The rules' order in the set, for ordering awards by rule. */
export function ruleOrderOf(rules: readonly { key: string }[]): Map<string, number> {
  return new Map(rules.map((r, i) => [r.key, i]));
}

/** Every award row of the set with its names (removed ones too when `withRemoved`), unordered. */
export async function awardRows(db: Queryable, campaignId: string, withRemoved: boolean) {
  return db
    .select({
      a: awards,
      themeTitle: campaignThemes.title,
      themePosition: campaignThemes.position,
      entryNumber: entries.number,
      entryTitle: entries.title,
      organizationName: organizations.name,
    })
    .from(awards)
    .innerJoin(organizations, eq(organizations.id, awards.organizationId))
    .leftJoin(campaignThemes, eq(campaignThemes.id, awards.themeId))
    .leftJoin(entries, eq(entries.id, awards.entryId))
    .where(and(eq(awards.campaignId, campaignId), withRemoved ? undefined : isNull(awards.removedAt)))
    .orderBy(sql`${campaignThemes.position} asc nulls last`, asc(awards.levelOrder), asc(awards.position), asc(awards.id));
}

export type AwardRowWithNames = Awaited<ReturnType<typeof awardRows>>[number];

/** Orders rows by theme position (campaign-wide last), the rule's place in the set, level, position. */
export function sortAwardRows<
  T extends { a: { ruleKey: string; levelOrder: number; position: number; id: string }; themePosition: number | null },
>(rows: T[], order: Map<string, number>): T[] {
  const theme = (r: T) => (r.themePosition === null ? Number.MAX_SAFE_INTEGER : r.themePosition);
  return rows.sort(
    (x, y) =>
      theme(x) - theme(y) ||
      (order.get(x.a.ruleKey) ?? 99) - (order.get(y.a.ruleKey) ?? 99) ||
      x.a.levelOrder - y.a.levelOrder ||
      x.a.position - y.a.position ||
      (x.a.id < y.a.id ? -1 : 1),
  );
}

/**
 * The set's live awards (not removed), ordered by theme position (campaign-wide awards last), the rule's place in
 * the set, level order and position. For the notices and certificates modules (through index.ts).
 */
export async function listLiveAwards(db: Queryable, campaignId: string): Promise<LiveAward[]> {
  const set = await readAwardSetRules(db, campaignId);
  const rows = sortAwardRows(await awardRows(db, campaignId, false), ruleOrderOf(set));
  return rows.map(({ a, ...names }) => ({
    id: a.id,
    campaignId: a.campaignId,
    ruleKey: a.ruleKey,
    kind: a.kind,
    level: a.level,
    levelOrder: a.levelOrder,
    labelZh: a.labelZh,
    labelEn: a.labelEn,
    themeId: a.themeId,
    themeTitle: names.themeTitle,
    themePosition: names.themePosition,
    trackKey: a.trackKey,
    entryId: a.entryId,
    entryNumber: a.entryId ? names.entryNumber : null,
    entryTitle: a.entryId ? names.entryTitle : null,
    organizationId: a.organizationId,
    organizationName: names.organizationName,
    position: a.position,
    honourZh: a.honourZh,
    honourEn: a.honourEn,
    tied: a.figures.tied,
  }));
}

async function readAwardSetRules(db: Queryable, campaignId: string) {
  const [row] = await db.select({ rules: awardSets.rules }).from(awardSets).where(eq(awardSets.campaignId, campaignId));
  return row?.rules ?? [];
}
