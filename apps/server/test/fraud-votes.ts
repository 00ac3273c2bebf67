import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { entries, users, voteCounts, votes } from '../src/db/schema.ts';
import { shanghaiDate } from '../src/platform/clock/index.ts';
import { Client, type TestApp } from './app.ts';
import { applicantOf, organizerMember, publishedCampaign } from './entries.ts';
import { buildOrganization, signedInAs } from './factories.ts';

// Fixtures for the fraud tests (issue 9 item 5): hand-made votes written straight into the vote tables with their
// counts, so each figure of the dashboard and each void preview can be worked out by hand.

export type Caller = 'anonymous' | 'registered' | 'applicant' | 'screener' | 'manager' | 'admin';
export const CALLERS: readonly Caller[] = ['anonymous', 'registered', 'applicant', 'screener', 'manager', 'admin'];

export interface FraudWorld {
  campaignId: string;
  themes: Array<{ id: string; code: string }>;
  hospitals: string[];
  callers: Record<Caller, Client>;
}

/** A published seed-000 campaign with three hospitals and one caller of each kind (the applicant is of hospital 0). */
export async function fraudWorld(t: TestApp): Promise<FraudWorld> {
  const { organizer, campaign } = await publishedCampaign(t);
  const hospitals = [];
  for (let i = 0; i < 4; i += 1) hospitals.push((await buildOrganization(t)).id);
  const callers: Record<Caller, Client> = {
    anonymous: new Client(t.app),
    registered: (await signedInAs(t, 'user')).client,
    applicant: (await applicantOf(t, hospitals[0] as string)).client,
    screener: (await organizerMember(t, organizer.id, 'screener')).client,
    manager: (await organizerMember(t, organizer.id, 'manager')).client,
    admin: (await signedInAs(t, 'admin')).client,
  };
  return { campaignId: campaign.id, themes: campaign.themes, hospitals, callers };
}

/** A passed entry of the hospital in the theme, numbered as given. */
export async function passedEntry(t: TestApp, w: FraudWorld, hospital: number, theme: number, number: string) {
  const author = await voter(t, new Date('2026-01-01T00:00:00Z'));
  const themeId = w.themes[theme]?.id as string;
  const [row] = await t.app.ctx.db
    .insert(entries)
    .values({
      campaignId: w.campaignId,
      themeId,
      organizationId: w.hospitals[hospital] as string,
      authorId: author,
      title: `案例${number}`,
      status: 'passed',
      number,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    .returning({ id: entries.id });
  return { id: row?.id as string, themeId, number };
}

/** An account created at the given moment (no password needed: voters here never sign in). */
export async function voter(t: TestApp, createdAt: Date): Promise<string> {
  const [row] = await t.app.ctx.db
    .insert(users)
    .values({ name: '投票人', passwordHash: 'x', createdAt, updatedAt: createdAt })
    .returning({ id: users.id });
  return row?.id as string;
}

const WEIGHT = { none: 1, professional: 15, institution: 50 } as const;

export interface VoteSpec {
  entry: { id: string; themeId: string };
  voterId: string;
  at: Date;
  ip: string;
  deviceId: string | null;
  level: keyof typeof WEIGHT;
  /** A void's id (an earlier voiding). */
  voidId?: string;
}

/** Writes the votes and sets each touched entry's vote_counts row to what the rows say. Returns the vote ids. */
export async function castVotes(t: TestApp, campaignId: string, specs: readonly VoteSpec[]): Promise<string[]> {
  const db = t.app.ctx.db;
  const rows = await db
    .insert(votes)
    .values(
      specs.map((s) => ({
        campaignId,
        themeId: s.entry.themeId,
        entryId: s.entry.id,
        voterId: s.voterId,
        day: shanghaiDate(s.at),
        castAt: s.at,
        weight: WEIGHT[s.level],
        level: s.level,
        ip: s.ip,
        deviceId: s.deviceId,
        idempotencyKey: randomBytes(9).toString('base64url'),
        voidId: s.voidId ?? null,
      })),
    )
    .returning({ id: votes.id });
  for (const entryId of new Set(specs.map((s) => s.entry.id))) await recount(t, entryId);
  return rows.map((r) => r.id);
}

/** The entry's count from its rows (what `votes verify` recomputes). */
export async function recount(t: TestApp, entryId: string) {
  const db = t.app.ctx.db;
  const all = await db.select().from(votes).where(eq(votes.entryId, entryId));
  const counted = all.filter((v) => v.voidId === null);
  const voided = all.filter((v) => v.voidId !== null);
  const first = all[0];
  if (!first) return;
  const row = {
    entryId,
    campaignId: first.campaignId,
    themeId: first.themeId,
    weight: counted.reduce((s, v) => s + v.weight, 0),
    votes: counted.length,
    voidedWeight: voided.reduce((s, v) => s + v.weight, 0),
    voidedVotes: voided.length,
    lastVoteAt: counted.length ? new Date(Math.max(...counted.map((v) => v.castAt.getTime()))) : null,
  };
  await db.insert(voteCounts).values(row).onConflictDoUpdate({ target: voteCounts.entryId, set: row });
}

export async function countOf(t: TestApp, entryId: string) {
  const [row] = await t.app.ctx.db.select().from(voteCounts).where(eq(voteCounts.entryId, entryId));
  return row && { ...row, lastVoteAt: row.lastVoteAt?.toISOString() ?? null };
}

export const someVoidId = () => randomUUID();
