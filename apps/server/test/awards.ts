import { SEED_000_SHEET } from '@casearena/contract';
import { and, asc, eq, like } from 'drizzle-orm';
import { auditEvents, roundEntries, roundResults } from '../src/db/schema.ts';
import type { Client, TestApp } from './app.ts';
import { judgingCampaign, judgingRound, type PassedEntry, passedEntry } from './judging.ts';

/** The tiers a frozen seed-000 round gives (S0-10), as judging's freeze stores its rule in each row's breakdown. */
export const TIER_RULE = {
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: 20 },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: 30 },
  ],
  rounding: 'ceil',
  ties: 'include-ties',
};

export interface AwardsWorld {
  campaignId: string;
  organizerId: string;
  manager: Client;
  roundId: string;
  /** Three passed entries of three hospitals in the first theme: 卓越 rank 1, 卓越 rank 2, 优秀 rank 3; one more without a tier. */
  entries: [PassedEntry, PassedEntry, PassedEntry, PassedEntry];
}

/**
 * A published seed-000 call of a fresh organizer (no voting phase, no stage) with four passed entries of four
 * hospitals in its first theme and a frozen judging round whose results give them 卓越, 卓越, 优秀 and no tier —
 * written straight into round_results as judging's freeze writes them. The default rules then compute the tiers,
 * 最佳组织奖 and 最佳管理奖; medals and popularity have no source (AWARD_SOURCE_MISSING).
 */
export async function awardsWorld(t: TestApp): Promise<AwardsWorld> {
  const setup = await judgingCampaign(t);
  const made: PassedEntry[] = [];
  for (let i = 0; i < 4; i += 1) made.push(await passedEntry(t, setup));
  const round = await judgingRound(t, setup.campaign.id, { status: 'frozen', sheet: SEED_000_SHEET });
  const now = t.clock.now();
  const db = t.app.ctx.db;
  await db.insert(roundEntries).values(made.map((e) => ({ roundId: round.id, entryId: e.id, themeId: e.themeId, addedAt: now })));
  const tiers = ['outstanding', 'outstanding', 'excellent', null];
  await db.insert(roundResults).values(
    made.map((e, i) => ({
      roundId: round.id,
      entryId: e.id,
      score: 90 - i * 5,
      rank: i + 1,
      tier: tiers[i] ?? null,
      advanced: false,
      breakdown: { rule: TIER_RULE },
      frozenAt: now,
    })),
  );
  return {
    campaignId: setup.campaign.id,
    organizerId: setup.organizer.id,
    manager: setup.manager,
    roundId: round.id,
    entries: made as AwardsWorld['entries'],
  };
}

/** The set's audit events (kind and data), oldest first. */
export async function awardsAudit(t: TestApp, campaignId: string) {
  const rows = await t.app.ctx.db
    .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, campaignId), like(auditEvents.kind, 'awards.%')))
    .orderBy(asc(auditEvents.seq));
  return rows.map((e) => ({ kind: e.kind, actorId: e.actorId, data: e.data as Record<string, unknown> }));
}
